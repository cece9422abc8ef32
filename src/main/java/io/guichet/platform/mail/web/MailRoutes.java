package io.guichet.platform.mail.web;

import io.guichet.platform.mail.Mail;
import io.guichet.platform.mail.MailService;
import io.guichet.platform.mail.MailStatus;
import io.guichet.platform.mail.MailViewer;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The mail viewer ({@code /admin/mail}: the outbox like a local mail catcher, every mail with its headers,
 * text part and HTML part) and {@code GET /api/v1/mail}. {@code V} is the signed-in person, read from the
 * request by {@code viewerOf}; who may read is the {@link MailViewer}'s rule.
 */
public final class MailRoutes<V> {
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/mail/viewer.css"), List.of());

    /** The viewer's entry in the staff navigation, for those {@code audience} admits. */
    public static <V> NavEntry<V> nav(Predicate<? super V> audience) {
        return NavEntry.of("mail", "nav.mail", "/admin/mail", audience);
    }

    private final MailViewer<V> viewer;
    private final MailService mail;
    private final Function<Context, V> viewerOf;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    public MailRoutes(MailViewer<V> viewer, MailService mail, Function<Context, V> viewerOf, WebKernel web, StaffShells shells, Times times) {
        this.viewer = viewer;
        this.mail = mail;
        this.viewerOf = viewerOf;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/api/v1/mail", this::listJson);
        config.routes.get("/api/v1/mail/{id}", this::oneJson);
        config.routes.get("/admin/mail", this::listPage);
        config.routes.get("/admin/mail/{id}", this::onePage);
    }

    /** {@code ?status=} names one status or is absent (all); anything else is refused, not ignored. */
    private static Mail.Status status(Context ctx) {
        String value = ctx.queryParam("status");
        if (value == null || value.isEmpty()) return null;
        Mail.Status status = Mail.Status.of(value);
        if (status == null) throw new ApiError(400, "invalid", "status is queued, sent, failed or kept", "status");
        return status;
    }

    private static long before(Context ctx) {
        String value = ctx.queryParam("before");
        return value == null || value.isEmpty() ? 0 : Ids.field("before", value);
    }

    private void listJson(Context ctx) {
        Mail.Status status = status(ctx);
        List<Mail> mails = viewer.accessMails(viewerOf.apply(ctx), status, before(ctx), MailViewer.PAGE + 1);
        boolean more = mails.size() > MailViewer.PAGE;
        List<Mail> page = more ? mails.subList(0, MailViewer.PAGE) : mails;
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("mails", page.stream().map(m -> json(m, false)).toList());
        out.put("next", more ? page.getLast().id() : null);
        ctx.json(out);
    }

    private void oneJson(Context ctx) {
        long id = Ids.path(ctx, "id", "Mail");
        ctx.json(json(viewer.accessMail(viewerOf.apply(ctx), id).orElseThrow(() -> ApiError.notFound("Mail")), true));
    }

    private Map<String, Object> json(Mail m, boolean parts) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", m.id());
        out.put("messageId", m.messageId());
        out.put("status", m.status().key());
        out.put("purpose", m.purpose().key());
        out.put("contactId", m.contactId());
        out.put("to", m.to());
        out.put("toName", m.toName());
        out.put("lang", m.lang());
        out.put("kind", m.kind());
        out.put("subject", m.subject());
        out.put("queuedAt", times.offset(m.queuedAt()));
        out.put("doneAt", m.doneAt() == null ? null : times.offset(m.doneAt()));
        out.put("attempts", m.attempts());
        out.put("lastError", m.lastError());
        out.put("inReplyTo", m.inReplyTo());
        out.put("references", m.references());
        out.put("listUnsubscribe", m.unsubscribeUrl());
        if (parts) {
            out.put("text", m.text());
            out.put("html", m.html());
        }
        return out;
    }

    private void listPage(Context ctx) {
        StaffShell shell = shells.of(ctx, "mail", ASSETS);
        Mail.Status status = status(ctx);
        List<Mail> mails = viewer.accessMails(viewerOf.apply(ctx), status, before(ctx), MailViewer.PAGE + 1);
        boolean more = mails.size() > MailViewer.PAGE;
        List<Mail> page = more ? mails.subList(0, MailViewer.PAGE) : mails;
        Localizer t = shell.t();
        List<MailViews.Row> rows = page.stream().map(m -> new MailViews.Row(m.id(), times.dateTime(m.queuedAt(), t),
                times.iso(m.queuedAt()), recipient(m), m.subject(), m.kind(), t.t("mail.purpose." + m.purpose().key()),
                m.status().key(), t.t("mail.status." + m.status().key()), m.attempts())).toList();
        String older = more ? "/admin/mail?" + (status == null ? "" : "status=" + status.key() + "&") + "before=" + page.getLast().id() : null;
        web.renderTo(ctx, "mailviewer/list.jte", Map.of("v", new MailViews.ListPage(shell, summary(t), status == null ? "" : status.key(),
                rows, older)));
    }

    private void onePage(Context ctx) {
        StaffShell shell = shells.of(ctx, "mail", ASSETS);
        long id = Ids.path(ctx, "id", "Mail");
        Mail m = viewer.accessMail(viewerOf.apply(ctx), id).orElseThrow(() -> ApiError.notFound("Mail"));
        Localizer t = shell.t();
        String from = mail.settings().institutionName() + " <" + mail.settings().from() + ">";
        web.renderTo(ctx, "mailviewer/mail.jte", Map.of("v", new MailViews.MailPage(shell, m, from, recipient(m),
                t.t("mail.status." + m.status().key()), t.t("mail.purpose." + m.purpose().key()), times.dateTime(m.queuedAt(), t),
                m.doneAt() == null ? null : times.dateTime(m.doneAt(), t))));
    }

    private static String recipient(Mail m) {
        return m.toName() == null ? m.to() : m.toName() + " <" + m.to() + ">";
    }

    /** How mail leaves (or that it is kept), what waits, the last error. */
    private MailViews.Summary summary(Localizer t) {
        MailStatus s = mail.status();
        String how = s.delivers() ? t.t("mail.viewer.delivering", mail.settings().smtp().host(), mail.settings().ratePerMinute())
                : t.t("mail.viewer.kept");
        String waiting = s.delivers() ? t.t("mail.viewer.waiting", s.queued(), s.oldestWait().toMinutes()) : null;
        String error = s.lastError() == null ? null : t.t("mail.viewer.lastError", s.lastError());
        return new MailViews.Summary(s.delivers(), how, waiting, error);
    }
}
