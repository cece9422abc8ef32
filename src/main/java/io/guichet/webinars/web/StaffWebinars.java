package io.guichet.webinars.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.platform.web.CsvWriter;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.webinars.Registration;
import io.guichet.people.ContactField;
import io.guichet.webinars.RegistrationQuestion;
import io.guichet.webinars.RegistrationQuestions;
import io.guichet.webinars.WebinarNumbers;
import io.guichet.webinars.WebinarNumbers.Numbers;
import io.guichet.webinars.WebinarNumbers.Row;
import io.guichet.webinars.WebinarService;
import io.guichet.webinars.WebinarSession;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webinars' staff screens ({@code /webinars}): the programme (sessions, series, events) and the form that adds a
 * session, a session's registrations and waitlist with its Q&A wall, and the numbers of a session, series or event
 * with their chart and CSV.
 */
public final class StaffWebinars {
    public static final NavEntry<Staff> NAV = NavEntry.of("webinars", "nav.webinars", "/webinars", Access::canRunWebinars);
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/webinars/staff.css"), List.of());
    public static final List<String> FIELDS = List.of("titleFr", "titleEn", "descriptionFr", "descriptionEn", "speakers", "capacity", "lang",
            "audiences", "startsAt", "endsAt", "externalUrl");
    private static final FormErrors ERRORS = new FormErrors("webinar-session", Set.copyOf(FIELDS), Map.of());
    static final List<String> QUESTION_FIELDS = List.of("scope", "contactField", "kind", "required", "labelFr", "labelEn", "optionsFr", "optionsEn");
    private static final FormErrors QUESTION_ERRORS = new FormErrors("webinar-question", Set.copyOf(QUESTION_FIELDS), Map.of());
    private static final int CHART_HEIGHT = 120, BAR = 14, GAP = 4;

    private final WebinarService webinars;
    private final RegistrationQuestions questions;
    private final WebinarNumbers numbers;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    public StaffWebinars(WebinarService webinars, RegistrationQuestions questions, WebinarNumbers numbers, WebKernel web, StaffShells shells,
                         Times times) {
        this.webinars = webinars;
        this.questions = questions;
        this.numbers = numbers;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/webinars", ctx -> index(ctx, null, 200));
        r.post("/webinars/sessions", this::create);
        r.get("/webinars/sessions/{id}", ctx -> session(ctx, Map.of(), Map.of(), 200));
        r.get("/webinars/sessions/{id}/registrations.csv", this::registrationsCsv);
        r.post("/webinars/sessions/{id}/questions", this::addQuestion);
        r.post("/webinars/sessions/{id}/questions/{question}/remove", ctx -> {
            Staff me = Authenticated.forPage(ctx);
            long session = webinars.findSession(Ids.path(ctx, "id", "Session")).id();
            questions.doRemove(me, Ids.path(ctx, "question", "Question"));
            ctx.redirect("/webinars/sessions/" + session, io.javalin.http.HttpStatus.SEE_OTHER);
        });
        r.post("/webinars/sessions/{id}/wall", ctx -> {
            Staff me = Authenticated.forPage(ctx);
            WebinarSession s = webinars.findSession(Ids.path(ctx, "id", "Session"));
            webinars.accessRegistrations(me, s.id()); // the same right as the session's page
            ctx.redirect("/live/" + webinars.doOpenWall(s.id()).slug() + "/moderate", io.javalin.http.HttpStatus.SEE_OTHER);
        });
        r.get("/webinars/numbers/{scope}/{ref}", ctx -> numbersPage(ctx, scopeNumbers(ctx)));
        r.get("/webinars/numbers/{scope}/{ref}/csv", ctx -> csv(ctx, scopeNumbers(ctx)));
    }

    private StaffShell shell(Context ctx) {
        return shells.of(ctx, "webinars", ASSETS);
    }

    // ---- the programme and the session form -----------------------------------------------------------------------

    private void index(Context ctx, StaffViews.SessionForm form, int status) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        Instant now = webinars.now();
        List<StaffViews.SessionRow> sessions = webinars.accessProgramme(me, now.minus(Duration.ofDays(30)), now.plus(Duration.ofDays(365))).stream()
                .map(s -> new StaffViews.SessionRow(s.id(), s.title(t.lang()), times.dateTime(s.startsAt(), t), seats(s), s.track())).toList();
        List<StaffViews.ScopeRow> series = webinars.findAllSeries().stream().map(s -> new StaffViews.ScopeRow(s.title(t.lang()),
                t.plural("webinars.staff.sessions", webinars.findSessionsOfSeries(s.id()).size()), "/webinars/numbers/series/" + s.id())).toList();
        List<StaffViews.ScopeRow> events = webinars.findEvents().stream().map(e -> new StaffViews.ScopeRow(e.title(t.lang()),
                times.date(e.firstDay(), t) + " – " + times.date(e.lastDay(), t), "/webinars/events/" + e.slug())).toList();
        StaffViews.SessionForm f = form != null ? form : new StaffViews.SessionForm(WebKernel.csrf(ctx), Map.of("lang", t.lang()), Map.of());
        ctx.status(status);
        web.renderTo(ctx, "webinars/staff.jte", Map.of("v", new StaffViews.IndexPage(shell(ctx), sessions, series, events, f)));
    }

    private static String seats(WebinarSession s) {
        return s.capacity() == null ? Integer.toString(s.registered()) : s.registered() + " / " + s.capacity();
    }

    /**
     * The form's POST: what this page parses (times, a number) and what the service checks are gathered, so every
     * refused field shows at once; a value this page refuses reaches the service as one it refuses too, so nothing is made.
     */
    private void create(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        Checks checks = new Checks();
        Instant startsAt = checks.check(() -> StaffProgrammeForms.localInput(webinars.zone(), "startsAt", ctx.formParam("startsAt")));
        Instant endsAt = checks.check(() -> StaffProgrammeForms.localInput(webinars.zone(), "endsAt", ctx.formParam("endsAt")));
        Integer capacity = checks.check(() -> capacity(ctx.formParam("capacity")));
        if (capacity == null && ctx.formParam("capacity") != null && !ctx.formParam("capacity").isBlank()) capacity = 0;
        try {
            WebinarSession s = null;
            try {
                s = webinars.doCreateSession(me, new WebinarService.SessionForm(ctx.formParam("titleFr"), ctx.formParam("titleEn"),
                        ctx.formParam("descriptionFr"), ctx.formParam("descriptionEn"), lines(ctx.formParam("speakers")), capacity,
                        ctx.formParam("lang"), lines(ctx.formParam("audiences")), startsAt, endsAt, ctx.formParam("externalUrl"), null, null, null));
            } catch (ApiError e) {
                if (e.status() == 403) throw e;
                e.all().forEach(checks::refuse); // after this page's own: the first refusal of a field is the one shown
            }
            checks.done();
            ctx.redirect("/webinars/sessions/" + s.id(), io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            if (e.status() == 403) throw e;
            Map<String, String> values = new HashMap<>();
            for (String field : FIELDS) if (ctx.formParam(field) != null) values.put(field, ctx.formParam(field));
            index(ctx, new StaffViews.SessionForm(WebKernel.csrf(ctx), values, ERRORS.all(e, t)), e.status());
        }
    }

    private static Integer capacity(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ApiError.invalid("capacity", "capacity is a whole number");
        }
    }

    private static List<String> lines(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[,\\n]")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    // ---- a session's registrations -------------------------------------------------------------------------------

    private void session(Context ctx, Map<String, String> typed, Map<String, String> errors, int status) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        WebinarSession s = webinars.findSession(Ids.path(ctx, "id", "Session"));
        List<Registration> all = webinars.accessRegistrations(me, s.id());
        List<RegistrationQuestion> asked = questions.findAsked(s);
        List<StaffViews.Person> registered = people(all, Registration.Status.REGISTERED, asked, t);
        List<StaffViews.Person> waitlist = people(all, Registration.Status.WAITLISTED, asked, t);
        int cancelled = (int) all.stream().filter(r -> r.status() == Registration.Status.CANCELLED).count();
        List<StaffViews.QuestionRow> rows = asked.stream().map(q -> new StaffViews.QuestionRow(q.id(), q.label(t.lang()),
                t.t("webinars.staff.question.scope." + (q.eventId() != null ? "event" : q.seriesId() != null ? "series" : "session")) + " · "
                        + t.t("webinars.staff.question.kind." + q.kind()) + (q.required() ? " · " + t.t("webinars.staff.question.required") : "")
                        + (q.optionsFr().isEmpty() ? "" : " · " + String.join(", ", q.options(t.lang())))
                        + (q.contactField() == null ? "" : " · " + t.t("webinars.staff.question.noted")))).toList();
        List<ContactField> contactFields = questions.accessContactFields(me);
        Map<String, String> values = typed.isEmpty() ? Map.of("scope", "session", "kind", "text", "required", "no") : typed;
        List<StaffViews.Field> fields = StaffProgrammeForms.fields(t, QUESTION_FIELDS, values, errors, field -> switch (field) {
            case "scope" -> {
                List<StaffViews.Choice> scopes = new ArrayList<>(List.of(new StaffViews.Choice("session", t.t("webinars.staff.question.scope.session"), "session".equals(values.get("scope")))));
                if (s.seriesId() != null) scopes.add(new StaffViews.Choice("series", t.t("webinars.staff.question.scope.series"), "series".equals(values.get("scope"))));
                if (s.eventId() != null) scopes.add(new StaffViews.Choice("event", t.t("webinars.staff.question.scope.event"), "event".equals(values.get("scope"))));
                yield scopes;
            }
            case "kind" -> List.of("text", "choice", "choices").stream().map(k -> new StaffViews.Choice(k, t.t("webinars.staff.question.kind." + k),
                    k.equals(values.get("kind")))).toList();
            case "required" -> List.of("no", "yes").stream().map(k -> new StaffViews.Choice(k, t.t("webinars.staff.question.required." + k),
                    k.equals(values.get("required")))).toList();
            case "contactField" -> {
                List<StaffViews.Choice> choices = new ArrayList<>(List.of(new StaffViews.Choice("", t.t("webinars.staff.question.ownQuestion"),
                        values.getOrDefault("contactField", "").isEmpty())));
                for (ContactField cf : contactFields) choices.add(new StaffViews.Choice(cf.key(), cf.label(t.lang()), cf.key().equals(values.get("contactField"))));
                yield choices;
            }
            default -> null;
        });
        fields = fields.stream().map(f -> f.name().equals("kind") // the same field name as a session's kind, its own words
                ? new StaffViews.Field(f.name(), t.t("webinars.staff.question.kindLabel"), f.type(), f.value(), f.error(), f.help(), f.choices()) : f).toList();
        StaffViews.Form form = new StaffViews.Form(t.t("webinars.staff.question.add"), "/webinars/sessions/" + s.id() + "/questions", WebKernel.csrf(ctx),
                t.t("webinars.staff.question.submit"), errors.get(FormErrors.FORM), fields);
        ctx.status(status);
        web.renderTo(ctx, "webinars/staff-session.jte", Map.of("v", new StaffViews.SessionPage(shell(ctx), s.id(), s.title(t.lang()),
                times.dateTime(s.startsAt(), t), seats(s), registered, waitlist, cancelled, ProgrammePages.SESSION + s.id(),
                s.liveSessionId() == null ? null : "/live/" + WebinarService.wallSlug(s) + "/moderate",
                asked.stream().map(q -> q.label(t.lang())).toList(), rows, form, "/webinars/sessions/" + s.id() + "/registrations.csv")));
    }

    private void addQuestion(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        long id = webinars.findSession(Ids.path(ctx, "id", "Session")).id();
        try {
            questions.doAdd(me, id, new RegistrationQuestions.QuestionForm(ctx.formParam("scope"), ctx.formParam("kind"), "yes".equals(ctx.formParam("required")),
                    ctx.formParam("labelFr"), ctx.formParam("labelEn"), optionLines(ctx.formParam("optionsFr")), optionLines(ctx.formParam("optionsEn")),
                    ctx.formParam("contactField")));
            ctx.redirect("/webinars/sessions/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            if (e.status() == 403 || e.status() == 404) throw e;
            session(ctx, StaffProgrammeForms.typed(ctx, QUESTION_FIELDS), QUESTION_ERRORS.all(e, t), e.status());
        }
    }

    /** One choice a line (a choice may hold a comma). */
    private static List<String> optionLines(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("\\R")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private List<StaffViews.Person> people(List<Registration> all, Registration.Status status, List<RegistrationQuestion> asked, Localizer t) {
        return all.stream().filter(r -> r.status() == status).map(r -> new StaffViews.Person(r.name(), r.email(), t.t("webinars.status." + r.status().code()),
                times.dateTime(r.createdAt(), t), asked.stream().map(q -> q.shown(r.answers().get(Long.toString(q.id())), t.lang())).toList())).toList();
    }

    /** Everyone of the session with their answers, for a spreadsheet: a cell a spreadsheet would run as a formula is written as text. */
    private void registrationsCsv(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        WebinarSession s = webinars.findSession(Ids.path(ctx, "id", "Session"));
        List<Registration> all = webinars.accessRegistrations(me, s.id());
        List<RegistrationQuestion> asked = questions.findAsked(s);
        List<String> header = new ArrayList<>(List.of("name", "email", "lang", "status", "registered_at"));
        asked.forEach(q -> header.add(q.label(t.lang())));
        ctx.contentType(CsvWriter.CONTENT_TYPE);
        ctx.header("Content-Disposition", "attachment; filename=\"inscriptions-" + s.id() + ".csv\"");
        ctx.result(CsvWriter.write(header, rows -> {
            for (Registration r : all) {
                List<Object> cells = new ArrayList<>(List.of(r.name(), r.email(), r.lang(), r.status().code(), times.spreadsheet(r.createdAt())));
                asked.forEach(q -> cells.add(q.shown(r.answers().get(Long.toString(q.id())), t.lang())));
                rows.add(cells.toArray());
            }
        }));
    }

    // ---- numbers -------------------------------------------------------------------------------------------------

    private Numbers scopeNumbers(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        String ref = ctx.pathParam("ref");
        return switch (ctx.pathParam("scope")) {
            case "session" -> numbers.accessSession(me, Ids.lookup(ref, "Session"));
            case "series" -> numbers.accessSeries(me, Ids.lookup(ref, "Series"));
            case "event" -> numbers.accessEvent(me, ref);
            default -> throw ApiError.notFound("Numbers");
        };
    }

    private void numbersPage(Context ctx, Numbers n) {
        Localizer t = web.localizer(ctx);
        Row total = n.total();
        List<StaffViews.Figure> totals = List.of(
                new StaffViews.Figure(t.t("webinars.numbers.registered"), Integer.toString(total.registered())),
                new StaffViews.Figure(t.t("webinars.numbers.waitlisted"), Integer.toString(total.waitlisted())),
                new StaffViews.Figure(t.t("webinars.numbers.cancelled"), Integer.toString(total.cancelled())),
                new StaffViews.Figure(t.t("webinars.numbers.attended"), total.attended() == null ? "—" : total.attended() + " · " + percent(total.attendanceRate())),
                new StaffViews.Figure(t.t("webinars.numbers.averageMinutes"), minutes(total.averageMinutes(), t)),
                new StaffViews.Figure(t.t("webinars.numbers.questions"), Integer.toString(total.questions())),
                new StaffViews.Figure(t.t("webinars.numbers.replays"), known(total.replayViews())),
                new StaffViews.Figure(t.t("webinars.numbers.firstTime"), Integer.toString(n.firstTime())),
                new StaffViews.Figure(t.t("webinars.numbers.returning"), Integer.toString(n.returning())));
        List<List<String>> rows = n.sessions().stream().map(r -> List.of(r.session().title(t.lang()), times.dateTime(r.session().startsAt(), t),
                Integer.toString(r.registered()), Integer.toString(r.waitlisted()), Integer.toString(r.cancelled()), known(r.attended()),
                percent(r.attendanceRate()), minutes(r.averageMinutes(), t), Integer.toString(r.questions()), known(r.replayViews()))).toList();
        List<StaffViews.Figure> regions = n.regions().entrySet().stream().map(e -> new StaffViews.Figure(
                regionLabel(e.getKey(), t), Integer.toString(e.getValue()))).toList();
        List<StaffViews.Bar> bars = bars(n.days(), t);
        web.renderTo(ctx, "webinars/staff-numbers.jte", Map.of("v", new StaffViews.NumbersPage(shell(ctx), n.title(t.lang()), totals, rows, regions,
                bars, Math.max(1, bars.size()) * (BAR + GAP), CHART_HEIGHT, ctx.path() + "/csv",
                ctx.pathParam("scope").equals("series") ? "/webinars/series/" + ctx.pathParam("ref") + "/edit" : null)));
    }

    /** "H2X (Montréal)": a Canadian forward sortation area with the region its first letter names; a country as it is. */
    private static String regionLabel(String region, Localizer t) {
        if (WebinarNumbers.UNKNOWN.equals(region)) return t.t("webinars.numbers.unknownRegion");
        String key = "webinars.region." + region.charAt(0);
        return region.matches("[A-Z][0-9][A-Z]") && t.has(key) ? t.t("webinars.numbers.region", region, t.t(key)) : region;
    }

    /** Registrations a day, scaled to the chart's height (the busiest day fills it). */
    private List<StaffViews.Bar> bars(Map<LocalDate, Integer> days, Localizer t) {
        int max = days.values().stream().mapToInt(Integer::intValue).max().orElse(1);
        List<StaffViews.Bar> bars = new ArrayList<>();
        int x = 0;
        for (var e : days.entrySet()) {
            bars.add(new StaffViews.Bar(times.date(e.getKey(), t), e.getValue(), x, Math.max(1, Math.round((float) CHART_HEIGHT * e.getValue() / max))));
            x += BAR + GAP;
        }
        return bars;
    }

    private static String known(Integer value) {
        return value == null ? "—" : value.toString();
    }

    private static String minutes(Integer value, Localizer t) {
        return value == null ? "—" : t.t("webinars.numbers.minutes", value);
    }

    private static String percent(Integer value) {
        return value == null ? "—" : value + " %";
    }

    private void csv(Context ctx, Numbers n) {
        Localizer t = web.localizer(ctx);
        List<String> header = List.of("session", "starts_at", "registered", "waitlisted", "cancelled", "attended", "attendance_rate", "average_minutes",
                "questions", "replay_views");
        ctx.contentType(CsvWriter.CONTENT_TYPE);
        ctx.header("Content-Disposition", "attachment; filename=\"webinaires.csv\"");
        ctx.result(CsvWriter.write(header, rows -> {
            for (Row r : n.sessions()) rows.add(r.session().title(t.lang()), times.spreadsheet(r.session().startsAt()), r.registered(), r.waitlisted(),
                    r.cancelled(), r.attended(), r.attendanceRate(), r.averageMinutes(), r.questions(), r.replayViews());
        }));
    }
}
