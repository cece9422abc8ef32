package io.guichet.live.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.guichet.live.LiveReport;
import io.guichet.live.LiveSessionService;
import io.guichet.live.LiveQuestionService;
import io.guichet.live.LiveReportService;
import io.guichet.live.LiveSession;
import io.guichet.live.Question;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Elision;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.QrCodes;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.live.web.LiveViews.Bar;
import io.guichet.live.web.LiveViews.Board;
import io.guichet.live.web.LiveViews.Figures;
import io.guichet.live.web.LiveViews.Item;
import io.guichet.live.web.LiveViews.Option;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/*
 * Over 300 lines: the screens of a live session (list, settings form, moderation board, presenter,
 * report, public page) share one view-building vocabulary; the JSON API and the sockets are apart.
 */
/** The screens of live sessions: the staff list and form, moderation console, presenter view and report; the public page. */
public final class LiveScreens {
    private static final int PRESENTER_TOP = 5;
    private static final int PRESENTER_ANSWERED = 3;
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/live.css"), List.of("/static/live-staff.js"));
    private static final FormErrors SESSION_ERRORS = new FormErrors("live-session",
            Set.of("slug", "titleFr", "titleEn", "startsAt", "endsAt", "blocklist", "services"),
            Map.of("slug_taken", "slug", "unknown_service", "services"));

    private final LiveSessionService sessions;
    private final LiveQuestionService questions;
    private final LiveReportService reports;
    private final ServiceCatalogue services;
    private final WebKernel web;
    private final LiveSockets sockets;
    private final StaffShells shells;
    private final Times times;
    private final String publicUrl;
    private final IdentityService identity;

    public LiveScreens(LiveSessionService sessions, LiveQuestionService questions, LiveReportService reports, ServiceCatalogue services,
                       IdentityService identity, WebKernel web, LiveSockets sockets, StaffShells shells, Times times, String publicUrl) {
        this.identity = identity;
        this.publicUrl = publicUrl;
        this.sessions = sessions;
        this.questions = questions;
        this.reports = reports;
        this.services = services;
        this.web = web;
        this.sockets = sockets;
        this.shells = shells;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/live", ctx -> sessionsPage(ctx, null));
        r.post("/live", this::create);
        // A help-centre draft from an answered question (the moderation console's "Faire un article").
        r.post("/kb/capture/live/{slug}/{id}", ctx -> ctx.redirect("/kb/articles/"
                + questions.doDraftArticle(Authenticated.forPage(ctx), ctx.pathParam("slug"), Ids.path(ctx, "id", "Question")).id()));
        r.get("/live/{slug}/edit", ctx -> {
            Staff me = Authenticated.forPage(ctx);
            LiveSession s = sessions.accessSettings(me, ctx.pathParam("slug"));
            editPage(ctx, me, s, formOf(web.localizer(ctx), ctx, s));
        });
        r.post("/live/{slug}/edit", this::update);
        r.post("/live/{slug}/start", ctx -> {
            sessions.doStart(Authenticated.forPage(ctx), ctx.pathParam("slug"));
            ctx.redirect("/live/" + ctx.pathParam("slug") + "/moderate");
        });
        r.post("/live/{slug}/end", ctx -> {
            sessions.doEnd(Authenticated.forPage(ctx), ctx.pathParam("slug"));
            ctx.redirect("/live/" + ctx.pathParam("slug") + "/moderate");
        });
        r.get("/live/{slug}/moderate", this::moderatePage);
        r.get("/live/{slug}/moderate/board", ctx -> renderBoard(ctx, null, null));
        r.post("/live/{slug}/moderate/q/{id}/{action}", this::moderate);
        r.post("/live/{slug}/moderate/approve-all", ctx -> {
            questions.doApproveAll(Authenticated.forPage(ctx), ctx.pathParam("slug"));
            afterModeration(ctx, null, null);
        });
        r.get("/live/{slug}/present", this::presentPage);
        r.get("/live/{slug}/present/board", ctx -> {
            Localizer t = web.localizer(ctx);
            LiveSession s = sessions.findSession(ctx.pathParam("slug"));
            web.renderTo(ctx, "live/fragments/present-board.jte", Map.of("v", presentBoard(Authenticated.forPage(ctx), t, s)));
        });
        r.get("/live/{slug}/report", this::reportPage);
        r.get("/e/{slug}", this::wallPage);
    }

    // ---------------------------------------------------------------- sessions

    private void sessionsPage(Context ctx, LiveViews.SessionForm form) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        List<LiveViews.SessionRow> rows = sessions.accessSessions(me).stream().map(s -> new LiveViews.SessionRow(
                s.slug(), s.title(t.lang()), when(t, s), sessions.phase(s).code(), t.t("live.phase." + sessions.phase(s).code()))).toList();
        LiveViews.SessionForm f = form != null ? form : emptyForm(t, ctx);
        web.renderTo(ctx, "live/sessions.jte", Map.of("v", new LiveViews.SessionsPage(shell(ctx), rows, f, me.isSupervisor())));
    }

    private void create(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        try {
            LiveSession s = sessions.doCreateSession(me, parseForm(ctx, ctx.formParam("slug")));
            ctx.redirect("/live/" + s.slug() + "/moderate");
        } catch (ApiError e) {
            if (e.status() == 403) throw e;
            ctx.status(e.status());
            sessionsPage(ctx, submittedForm(t, ctx, "/live", false, e));
        }
    }

    private void update(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        LiveSession s = sessions.findSession(ctx.pathParam("slug"));
        try {
            sessions.doUpdateSession(me, s.slug(), parseForm(ctx, s.slug()));
            ctx.redirect("/live/" + s.slug() + "/moderate");
        } catch (ApiError e) {
            if (e.status() == 403) throw e;
            ctx.status(e.status());
            editPage(ctx, me, s, submittedForm(t, ctx, "/live/" + s.slug() + "/edit", true, e));
        }
    }

    private void editPage(Context ctx, Staff me, LiveSession s, LiveViews.SessionForm form) {
        Localizer t = web.localizer(ctx);
        web.renderTo(ctx, "live/edit.jte", Map.of("v", new LiveViews.EditPage(shell(ctx), s.title(t.lang()), form)));
    }

    private LiveSessionService.SessionForm parseForm(Context ctx, String slug) {
        List<String> blocklist = Arrays.stream(Objects.requireNonNullElse(ctx.formParam("blocklist"), "").split("[,\\n]"))
                .map(String::strip).filter(w -> !w.isEmpty()).toList();
        return new LiveSessionService.SessionForm(slug, ctx.formParam("titleFr"), ctx.formParam("titleEn"),
                ctx.formParam("descriptionFr"), ctx.formParam("descriptionEn"),
                times.parseLocalInput("startsAt", ctx.formParam("startsAt")), times.parseLocalInput("endsAt", ctx.formParam("endsAt")),
                !"post".equals(ctx.formParam("moderation")), "on".equals(ctx.formParam("anonymous")), blocklist,
                ctx.formParams("services"));
    }

    private LiveViews.SessionForm emptyForm(Localizer t, Context ctx) {
        return new LiveViews.SessionForm(t, WebKernel.csrf(ctx), "/live", false, "", "", "", "", "", "", "", true, true, "",
                services(List.of()), null, null);
    }

    private LiveViews.SessionForm formOf(Localizer t, Context ctx, LiveSession s) {
        return new LiveViews.SessionForm(t, WebKernel.csrf(ctx), "/live/" + s.slug() + "/edit", true, s.slug(),
                s.titleFr(), s.titleEn(), s.descriptionFr(), s.descriptionEn(), times.localInput(s.startsAt()),
                times.localInput(s.endsAt()), s.preModeration(), s.allowAnonymous(), String.join("\n", s.blocklist()),
                services(s.serviceIds().stream().map(id -> services.findById(id).slug()).toList()), null, null);
    }

    /** The form as submitted, with the error next to its field: nothing the person typed is lost. */
    private LiveViews.SessionForm submittedForm(Localizer t, Context ctx, String action, boolean editing, ApiError e) {
        FormErrors.Shown error = SESSION_ERRORS.of(e, t);
        return new LiveViews.SessionForm(t, WebKernel.csrf(ctx), action, editing, value(ctx, "slug"), value(ctx, "titleFr"),
                value(ctx, "titleEn"), value(ctx, "descriptionFr"), value(ctx, "descriptionEn"), value(ctx, "startsAt"),
                value(ctx, "endsAt"), !"post".equals(ctx.formParam("moderation")), "on".equals(ctx.formParam("anonymous")),
                value(ctx, "blocklist"), services(ctx.formParams("services")), error.field(), error.message());
    }

    private static String value(Context ctx, String field) {
        return Objects.requireNonNullElse(ctx.formParam(field), "");
    }

    private List<Option> services(List<String> selected) {
        return services.findActive().stream()
                .map(s -> new Option(s.slug(), s.nameFr() + " · " + s.nameEn(), selected.contains(s.slug()))).toList();
    }

    // ---------------------------------------------------------------- moderation console

    private void moderatePage(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        LiveSession s = sessions.findSession(ctx.pathParam("slug"));
        Board board = board(ctx, me, t, s, null, null);
        String phase = sessions.phase(s).code();
        Bar bar = new Bar(t, WebKernel.csrf(ctx), s.slug(), s.title(t.lang()), when(t, s), phase, t.t("live.phase." + phase));
        web.renderTo(ctx, "live/moderate.jte", Map.of("v", new LiveViews.ModeratePage(shell(ctx), bar, board)));
    }

    private void moderate(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        String slug = ctx.pathParam("slug");
        long id = Ids.path(ctx, "id", "Question");
        String error = null;
        Long dismissed = null;
        try {
            switch (ctx.pathParam("action")) {
                case "approve" -> questions.doApprove(me, slug, id);
                case "dismiss" -> {
                    questions.doDismiss(me, slug, id);
                    dismissed = id;
                }
                case "restore" -> questions.doRestore(me, slug, id);
                case "highlight" -> sessions.doHighlight(me, slug, id);
                case "unhighlight" -> sessions.doHighlight(me, slug, null);
                case "answer" -> questions.doAnswer(me, slug, id, ctx.formParam("body"));
                case "edit" -> questions.doEdit(me, slug, id, ctx.formParam("body"));
                case "merge" -> questions.doMerge(me, slug, id, Ids.lookup(ctx.formParam("into"), "Question"));
                default -> throw ApiError.notFound("Action");
            }
        } catch (ApiError e) {
            if (e.status() == 403 || e.status() == 401) throw e;
            error = web.localizer(ctx).t(e.status() == 422 ? "live.error.moderationText" : "live.error.moderation");
        }
        afterModeration(ctx, error, dismissed);
    }

    /** The board again (htmx), with the undo of a dismissal beside it; without scripts, the page. */
    private void afterModeration(Context ctx, String error, Long dismissed) {
        if (!WebKernel.isHtmx(ctx)) {
            ctx.redirect("/live/" + ctx.pathParam("slug") + "/moderate");
            return;
        }
        renderBoard(ctx, error, dismissed);
    }

    private void renderBoard(Context ctx, String error, Long dismissed) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        LiveSession s = sessions.findSession(ctx.pathParam("slug"));
        web.renderTo(ctx, "live/fragments/board.jte", Map.of("v", board(ctx, me, t, s, error, dismissed)));
    }

    private Board board(Context ctx, Staff me, Localizer t, LiveSession s, String error, Long dismissed) {
        List<Question> all = questions.accessQuestions(me, s.slug());
        Long highlighted = s.highlightedQuestionId();
        List<Question> pub = all.stream().filter(q -> q.visibility() == Question.Visibility.PUBLIC).toList();
        List<Item> pending = pub.stream().filter(q -> q.status() == Question.Status.PENDING).map(q -> item(t, q, highlighted)).toList();
        List<Item> published = pub.stream().filter(Question::onWall)
                .sorted(Comparator.comparing(Question::answered).thenComparing(Comparator.comparingInt(Question::votes).reversed())
                        .thenComparing(Question::createdAt))
                .map(q -> item(t, q, highlighted)).toList();
        List<Item> closed = pub.stream().filter(q -> !q.moderatable()).map(q -> item(t, q, highlighted)).toList();
        List<Option> targets = pub.stream().filter(Question::moderatable)
                .map(q -> new Option(Long.toString(q.id()), "#" + q.id() + " · " + shorten(q.body()), false)).toList();
        Figures figures = figures(t, reports.accessFigures(me, s.slug(), sockets.viewers(s.id())), false);
        int privateCount = (int) all.stream().filter(q -> q.visibility() == Question.Visibility.PRIVATE).count();
        return new Board(t, s.slug(), WebKernel.csrf(ctx), figures, pending, published, closed, targets, privateCount, error, dismissed);
    }

    private static String shorten(String text) {
        return text.length() <= 60 ? text : text.substring(0, 59) + "…";
    }

    private Item item(Localizer t, Question q, Long highlighted) {
        String service = q.serviceId() == null ? null : serviceName(t, q.serviceId());
        return new Item(q.id(), q.body(), q.originalBody(), q.authorName(), service, q.votes(), q.status().code(),
                q.heldReason() != null, q.advance(), q.answer(), answerLabel(t, q), highlighted != null && highlighted == q.id(),
                times.clock(q.createdAt(), t), times.iso(q.createdAt()));
    }

    private String answerLabel(Localizer t, Question q) {
        if (q.answeredBy() == null) return t.t("live.answer");
        String name = identity.staffName(q.answeredBy());
        return t.t("live.answerBy", name, Elision.de(name));
    }

    private String serviceName(Localizer t, long serviceId) {
        ServiceQueue s = services.findById(serviceId);
        return "en".equals(t.lang()) ? s.nameEn() : s.nameFr();
    }

    private Figures figures(Localizer t, LiveReport.Figures f, boolean afterwards) {
        List<LiveViews.ServiceFigure> services = f.services().stream().map(p -> new LiveViews.ServiceFigure(
                p.serviceId() == null ? t.t("live.figures.noService") : serviceName(t, p.serviceId()),
                p.asked(), p.answered(), duration(t, p.medianFirstAnswer()))).toList();
        return new Figures(t, f.viewers(), f.peakViewers(), f.asked(), f.pending(), f.answeredPercent(),
                duration(t, f.medianFirstAnswer()), services, afterwards);
    }

    private static String duration(Localizer t, Duration d) {
        if (d == null) return "—";
        long seconds = d.toSeconds();
        return seconds < 60 ? t.t("live.duration.seconds", seconds) : t.t("live.duration.minutes", seconds / 60, seconds % 60);
    }

    // ---------------------------------------------------------------- presenter and report

    private LiveViews.PresentBoard presentBoard(Staff me, Localizer t, LiveSession s) {
        Objects.requireNonNull(me);
        Long highlighted = s.highlightedQuestionId();
        List<Question> wall = questions.findWall(s.slug(), true);
        Item shown = wall.stream().filter(q -> highlighted != null && q.id() == highlighted).findFirst()
                .map(q -> item(t, q, highlighted)).orElse(null);
        List<Question> others = wall.stream().filter(q -> highlighted == null || q.id() != highlighted).toList();
        List<Item> top = others.stream().filter(q -> !q.answered()).limit(PRESENTER_TOP).map(q -> item(t, q, highlighted)).toList();
        // The room sees what was answered too, the latest first: an answered question is never "no question yet".
        List<Item> answered = others.stream().filter(Question::answered)
                .sorted(Comparator.comparing(Question::answeredAt, Comparator.nullsLast(Comparator.reverseOrder())))
                .limit(PRESENTER_ANSWERED).map(q -> item(t, q, highlighted)).toList();
        String phase = sessions.phase(s).code();
        return new LiveViews.PresentBoard(t, shown, top, answered, wall.isEmpty(), sockets.viewers(s.id()), t.t("live.phase." + phase));
    }

    /** The presenter view: the board, and the join address with its QR code for the room's phones. */
    private void presentPage(Context ctx) {
        Localizer t = web.localizer(ctx);
        Staff me = Authenticated.forPage(ctx);
        LiveSession s = sessions.findSession(ctx.pathParam("slug"));
        String join = joinUrl(s);
        web.renderTo(ctx, "live/present.jte", Map.of("v", new LiveViews.PresentPage(t, s.slug(), s.title(t.lang()), join,
                displayed(join), QrCodes.svg(join, t.t("live.present.qr", displayed(join))), presentBoard(me, t, s))));
    }

    /** Where the room joins: the public page on the institution's public address. */
    private String joinUrl(LiveSession s) {
        return publicUrl + "/e/" + s.slug();
    }

    /** The address as a person types it: no scheme to read aloud. */
    private static String displayed(String url) {
        return url.replaceFirst("^https?://", "");
    }

    private void reportPage(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        LiveReport.Full report = reports.accessReport(me, ctx.pathParam("slug"));
        LiveSession s = report.session();
        int max = report.perHour().stream().mapToInt(LiveReport.PerHour::asked).max().orElse(1);
        List<LiveViews.HourRow> hours = report.perHour().stream().map(h -> new LiveViews.HourRow(
                t.t("live.report.hourLabel", times.date(LocalDate.parse(h.day()), t), h.hour()), h.asked(), Math.max(2, 100 * h.asked() / max))).toList();
        web.renderTo(ctx, "live/report.jte", Map.of("v", new LiveViews.ReportPage(shell(ctx), s.slug(), s.title(t.lang()),
                when(t, s), figures(t, report.figures(), true), hours,
                report.topUnanswered().stream().map(q -> item(t, q, null)).toList(), report.figures().privateQuestions())));
    }

    // ---------------------------------------------------------------- the public page

    private void wallPage(Context ctx) {
        Localizer t = web.localizer(ctx);
        LiveSession s = sessions.findSession(ctx.pathParam("slug"));
        List<Option> choices = s.serviceIds().stream().map(services::findById)
                .map(q -> new Option(q.slug(), "en".equals(t.lang()) ? q.nameEn() : q.nameFr(), false)).toList();
        web.renderTo(ctx, "live/wall.jte", Map.of("v", new LiveViews.WallPage(t, times.zone().getId(), s.slug(), s.title(t.lang()), s.description(t.lang()),
                sessions.phase(s).code(), times.iso(s.startsAt()), times.iso(s.endsAt()), when(t, s), s.allowAnonymous(), choices)));
    }

    // ---------------------------------------------------------------- shared

    private StaffShell shell(Context ctx) {
        return shells.of(ctx, "live", ASSETS);
    }

    /** "dimanche 1 mars 2026, de 19 h 00 à 21 h 00" in the reader's language and the institution's time zone. */
    private String when(Localizer t, LiveSession s) {
        String fromDay = times.fullDate(s.startsAt(), t);
        String toDay = times.fullDate(s.endsAt(), t);
        String from = times.clock(s.startsAt(), t);
        String to = times.clock(s.endsAt(), t);
        return fromDay.equals(toDay)
                ? t.t("live.when.sameDay", fromDay, from, to)
                : t.t("live.when.range", fromDay + " " + from, toDay + " " + to);
    }
}
