package io.guichet.webinars.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.webinars.Recurrence;
import io.guichet.webinars.WebinarEvent;
import io.guichet.webinars.WebinarSeries;
import io.guichet.webinars.WebinarService;
import io.guichet.webinars.WebinarSession;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The staff forms that build the programme: a weekly series ({@code /webinars/series/new}), a fair
 * ({@code /webinars/events/new}) and a fair's page ({@code /webinars/events/{slug}}) with the form that adds its sessions
 * (a webinar or a mini-talk, in a track or stand, with its capacity and language), and a session's edit
 * ({@code /webinars/sessions/{id}/edit}: a new time is mailed to its registrants with the invitation's SEQUENCE raised). What this page parses (dates, times,
 * numbers) and what the service checks are gathered, so every refused field shows at once; a value this page refuses
 * reaches the service as one it refuses too (a rule left out, a capacity of 0), so nothing is made.
 */
public final class StaffProgrammeForms {
    static final List<String> SERIES_FIELDS = List.of("slug", "titleFr", "titleEn", "descriptionFr", "descriptionEn", "weekday", "time", "minutes",
            "from", "until", "exceptions", "speakers", "capacity", "lang", "audiences", "externalUrl");
    /** What a series' edit changes: what its occurrences share, not its rule (each session's own edit moves one). */
    static final List<String> SERIES_EDIT_FIELDS = List.of("titleFr", "titleEn", "descriptionFr", "descriptionEn", "speakers", "capacity", "lang",
            "audiences", "externalUrl");
    static final List<String> EVENT_FIELDS = List.of("slug", "titleFr", "titleEn", "descriptionFr", "descriptionEn", "firstDay", "lastDay", "tracks");
    static final List<String> SLOT_FIELDS = List.of("kind", "track", "titleFr", "titleEn", "descriptionFr", "descriptionEn", "speakers", "capacity",
            "lang", "audiences", "startsAt", "endsAt", "externalUrl");
    private static final Set<String> TEXTAREAS = Set.of("descriptionFr", "descriptionEn", "exceptions", "tracks", "optionsFr", "optionsEn");
    private static final Map<String, String> TYPES = Map.of("time", "time", "minutes", "number", "capacity", "number", "from", "date", "until", "date",
            "firstDay", "date", "lastDay", "date", "startsAt", "datetime-local", "endsAt", "datetime-local");
    private static final FormErrors SERIES_ERRORS = new FormErrors("webinar-series", Set.copyOf(SERIES_FIELDS), Map.of("slug_taken", "slug"));
    private static final FormErrors SERIES_EDIT_ERRORS = new FormErrors("webinar-series", Set.copyOf(SERIES_EDIT_FIELDS), Map.of("below_taken", "capacity"));
    private static final FormErrors EVENT_ERRORS = new FormErrors("webinar-event", Set.copyOf(EVENT_FIELDS), Map.of("slug_taken", "slug"));
    private static final FormErrors SLOT_ERRORS = new FormErrors("webinar-session", Set.copyOf(SLOT_FIELDS), Map.of("below_taken", "capacity"));
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/webinars/staff.css"), List.of());

    private final WebinarService webinars;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    public StaffProgrammeForms(WebinarService webinars, WebKernel web, StaffShells shells, Times times) {
        this.webinars = webinars;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/webinars/series/new", ctx -> seriesPage(ctx, Map.of("lang", web.localizer(ctx).lang(), "minutes", "60"), Map.of(), 200));
        r.post("/webinars/series/new", this::createSeries);
        r.get("/webinars/events/new", ctx -> eventFormPage(ctx, Map.of(), Map.of(), 200));
        r.post("/webinars/events/new", this::createEvent);
        r.get("/webinars/series/{id}/edit", ctx -> seriesEditPage(ctx, webinars.findSeries(Ids.path(ctx, "id", "Series")), null, Map.of(), 200));
        r.post("/webinars/series/{id}/edit", this::editSeries);
        r.get("/webinars/events/{slug}/edit", ctx -> eventEditPage(ctx, webinars.findEvent(ctx.pathParam("slug")), null, Map.of(), 200));
        r.post("/webinars/events/{slug}/edit", this::editEvent);
        r.get("/webinars/events/{slug}", ctx -> eventPage(ctx, webinars.findEvent(ctx.pathParam("slug")), null, Map.of(), 200));
        r.post("/webinars/events/{slug}", this::createSlot);
        r.get("/webinars/sessions/{id}/edit", ctx -> editPage(ctx, webinars.findSession(Ids.path(ctx, "id", "Session")), null, Map.of(), 200));
        r.post("/webinars/sessions/{id}/edit", this::edit);
    }

    // ---- a session's edit ------------------------------------------------------------------------------------------

    private void editPage(Context ctx, WebinarSession s, Map<String, String> typed, Map<String, String> errors, int status) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireWebinarOrganiser(me);
        Localizer t = web.localizer(ctx);
        WebinarEvent event = webinars.findEventOf(s).orElse(null);
        Map<String, String> values = typed != null ? typed : current(s);
        List<String> names = SLOT_FIELDS.stream().filter(f -> event != null || !f.equals("track")).toList();
        List<StaffViews.Field> fields = fields(t, names, values, errors, field -> switch (field) {
            case "kind" -> List.of("webinar", "talk").stream().map(k -> new StaffViews.Choice(k, t.t("webinars.kind." + k), k.equals(values.get("kind")))).toList();
            case "track" -> {
                List<StaffViews.Choice> tracks = new ArrayList<>(List.of(new StaffViews.Choice("", t.t("webinars.staff.event.noTrack"), values.getOrDefault("track", "").isEmpty())));
                for (String track : event.tracks()) tracks.add(new StaffViews.Choice(track, track, track.equals(values.get("track"))));
                yield tracks;
            }
            case "lang" -> langs(t, values);
            default -> null;
        });
        ctx.status(status);
        web.renderTo(ctx, "webinars/staff-form.jte", Map.of("v", new StaffViews.FormPage(shell(ctx), s.title(t.lang()), t.t("webinars.staff.edit.intro"),
                new StaffViews.Form(t.t("webinars.staff.edit"), "/webinars/sessions/" + s.id() + "/edit", WebKernel.csrf(ctx), t.t("webinars.staff.edit.submit"),
                        errors.get(FormErrors.FORM), fields))));
    }

    /** The session as its form shows it: times in the institution's zone, lists one a line. */
    private Map<String, String> current(WebinarSession s) {
        Map<String, String> v = new HashMap<>();
        v.put("kind", s.kind());
        if (s.track() != null) v.put("track", s.track());
        v.put("titleFr", s.titleFr());
        v.put("titleEn", s.titleEn());
        v.put("descriptionFr", s.descriptionFr());
        v.put("descriptionEn", s.descriptionEn());
        v.put("speakers", String.join(", ", s.speakers())); // one-line inputs: the form splits on commas too
        if (s.capacity() != null) v.put("capacity", Integer.toString(s.capacity()));
        v.put("lang", s.lang());
        v.put("audiences", String.join(", ", s.audiences()));
        v.put("startsAt", LocalDateTime.ofInstant(s.startsAt(), webinars.zone()).truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString());
        v.put("endsAt", LocalDateTime.ofInstant(s.endsAt(), webinars.zone()).truncatedTo(java.time.temporal.ChronoUnit.MINUTES).toString());
        if (s.externalUrl() != null) v.put("externalUrl", s.externalUrl());
        return v;
    }

    private void edit(Context ctx) {
        WebinarSession s = webinars.findSession(Ids.path(ctx, "id", "Session"));
        submitSession(ctx, s.eventId(), (me, form) -> webinars.doUpdateSession(me, s.id(), form), made -> "/webinars/sessions/" + s.id(),
                (x, t) -> editPage(ctx, s, typed(ctx, SLOT_FIELDS), SLOT_ERRORS.all(x, t), x.status()));
    }

    /** A session form's POST, made or changed; the times and seats this page parses first. */
    private void submitSession(Context ctx, Long eventId, java.util.function.BiFunction<Staff, WebinarService.SessionForm, WebinarSession> use,
                               Function<WebinarSession, String> then, java.util.function.BiConsumer<ApiError, Localizer> refused) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        Checks checks = new Checks();
        Instant startsAt = checks.check(() -> localInput(webinars.zone(), "startsAt", ctx.formParam("startsAt")));
        Instant endsAt = checks.check(() -> localInput(webinars.zone(), "endsAt", ctx.formParam("endsAt")));
        Integer capacity = checks.check(() -> number("capacity", ctx.formParam("capacity")));
        String track = ctx.formParam("track") == null || ctx.formParam("track").isBlank() ? null : ctx.formParam("track");
        submit(ctx, checks, () -> use.apply(me, sessionForm(ctx, capacity, startsAt, endsAt, eventId, track)), then, x -> refused.accept(x, t));
    }

    // ---- a weekly series -------------------------------------------------------------------------------------------

    private void seriesPage(Context ctx, Map<String, String> values, Map<String, String> errors, int status) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireWebinarOrganiser(me);
        Localizer t = web.localizer(ctx);
        List<StaffViews.Field> fields = fields(t, SERIES_FIELDS, values, errors, field -> switch (field) {
            case "weekday" -> Arrays.stream(DayOfWeek.values()).map(d -> new StaffViews.Choice(d.name().toLowerCase(java.util.Locale.ROOT),
                    capitalised(d.getDisplayName(TextStyle.FULL, t.locale())), d.name().equalsIgnoreCase(values.getOrDefault("weekday", "friday")))).toList();
            case "lang" -> langs(t, values);
            default -> null;
        });
        ctx.status(status);
        web.renderTo(ctx, "webinars/staff-form.jte", Map.of("v", new StaffViews.FormPage(shell(ctx), t.t("webinars.staff.series.new"),
                t.t("webinars.staff.series.intro", webinars.zone().getId()), new StaffViews.Form(t.t("webinars.staff.series.new"),
                "/webinars/series/new", WebKernel.csrf(ctx), t.t("webinars.staff.series.submit"), errors.get(FormErrors.FORM), fields))));
    }

    private void createSeries(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        Checks checks = new Checks();
        DayOfWeek weekday = checks.check(() -> weekday(ctx.formParam("weekday")));
        LocalTime time = checks.check(() -> required("time", ctx.formParam("time"), LocalTime::parse));
        Integer minutes = checks.check(() -> number("minutes", ctx.formParam("minutes")));
        LocalDate from = checks.check(() -> required("from", ctx.formParam("from"), LocalDate::parse));
        LocalDate until = checks.check(() -> required("until", ctx.formParam("until"), LocalDate::parse));
        List<LocalDate> exceptions = checks.check(() -> lines(ctx.formParam("exceptions")).stream().map(d -> parse("exceptions", d, LocalDate::parse)).toList());
        Integer capacity = checks.check(() -> number("capacity", ctx.formParam("capacity")));
        // the rule's own checks, made here too so that they show even while another part of the rule is missing
        if (minutes != null && (minutes < 1 || minutes > 720)) checks.refuse(ApiError.invalid("minutes", "A session lasts from 1 minute to 12 hours"));
        if (from != null && until != null && until.isBefore(from)) checks.refuse(ApiError.invalid("until", "until is before from"));
        Recurrence rule = weekday == null || time == null || minutes == null || from == null || until == null || exceptions == null ? null
                : checks.check(() -> Recurrence.weekly(weekday, time, Duration.ofMinutes(minutes), from, until, Set.copyOf(exceptions)));
        submit(ctx, checks, () -> webinars.doCreateSeries(me, new WebinarService.SeriesForm(ctx.formParam("slug"), sessionForm(ctx, capacity, null, null, null, null),
                rule)), made -> "/webinars/numbers/series/" + made.id(), x -> seriesPage(ctx, typed(ctx, SERIES_FIELDS), SERIES_ERRORS.all(x, t), x.status()));
    }

    private void seriesEditPage(Context ctx, WebinarSeries series, Map<String, String> typed, Map<String, String> errors, int status) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireWebinarOrganiser(me);
        Localizer t = web.localizer(ctx);
        List<WebinarSession> sessions = webinars.findSessionsOfSeries(series.id());
        Instant now = webinars.now();
        // what the occurrences share, as the next one to come holds it (the last one when none is left)
        Map<String, String> values = typed != null ? typed : sessions.isEmpty() ? Map.of("titleFr", series.titleFr(), "titleEn", series.titleEn())
                : current(sessions.stream().filter(s -> s.startsAt().isAfter(now)).findFirst().orElse(sessions.getLast()));
        long coming = sessions.stream().filter(s -> s.startsAt().isAfter(now) && s.cancelledAt() == null).count();
        List<StaffViews.Field> fields = fields(t, SERIES_EDIT_FIELDS, values, errors, field -> field.equals("lang") ? langs(t, values) : null);
        ctx.status(status);
        web.renderTo(ctx, "webinars/staff-form.jte", Map.of("v", new StaffViews.FormPage(shell(ctx), series.title(t.lang()),
                t.plural("webinars.staff.series.edit.intro", coming), new StaffViews.Form(t.t("webinars.staff.series.edit"),
                "/webinars/series/" + series.id() + "/edit", WebKernel.csrf(ctx), t.t("webinars.staff.edit.submit"), errors.get(FormErrors.FORM), fields))));
    }

    private void editSeries(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        WebinarSeries series = webinars.findSeries(Ids.path(ctx, "id", "Series"));
        Checks checks = new Checks();
        Integer capacity = checks.check(() -> number("capacity", ctx.formParam("capacity")));
        submit(ctx, checks, () -> webinars.doUpdateSeries(me, series.id(), sessionForm(ctx, capacity, null, null, null, null)),
                made -> "/webinars/numbers/series/" + made.id(), x -> seriesEditPage(ctx, series, typed(ctx, SERIES_EDIT_FIELDS), SERIES_EDIT_ERRORS.all(x, t), x.status()));
    }

    // ---- a fair ----------------------------------------------------------------------------------------------------

    private void eventFormPage(Context ctx, Map<String, String> values, Map<String, String> errors, int status) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireWebinarOrganiser(me);
        Localizer t = web.localizer(ctx);
        ctx.status(status);
        web.renderTo(ctx, "webinars/staff-form.jte", Map.of("v", new StaffViews.FormPage(shell(ctx), t.t("webinars.staff.event.new"),
                t.t("webinars.staff.event.intro"), new StaffViews.Form(t.t("webinars.staff.event.new"), "/webinars/events/new", WebKernel.csrf(ctx),
                t.t("webinars.staff.event.submit"), errors.get(FormErrors.FORM), fields(t, EVENT_FIELDS, values, errors, f -> null)))));
    }

    private void createEvent(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        Checks checks = new Checks();
        LocalDate first = checks.check(() -> optional("firstDay", ctx.formParam("firstDay"), LocalDate::parse));
        LocalDate last = checks.check(() -> optional("lastDay", ctx.formParam("lastDay"), LocalDate::parse));
        submit(ctx, checks, () -> webinars.doCreateEvent(me, eventForm(ctx, ctx.formParam("slug"), first, last)), made -> "/webinars/events/" + made.slug(),
                x -> eventFormPage(ctx, typed(ctx, EVENT_FIELDS), EVENT_ERRORS.all(x, t), x.status()));
    }

    private static WebinarService.EventForm eventForm(Context ctx, String slug, LocalDate first, LocalDate last) {
        return new WebinarService.EventForm(slug, ctx.formParam("titleFr"), ctx.formParam("titleEn"), ctx.formParam("descriptionFr"),
                ctx.formParam("descriptionEn"), first, last, lines(ctx.formParam("tracks")));
    }

    private void eventPage(Context ctx, WebinarEvent e, Map<String, String> typed, Map<String, String> errors, int status) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        Access.requireWebinarOrganiser(me);
        List<StaffViews.SessionRow> sessions = webinars.findSessionsOf(e).stream().map(s -> new StaffViews.SessionRow(s.id(), s.title(t.lang()),
                times.dateTime(s.startsAt(), t), s.capacity() == null ? Integer.toString(s.registered()) : s.registered() + " / " + s.capacity(), s.track())).toList();
        Map<String, String> values = typed != null ? typed : Map.of("lang", t.lang(), "startsAt", e.firstDay() + "T13:00", "endsAt", e.firstDay() + "T14:00");
        List<StaffViews.Field> fields = fields(t, SLOT_FIELDS, values, errors, field -> switch (field) {
            case "kind" -> List.of("webinar", "talk").stream().map(k -> new StaffViews.Choice(k, t.t("webinars.kind." + k),
                    k.equals(values.getOrDefault("kind", "webinar")))).toList();
            case "track" -> {
                List<StaffViews.Choice> tracks = new ArrayList<>();
                tracks.add(new StaffViews.Choice("", t.t("webinars.staff.event.noTrack"), values.getOrDefault("track", "").isEmpty()));
                for (String track : e.tracks()) tracks.add(new StaffViews.Choice(track, track, track.equals(values.get("track"))));
                yield tracks;
            }
            case "lang" -> langs(t, values);
            default -> null;
        });
        ctx.status(status);
        web.renderTo(ctx, "webinars/staff-event.jte", Map.of("v", new StaffViews.EventPage(shell(ctx), e.title(t.lang()),
                times.date(e.firstDay(), t) + " – " + times.date(e.lastDay(), t), e.tracks(), sessions, "/webinars/numbers/event/" + e.slug(),
                ProgrammePages.HOME + "/" + e.slug(), "/webinars/events/" + e.slug() + "/edit", new StaffViews.Form(t.t("webinars.staff.event.addSession"), "/webinars/events/" + e.slug(),
                WebKernel.csrf(ctx), t.t("webinars.staff.create.submit"), errors.get(FormErrors.FORM), fields))));
    }

    private void createSlot(Context ctx) {
        WebinarEvent e = webinars.findEvent(ctx.pathParam("slug"));
        submitSession(ctx, e.id(), webinars::doCreateSession, made -> "/webinars/events/" + e.slug(),
                (x, t) -> eventPage(ctx, e, typed(ctx, SLOT_FIELDS), SLOT_ERRORS.all(x, t), x.status()));
    }

    // ---- a fair's edit ---------------------------------------------------------------------------------------------

    private void eventEditPage(Context ctx, WebinarEvent e, Map<String, String> typed, Map<String, String> errors, int status) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireWebinarOrganiser(me);
        Localizer t = web.localizer(ctx);
        Map<String, String> values = typed != null ? typed : Map.of("titleFr", e.titleFr(), "titleEn", e.titleEn(), "descriptionFr", e.descriptionFr(),
                "descriptionEn", e.descriptionEn(), "firstDay", e.firstDay().toString(), "lastDay", e.lastDay().toString(), "tracks", String.join("\n", e.tracks()));
        ctx.status(status);
        web.renderTo(ctx, "webinars/staff-form.jte", Map.of("v", new StaffViews.FormPage(shell(ctx), e.title(t.lang()), t.t("webinars.staff.event.edit.intro"),
                new StaffViews.Form(t.t("webinars.staff.event.edit"), "/webinars/events/" + e.slug() + "/edit", WebKernel.csrf(ctx),
                        t.t("webinars.staff.edit.submit"), errors.get(FormErrors.FORM), fields(t, EVENT_FIELDS.subList(1, EVENT_FIELDS.size()), values, errors, f -> null)))));
    }

    private void editEvent(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        WebinarEvent e = webinars.findEvent(ctx.pathParam("slug"));
        Checks checks = new Checks();
        LocalDate first = checks.check(() -> optional("firstDay", ctx.formParam("firstDay"), LocalDate::parse));
        LocalDate last = checks.check(() -> optional("lastDay", ctx.formParam("lastDay"), LocalDate::parse));
        submit(ctx, checks, () -> webinars.doUpdateEvent(me, e.slug(), eventForm(ctx, e.slug(), first, last)), made -> "/webinars/events/" + made.slug(),
                x -> eventEditPage(ctx, e, typed(ctx, EVENT_FIELDS), EVENT_ERRORS.all(x, t), x.status()));
    }

    // ---- shared ----------------------------------------------------------------------------------------------------

    /**
     * A form's POST: the refusals this page found while parsing ({@code checks}) and the service's are gathered, so every
     * refused field shows at once on the page {@code refused} draws; a 403 is no form's business. Done, it goes to {@code then}.
     */
    private static <T> void submit(Context ctx, Checks checks, java.util.function.Supplier<T> use, Function<T, String> then,
                                   java.util.function.Consumer<ApiError> refused) {
        try {
            T made = null;
            try {
                made = use.get();
            } catch (ApiError x) {
                if (x.status() == 403) throw x;
                x.all().forEach(checks::refuse); // after this page's own: the first refusal of a field is the one shown
            }
            checks.done();
            ctx.redirect(then.apply(made), HttpStatus.SEE_OTHER);
        } catch (ApiError x) {
            if (x.status() == 403) throw x;
            refused.accept(x);
        }
    }


    private StaffShell shell(Context ctx) {
        return shells.of(ctx, "webinars", ASSETS);
    }

    /**
     * The session's fields as typed; a capacity this page refused reaches the service as 0, which it refuses, and a time
     * it refused as null, which it refuses too.
     */
    private static WebinarService.SessionForm sessionForm(Context ctx, Integer capacity, Instant startsAt, Instant endsAt, Long eventId, String track) {
        String typedCapacity = ctx.formParam("capacity");
        Integer seats = capacity == null && typedCapacity != null && !typedCapacity.isBlank() ? Integer.valueOf(0) : capacity;
        return new WebinarService.SessionForm(ctx.formParam("titleFr"), ctx.formParam("titleEn"), ctx.formParam("descriptionFr"),
                ctx.formParam("descriptionEn"), lines(ctx.formParam("speakers")), seats, ctx.formParam("lang"), lines(ctx.formParam("audiences")),
                startsAt, endsAt, ctx.formParam("externalUrl"), eventId, track, ctx.formParam("kind"));
    }

    static List<StaffViews.Field> fields(Localizer t, List<String> names, Map<String, String> values, Map<String, String> errors,
                                                 Function<String, List<StaffViews.Choice>> choicesOf) {
        List<StaffViews.Field> out = new ArrayList<>();
        for (String name : names) {
            List<StaffViews.Choice> choices = choicesOf.apply(name);
            String type = choices != null ? "select" : TEXTAREAS.contains(name) ? "textarea" : TYPES.getOrDefault(name, "text");
            String help = t.has("webinars.staff.field." + name + ".help") ? t.t("webinars.staff.field." + name + ".help") : null;
            out.add(new StaffViews.Field(name, t.t("webinars.staff.field." + name), type, values.getOrDefault(name, ""), errors.get(name), help, choices));
        }
        return out;
    }

    private static List<StaffViews.Choice> langs(Localizer t, Map<String, String> values) {
        return List.of(Messages.FR, Messages.EN).stream().map(l -> new StaffViews.Choice(l, t.t("webinars.lang." + l), l.equals(values.get("lang")))).toList();
    }

    static Map<String, String> typed(Context ctx, List<String> fields) {
        Map<String, String> values = new HashMap<>();
        for (String field : fields) if (ctx.formParam(field) != null) values.put(field, ctx.formParam(field));
        return values;
    }

    private static DayOfWeek weekday(String value) {
        if (value == null || value.isBlank()) throw ApiError.invalid("weekday", "weekday is required").because("required");
        try {
            return DayOfWeek.valueOf(value.strip().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("weekday", "weekday is monday … sunday");
        }
    }

    private static Integer number(String field, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            throw ApiError.invalid(field, field + " is a whole number");
        }
    }

    private static <T> T required(String field, String value, Function<String, T> parser) {
        if (value == null || value.isBlank()) throw ApiError.invalid(field, field + " is required").because("required");
        return parse(field, value, parser);
    }

    private static <T> T optional(String field, String value, Function<String, T> parser) {
        return value == null || value.isBlank() ? null : parse(field, value, parser);
    }

    private static <T> T parse(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value.strip());
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " is not a date or time");
        }
    }

    /** A {@code datetime-local} value in the institution's zone; a time the clocks skip (spring) is refused, naming it. */
    static Instant localInput(java.time.ZoneId zone, String field, String value) {
        LocalDateTime local = optional(field, value, LocalDateTime::parse);
        return local == null ? null : Recurrence.at(zone, local.toLocalDate(), local.toLocalTime(), field);
    }

    static List<String> lines(String value) {
        return value == null ? List.of() : Arrays.stream(value.split("[,\\n]")).map(String::strip).filter(v -> !v.isEmpty()).toList();
    }

    private static String capitalised(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
