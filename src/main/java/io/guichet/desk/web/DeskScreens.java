package io.guichet.desk.web;

import io.guichet.desk.Category;
import io.guichet.desk.DeskService;
import io.guichet.desk.DeskService.Actor;
import io.guichet.desk.DeskService.SittingDay;
import io.guichet.desk.DeskWords;
import io.guichet.desk.Incident;
import io.guichet.desk.Sitting;
import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
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
import io.javalin.http.HttpStatus;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The helpdesk's screens in the staff shell: the incident list (filters, newest first, pages), an incident's view
 * (what happened, its steps, acknowledge and decide), and the day view of an exam morning. A faculty account sees the
 * list and views of its own faculty's incidents only (the service filters; another faculty's incident is 404).
 */
public final class DeskScreens {
    /** In the lead's menu (the top bar is full): the incidents for the helpdesk and faculty accounts, the day for the helpdesk. */
    public static final NavEntry<Staff> NAV = NavEntry.<Staff>of("desk", "nav.desk", "/desk/incidents", Access::canListIncidents)
            .withSection(List.of(NavEntry.of("desk.incidents", "desk.nav.incidents", "/desk/incidents", Access::canListIncidents),
                    NavEntry.of("desk.day", "desk.nav.day", "/desk/day", Access::canRunDesk), CallRoutes.CALLS_NAV, CallRoutes.NAV, SittingImportPage.NAV));
    static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/desk/staff.css"), List.of());
    /** The list follows the socket's incident frames. */
    private static final StaffShell.Assets LIST_ASSETS = new StaffShell.Assets(List.of("/static/desk/staff.css"), List.of("/static/desk/incidents.js"));
    static final int PAGE = 25;
    private static final Duration DAY_AHEAD = Duration.ofHours(4);
    private static final List<String> KINDS = List.of("continue", "resit", "oral", "no_action", "other");

    private final DeskService desk;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;
    private final Clock clock;

    public DeskScreens(DeskService desk, WebKernel web, StaffShells shells, Times times, Clock clock) {
        this.desk = desk;
        this.web = web;
        this.shells = shells;
        this.times = times;
        this.clock = clock;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/desk/incidents", this::list);
        r.get("/desk/incidents/new", ctx -> form(ctx, null));
        r.post("/desk/incidents/new", this::create);
        r.get("/desk/incidents/{id}", ctx -> view(ctx, null, 200));
        r.post("/desk/incidents/{id}/acknowledge", ctx -> act(ctx, false));
        r.post("/desk/incidents/{id}/outcome", ctx -> act(ctx, true));
        r.get("/desk/day", this::day);
    }

    // ---------------------------------------------------------------- the list

    public record Option(String value, String label, boolean selected) {
    }

    /** A line of the list: who, which exam, what, when, and where it stands. */
    public record Row(long id, String href, String student, String course, String category, String created, String createdIso,
                      String state, String stateLabel, boolean afterEnd) {
    }

    public record ListPage(StaffShell s, List<Option> sittings, List<Option> states, List<Option> categories, boolean filtered,
                           List<Row> rows, String previousUrl, String nextUrl, String liveUrl, String summaryUrl) {
    }

    private void list(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        DeskService.Filter f = filter(ctx);
        int page = page(ctx);
        var result = desk.accessIncidentPage(me, f, page * PAGE, PAGE);
        List<Option> sittings = new ArrayList<>();
        sittings.add(new Option("", t.t("desk.list.all_sittings"), f.sittingId() == null));
        for (Sitting s : desk.accessSittingChoices(me, clock.instant()))
            sittings.add(new Option(Long.toString(s.id()), s.courseCode() + " — " + times.clock(s.startsAt(), t), Long.valueOf(s.id()).equals(f.sittingId())));
        List<Option> states = new ArrayList<>();
        states.add(new Option("", t.t("desk.list.all_states"), f.state() == null));
        for (Incident.State s : Incident.State.values()) states.add(new Option(s.key(), t.t("desk.state." + s.key()), s == f.state()));
        List<Option> categories = new ArrayList<>();
        categories.add(new Option("", t.t("desk.list.all_categories"), f.category() == null));
        for (Category c : Category.values()) categories.add(new Option(c.key(), t.t("desk.category." + c.key()), c == f.category()));
        List<Row> rows = result.incidents().stream().map(i -> row(i, t)).toList();
        String query = query(f);
        web.renderTo(ctx, "desk/staff/incidents.jte", Map.of("v", new ListPage(shells.of(ctx, "desk.incidents", LIST_ASSETS), sittings, states, categories,
                !query.isEmpty(), rows, page == 0 ? null : url(query, page - 1), result.more() ? url(query, page + 1) : null, ctx.fullUrl(),
                f.sittingId() == null ? null : "/desk/sittings/" + f.sittingId())));
    }

    private Row row(Incident i, Localizer t) {
        return new Row(i.id(), "/desk/incidents/" + i.id(), student(i, t), course(i.sitting()), t.t("desk.category." + i.category().key()),
                times.messageTime(i.createdAt(), t), times.iso(i.createdAt()), i.state().key(), t.t("desk.state." + i.state().key()), i.afterEnd());
    }

    private static DeskService.Filter filter(Context ctx) {
        String category = blank(ctx.queryParam("category"));
        Category c = category == null ? null : Category.of(category);
        String state = blank(ctx.queryParam("state"));
        Incident.State s = state == null ? null : Incident.State.of(state);
        String sitting = blank(ctx.queryParam("sitting"));
        Long sittingId = null;
        if (sitting != null) {
            try {
                sittingId = Long.parseLong(sitting);
            } catch (NumberFormatException e) {
                sittingId = null; // a hand-edited address: show every sitting rather than an error page
            }
        }
        return new DeskService.Filter(sittingId, null, c, s, null);
    }

    private static int page(Context ctx) {
        try {
            return Math.max(0, Math.min(10_000, Integer.parseInt(ctx.queryParamAsClass("page", String.class).getOrDefault("0"))));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String query(DeskService.Filter f) {
        Map<String, String> q = new LinkedHashMap<>();
        if (f.sittingId() != null) q.put("sitting", f.sittingId().toString());
        if (f.state() != null) q.put("state", f.state().key());
        if (f.category() != null) q.put("category", f.category().key());
        StringBuilder b = new StringBuilder();
        q.forEach((k, v) -> b.append(b.isEmpty() ? "" : "&").append(k).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return b.toString();
    }

    private static String url(String query, int page) {
        String p = page == 0 ? "" : "page=" + page;
        String all = query.isEmpty() ? p : p.isEmpty() ? query : query + "&" + p;
        return "/desk/incidents" + (all.isEmpty() ? "" : "?" + all);
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---------------------------------------------------------------- one incident

    /** A step of the incident's story, in order: opened, told, escalated, acknowledged, decided. */
    public record Step(String label, String at, String atIso, boolean done) {
    }

    public record ViewPage(StaffShell s, Row incident, String description, String startedAt, String sittingLine, String warning,
                           List<Step> steps, boolean canAcknowledge, boolean canDecide, String outcome, String outcomeMessage,
                           List<Option> kinds, String error, String contactUrl, String summaryUrl, String noMailPage, String rating, String ratingComment) {
    }

    private void view(Context ctx, String error, int status) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        Incident i = desk.accessIncident(me, Ids.path(ctx, "id", "Incident"));
        Sitting s = i.sitting();
        List<Step> steps = new ArrayList<>();
        steps.add(step(t.t("desk.step.opened"), i.createdAt(), t));
        steps.add(step(t.t("desk.step.told"), i.notifiedAt(), t));
        if (i.escalatedAt() != null) steps.add(step(t.t("desk.step.escalated"), i.escalatedAt(), t));
        steps.add(i.acknowledgedAt() == null ? new Step(t.t("desk.step.not_acknowledged"), null, null, false)
                : step(t.t("desk.step.acknowledged", i.acknowledgedBy()), i.acknowledgedAt(), t));
        steps.add(i.outcome() == null ? new Step(t.t("desk.step.no_outcome"), null, null, false)
                : step(t.t("desk.step.decided", i.outcome().by()), i.outcome().at(), t));
        List<Option> kinds = KINDS.stream().map(k -> new Option(k, t.t("desk.kind." + k), false)).toList();
        var rating = desk.findRating(i.id());
        String sittingLine = t.t("desk.view.sitting", times.dateTime(s.startsAt(), t), times.clock(s.endsAt(), t), s.faculty().name());
        ctx.status(status);
        web.renderTo(ctx, "desk/staff/incident.jte", Map.of("v", new ViewPage(shells.of(ctx, "desk.incidents", ASSETS), row(i, t), i.description(),
                times.clock(i.startedAt(), t), sittingLine, i.afterEnd() ? t.t("desk.decide.after_end") : null, steps,
                i.acknowledgedAt() == null && i.outcome() == null, i.outcome() == null,
                i.outcome() == null ? null : DeskWords.outcome(i.outcome(), t, times), i.outcome() == null ? null : i.outcome().message(), kinds, error,
                Access.isStaff(me) ? "/console/contacts/" + i.contactId() : null, "/desk/sittings/" + s.id(),
                i.studentHasEmail() || !Access.canRunDesk(me) ? null : desk.accessStudentPage(me, i.id()),
                rating.map(r -> t.t("widget.chat.rate" + r.score())).orElse(null), rating.map(Incident.Rating::comment).orElse(null))));
    }

    private Step step(String label, Instant at, Localizer t) {
        return new Step(label, times.clock(at, t), times.iso(at), true);
    }

    private void act(Context ctx, boolean outcome) {
        Staff me = Authenticated.forPage(ctx);
        long id = Ids.path(ctx, "id", "Incident");
        try {
            if (outcome) {
                String at = blank(ctx.formParam("oralAt"));
                desk.doRecordOutcome(Actor.of(me), id, new DeskService.OutcomeDraft(ctx.formParam("kind"), ctx.formParam("message"),
                        DeskRoutes.optInt(ctx.formParam("extraMinutes")), at == null ? null : times.parseLocalInput("oralAt", at), ctx.formParam("oralWhere"), null));
            } else {
                desk.doAcknowledge(Actor.of(me), id);
            }
            ctx.redirect("/desk/incidents/" + id, HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            if (e.status() != 422 && e.status() != 409) throw e;
            Localizer t = web.localizer(ctx);
            view(ctx, t.t(e.status() == 409 ? "desk.decide.already" : "desk.decide.invalid"), e.status());
        }
    }

    // ---------------------------------------------------------------- a new incident (from the console's conversation, or from scratch)

    /** The form as typed: {@code clientId} made once per form, so a double submit opens one incident. */
    public record NewPage(StaffShell s, String clientId, Long contactId, String student, String studentNumber, Long conversationId, String callId,
                          List<Option> sittings, List<Option> categories, String description, String startedAt, String error) {
    }

    private void form(Context ctx, String error) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireDesk(me);
        Localizer t = web.localizer(ctx);
        Long contactId = longParam(ctx, "contact");
        Long conversationId = longParam(ctx, "conversation");
        String chosenSitting = blank(param(ctx, "sittingId"));
        String chosenCategory = blank(param(ctx, "category"));
        Instant now = clock.instant();
        List<Option> sittings = desk.accessSittingsAround(me, now, Duration.ofHours(2)).stream()
                .sorted(java.util.Comparator.comparing((Sitting s) -> !s.runningAt(now)))
                .map(s -> new Option(Long.toString(s.id()), course(s) + " — " + times.clock(s.startsAt(), t), Long.toString(s.id()).equals(chosenSitting))).toList();
        List<Option> categories = java.util.Arrays.stream(Category.values())
                .map(c -> new Option(c.key(), t.t("desk.category." + c.key()), c.key().equals(chosenCategory))).toList();
        String clientId = blank(param(ctx, "clientId"));
        String started = blank(param(ctx, "startedAt"));
        ctx.status(error == null ? 200 : 422);
        web.renderTo(ctx, "desk/staff/new.jte", Map.of("v", new NewPage(shells.of(ctx, "desk.incidents", ASSETS),
                clientId == null ? java.util.UUID.randomUUID().toString() : clientId, contactId,
                contactId == null ? null : desk.accessStudentLabel(me, contactId), nz(param(ctx, "studentNumber")), conversationId,
                blank(param(ctx, "call")), sittings, categories,
                nz(param(ctx, "description")), started == null ? times.localInput(now) : started, error)));
    }

    private void create(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        try {
            String started = blank(ctx.formParam("startedAt"));
            var opened = desk.doOpenIncident(me, new DeskService.IncidentDraft(ctx.formParam("clientId"), blank(ctx.formParam("studentNumber")),
                    longParam(ctx, "contact"), longParam(ctx, "sittingId"), null, ctx.formParam("category"), ctx.formParam("description"),
                    started == null ? null : times.parseLocalInput("startedAt", started), longParam(ctx, "conversation"), blank(ctx.formParam("call"))));
            ctx.redirect("/desk/incidents/" + opened.incident().id(), HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            String field = switch (e.field() == null ? "" : e.field()) {
                case "description" -> "desk.new.description";
                case "sittingId" -> "desk.new.sitting";
                case "startedAt" -> "desk.new.started";
                case "category" -> "desk.list.category";
                default -> "desk.new.student_number";
            };
            form(ctx, t.t("desk.new.invalid", t.t(field)));
        }
    }

    /** A form's field, else the address's (the form posts back to itself). */
    private static String param(Context ctx, String name) {
        String v = ctx.formParam(name);
        return v != null ? v : ctx.queryParam(name);
    }

    private static Long longParam(Context ctx, String name) {
        String v = blank(param(ctx, name));
        if (v == null) return null;
        try {
            return Long.parseLong(v.strip());
        } catch (NumberFormatException e) {
            throw ApiError.invalid(name, name + " must be a whole number");
        }
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    // ---------------------------------------------------------------- the day

    public record DayRow(String course, String title, String hours, String faculty, String mode, boolean running, int incidents, int waiting,
                         String incidentsUrl, String summaryUrl) {
    }

    public record DayPage(StaffShell s, String now, List<DayRow> running, List<DayRow> soon) {
    }

    private void day(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        Instant now = clock.instant();
        List<DayRow> running = new ArrayList<>();
        List<DayRow> soon = new ArrayList<>();
        for (SittingDay d : desk.accessDay(me, now, DAY_AHEAD)) {
            Sitting s = d.sitting();
            DayRow row = new DayRow(s.courseCode(), s.courseTitle(), times.clock(s.startsAt(), t) + " – " + times.clock(s.endsAt(), t), s.faculty().name(),
                    t.t("desk.mode." + s.mode().key()), d.running(), d.incidents(), d.waiting(), "/desk/incidents?sitting=" + s.id(), "/desk/sittings/" + s.id());
            (d.running() ? running : soon).add(row);
        }
        web.renderTo(ctx, WebKernel.isHtmx(ctx) ? "desk/staff/day-sittings.jte" : "desk/staff/day.jte",
                Map.of("v", new DayPage(shells.of(ctx, "desk.day", ASSETS), times.clock(now, t), running, soon)));
    }

    static String student(Incident i, Localizer t) {
        return i.studentName() == null ? t.t("desk.student.unnamed") : i.studentName();
    }

    static String course(Sitting s) {
        return s.courseCode() + " — " + s.courseTitle();
    }
}
