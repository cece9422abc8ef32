package io.guichet.people.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.Viewer;
import io.guichet.people.ContactMerges;
import io.guichet.people.ContactSummary;
import io.guichet.people.PrivacyService;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON API of duplicates and merges (docs/api.md, "Duplicates and merges"). */
public final class MergeRoutes {
    private final ContactMerges merges;
    private final WebKernel web;
    private final Times times;
    private final Clock clock;
    private final PrivacyService privacy;

    public MergeRoutes(ContactMerges merges, PrivacyService privacy, WebKernel web, Times times, Clock clock) {
        this.merges = merges;
        this.privacy = privacy;
        this.web = web;
        this.times = times;
        this.clock = clock;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/contacts/{id}/merge", ctx -> {
            Viewer viewer = Authenticated.viewer(ctx);
            long otherId = Ids.field("otherId", JsonBody.of(ctx, web.json()).text("otherId"));
            ctx.json(Map.of("merge", merge(merges.doMerge(viewer, contactId(ctx), otherId))));
            privacy.doAudit(viewer.staff(), "merge", contactId(ctx), WebKernel.clientIp(ctx), "#" + otherId); // the audit log (Loi 25)
        });
        r.get("/api/v1/contacts/{id}/merges", ctx -> ctx.json(Map.of("merges",
                merges.accessMerges(Authenticated.viewer(ctx), contactId(ctx)).stream().map(this::merge).toList())));
        r.post("/api/v1/contacts/{id}/merges/{mergeId}/undo", ctx -> {
            Viewer viewer = Authenticated.viewer(ctx);
            ctx.json(Map.of("merge", merge(merges.doUndo(viewer, contactId(ctx), Ids.path(ctx, "mergeId", "Merge")))));
            privacy.doAudit(viewer.staff(), "merge", contactId(ctx), WebKernel.clientIp(ctx), "undo");
        });
        r.get("/api/v1/contacts/{id}/duplicates", ctx -> ctx.json(Map.of("duplicates",
                merges.accessDuplicates(Authenticated.viewer(ctx), contactId(ctx)).stream()
                        .map(c -> Map.of("contact", summary(c.contact()), "reasons", c.reasons())).toList())));
        r.post("/api/v1/contacts/{id}/duplicates/dismiss", ctx -> {
            Viewer viewer = Authenticated.viewer(ctx);
            long otherId = Ids.field("otherId", JsonBody.of(ctx, web.json()).text("otherId"));
            merges.doDismiss(viewer, contactId(ctx), otherId);
            ctx.status(204);
        });
        r.get("/api/v1/duplicates", ctx -> ctx.json(Map.of("duplicates",
                merges.accessAllDuplicates(Authenticated.viewer(ctx)).stream()
                        .map(p -> Map.of("newer", summary(p.newer()), "older", summary(p.older()), "reasons", p.reasons())).toList())));
    }

    private static long contactId(Context ctx) {
        return Ids.path(ctx, "id", "Contact");
    }

    private Map<String, Object> merge(ContactMerges.Merge m) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(m.id()));
        json.put("survivorId", Long.toString(m.survivorId()));
        json.put("mergedId", Long.toString(m.mergedId()));
        json.put("mergedName", m.mergedName());
        json.put("identitiesMoved", m.identities());
        json.put("entriesMoved", m.entries());
        json.put("mergedAt", times.offset(m.mergedAt()));
        json.put("undoableUntil", times.offset(m.undoableUntil()));
        json.put("undoneAt", m.undoneAt() == null ? null : times.offset(m.undoneAt()));
        json.put("undoable", m.undoable(clock.instant()));
        return json;
    }

    private Map<String, Object> summary(ContactSummary c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(c.id()));
        json.put("name", c.label());
        json.put("city", c.city());
        json.put("programme", c.programme());
        json.put("kinds", c.kinds());
        json.put("emails", c.emails());
        json.put("phones", c.phones());
        json.put("createdAt", times.offset(c.createdAt()));
        json.put("lastActivityAt", times.offset(c.lastActivityAt()));
        return json;
    }
}
