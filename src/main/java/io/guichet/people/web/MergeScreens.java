package io.guichet.people.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Viewer;
import io.guichet.people.ContactMerges;
import io.guichet.people.ContactSummary;
import io.guichet.people.ContactTimeline;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The contact page's timeline section and duplicates box, the comparison before a merge, and the forms that
 * merge, dismiss a proposal and undo a merge (each answers with the contact page again, saying what happened).
 */
public final class MergeScreens {
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/people/contacts.css", "/static/people/merges.css"), List.of());
    /** Refusals the contact page explains in words (message {@code merges.error.<code>}); any other is the usual error page. */
    private static final Set<String> EXPLAINED = Set.of("self_merge", "already_merged", "erased", "already_undone", "merged_since", "undo_expired");

    private final ContactTimeline timeline;
    private final ContactMerges merges;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;
    private final Clock clock;

    public MergeScreens(ContactTimeline timeline, ContactMerges merges, WebKernel web, StaffShells shells, Times times, Clock clock) {
        this.timeline = timeline;
        this.merges = merges;
        this.web = web;
        this.shells = shells;
        this.times = times;
        this.clock = clock;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/console/contacts/{id}/timeline", ctx -> {
            long id = Ids.path(ctx, "id", "Contact");
            if (!WebKernel.isHtmx(ctx)) {
                ctx.redirect("/console/contacts/" + id + "#contact-timeline");
                return;
            }
            web.renderTo(ctx, "people/fragments/timeline-items.jte", Map.of("v",
                    timeline(Authenticated.viewerForPage(ctx), web.localizer(ctx), id, ctx.queryParam("cursor"))));
        });
        r.get("/people/duplicates", this::all);
        r.post("/people/duplicates/dismiss", ctx -> {
            merges.doDismiss(Authenticated.viewerForPage(ctx), Ids.field("contactId", ctx.formParam("contactId")), Ids.field("otherId", ctx.formParam("otherId")));
            ctx.redirect("/people/duplicates?dismissed=1");
        });
        r.get("/console/contacts/{id}/merge", this::compare);
        r.post("/console/contacts/{id}/merge", ctx -> act(ctx, "merged",
                (me, id) -> merges.doMerge(me, id, Ids.field("otherId", ctx.formParam("otherId")))));
        r.post("/console/contacts/{id}/duplicates/dismiss", ctx -> act(ctx, "dismissed",
                (me, id) -> merges.doDismiss(me, id, Ids.field("otherId", ctx.formParam("otherId")))));
        r.post("/console/contacts/{id}/merges/{mergeId}/undo", ctx -> act(ctx, "undone",
                (me, id) -> merges.doUndo(me, id, Ids.path(ctx, "mergeId", "Merge"))));
    }

    /** The timeline section of the contact page (or the next page of it). */
    public MergeViews.Timeline timeline(Viewer me, Localizer t, long contactId, String cursor) {
        ContactTimeline.Page page = timeline.accessTimeline(me, contactId, cursor);
        List<MergeViews.TimelineItem> items = page.entries().stream().map(e -> new MergeViews.TimelineItem(times.iso(e.at()),
                times.dateTime(e.at(), t), e.module(), t.has("timeline.module." + e.module()) ? t.t("timeline.module." + e.module()) : e.module(),
                TimelineSentences.sentence(t, e), TimelineSentences.link(e))).toList();
        String more = page.next() == null ? null
                : "/console/contacts/" + page.contactId() + "/timeline?cursor=" + URLEncoder.encode(page.next(), StandardCharsets.UTF_8);
        return new MergeViews.Timeline(t, page.contactId(), items, more);
    }

    /** The duplicates box, or null for those who may not merge (the page leaves it out). */
    public MergeViews.Duplicates duplicates(Context ctx, Viewer me, Localizer t, long contactId) {
        if (!Access.canMergeContacts(me.staff())) return null;
        List<MergeViews.Duplicate> found = merges.accessDuplicates(me, contactId).stream().map(c -> new MergeViews.Duplicate(side(c.contact(), t),
                c.reasons().stream().map(r -> t.t("merges.reason." + r)).toList(),
                "/console/contacts/" + contactId + "/merge?other=" + c.contact().id())).toList();
        List<MergeViews.UndoableMerge> undoable = merges.accessMerges(me, contactId).stream().filter(m -> m.undoable(clock.instant()))
                .map(m -> new MergeViews.UndoableMerge(m.mergedName(), times.dateTime(m.mergedAt(), t),
                        times.date(m.undoableUntil(), t), "/console/contacts/" + contactId + "/merges/" + m.id() + "/undo")).toList();
        String done = ctx.queryParam("merges");
        String notice = done != null && Set.of("merged", "dismissed", "undone").contains(done) ? t.t("merges.done." + done) : null;
        String refused = ctx.queryParam("mergeError");
        String error = refused != null && EXPLAINED.contains(refused) ? t.t("merges.error." + refused) : null;
        return new MergeViews.Duplicates(t, WebKernel.csrf(ctx), contactId, found, undoable, notice, error);
    }

    /** Every possible duplicate at once, newest first, for supervisors: compare each pair, or keep it apart. */
    private void all(Context ctx) {
        Viewer me = Authenticated.viewerForPage(ctx);
        Localizer t = web.localizer(ctx);
        List<MergeViews.Pair> pairs = merges.accessAllDuplicates(me).stream().map(p -> new MergeViews.Pair(side(p.newer(), t), side(p.older(), t),
                p.reasons().stream().map(r -> t.t("merges.reason." + r)).toList(),
                "/console/contacts/" + p.older().id() + "/merge?other=" + p.newer().id())).toList();
        web.renderTo(ctx, "people/duplicates.jte", Map.of("v", new MergeViews.AllDuplicates(shells.of(ctx, "contacts.list", ASSETS), pairs,
                ctx.queryParam("dismissed") != null ? t.t("merges.done.dismissed") : null)));
    }

    private void compare(Context ctx) {
        Viewer me = Authenticated.viewerForPage(ctx);
        Localizer t = web.localizer(ctx);
        long id = Ids.path(ctx, "id", "Contact");
        long other = Ids.lookup(ctx.queryParam("other"), "Contact");
        Access.requireMergeContacts(me.staff());
        ContactSummary kept = merges.accessSummary(me, id);
        ContactSummary merged = merges.accessSummary(me, other);
        List<String> reasons = merges.accessDuplicates(me, id).stream().filter(c -> c.contact().id() == merged.id())
                .flatMap(c -> c.reasons().stream()).map(r -> t.t("merges.reason." + r)).toList();
        web.renderTo(ctx, "people/merge.jte", Map.of("v", new MergeViews.Compare(shells.of(ctx, "contacts.list", ASSETS), side(kept, t), side(merged, t),
                reasons, "/console/contacts/" + kept.id() + "/merge", "/console/contacts/" + kept.id() + "/duplicates/dismiss",
                "/console/contacts/" + merged.id() + "/merge?other=" + kept.id(), "/console/contacts/" + kept.id())));
    }

    private interface Action {
        void apply(Viewer me, long contactId);
    }

    /** Does it and goes back to the contact page, which says what happened or, for a refusal it can explain, why not. */
    private void act(Context ctx, String done, Action action) {
        Viewer me = Authenticated.viewerForPage(ctx);
        long id = Ids.path(ctx, "id", "Contact");
        try {
            action.apply(me, id);
            ctx.redirect("/console/contacts/" + id + "?merges=" + done + "#contact-duplicates");
        } catch (ApiError e) {
            if (!EXPLAINED.contains(e.code())) throw e;
            ctx.redirect("/console/contacts/" + id + "?mergeError=" + e.code() + "#contact-duplicates");
        }
    }

    private MergeViews.Side side(ContactSummary c, Localizer t) {
        return new MergeViews.Side(c.id(), c.displayName(t), "/console/contacts/" + c.id(),
                c.kinds().stream().map(k -> t.t("contacts.kind." + k)).toList(), c.emails(), c.phones(), c.city(), c.programme(),
                times.dateTime(c.createdAt(), t), times.dateTime(c.lastActivityAt(), t));
    }
}
