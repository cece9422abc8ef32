package io.guichet.webinars.web;

import io.guichet.identity.Authenticated;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.WebKernel;
import io.guichet.webinars.Recurrence;
import io.guichet.webinars.Registration;
import io.guichet.webinars.RegistrationQuestion;
import io.guichet.webinars.RegistrationQuestions;
import io.guichet.webinars.WebinarEvent;
import io.guichet.webinars.WebinarLinks;
import io.guichet.webinars.WebinarSeries;
import io.guichet.webinars.WebinarService;
import io.guichet.webinars.WebinarSession;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The JSON API of webinars (docs/api.md): staff build the programme, anyone reads it and registers. */
public final class WebinarApi {
    static final Set<String> SESSION_FIELDS = Set.of("titleFr", "titleEn", "descriptionFr", "descriptionEn", "speakers", "capacity", "lang",
            "audiences", "externalUrl");
    private final WebinarService webinars;
    private final RegistrationQuestions questions;
    private final WebinarLinks links;
    private final WebKernel web;
    private final RateLimiter registrationsPerIp;

    public WebinarApi(WebinarService webinars, RegistrationQuestions questions, WebinarLinks links, WebKernel web, boolean rateLimits,
                      int registrationsPerMinute) {
        this.webinars = webinars;
        this.questions = questions;
        this.links = links;
        this.web = web;
        this.registrationsPerIp = new RateLimiter(rateLimits, registrationsPerMinute);
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/webinars/series", ctx -> {
            JsonBody body = body(ctx, Set.of("slug", "weekday", "time", "minutes", "from", "until", "dates", "exceptions"));
            WebinarSeries s = webinars.doCreateSeries(Authenticated.staff(ctx), new WebinarService.SeriesForm(body.optText("slug"),
                    sessionForm(body, null, null), rule(body)));
            ctx.status(201).json(Map.of("id", Long.toString(s.id()), "slug", s.slug(),
                    "sessions", webinars.findSessionsOfSeries(s.id()).stream().map(this::session).toList()));
        });
        r.post("/api/v1/webinars/events", ctx -> {
            JsonBody body = JsonBody.of(ctx, web.json()).only(Set.of("slug", "titleFr", "titleEn", "descriptionFr", "descriptionEn", "firstDay", "lastDay", "tracks"));
            WebinarEvent e = webinars.doCreateEvent(Authenticated.staff(ctx), new WebinarService.EventForm(body.optText("slug"), body.optText("titleFr"),
                    body.optText("titleEn"), body.optText("descriptionFr"), body.optText("descriptionEn"), date(body.optText("firstDay"), "firstDay"),
                    date(body.optText("lastDay"), "lastDay"), body.textList("tracks")));
            ctx.status(201).json(Map.of("id", Long.toString(e.id()), "slug", e.slug()));
        });
        r.post("/api/v1/webinars/sessions", ctx -> {
            JsonBody body = body(ctx, Set.of("startsAt", "endsAt", "eventId", "track", "kind"));
            String eventId = body.optText("eventId");
            WebinarSession s = webinars.doCreateSession(Authenticated.staff(ctx), sessionForm(body,
                    eventId == null ? null : Ids.field("eventId", eventId), body.optText("track")));
            ctx.status(201).json(session(s));
        });
        r.get("/api/v1/webinars/sessions", ctx -> {
            Instant from = ctx.queryParam("from") == null ? webinars.now() : instant(ctx.queryParam("from"), "from");
            Instant to = ctx.queryParam("to") == null ? from.plus(Duration.ofDays(90)) : instant(ctx.queryParam("to"), "to");
            ctx.json(Map.of("sessions", webinars.findSessions(from, to).stream().map(this::session).toList()));
        });
        r.get("/api/v1/webinars/sessions/{id}", ctx -> {
            WebinarSession s = webinars.findSession(Ids.path(ctx, "id", "Session"));
            Map<String, Object> m = session(s);
            m.put("questions", questions.findAsked(s).stream().map(WebinarApi::question).toList());
            ctx.json(m);
        });
        r.post("/api/v1/webinars/sessions/{id}/questions", ctx -> {
            JsonBody body = JsonBody.of(ctx, web.json()).only(Set.of("scope", "kind", "required", "labelFr", "labelEn", "optionsFr", "optionsEn", "contactField"));
            RegistrationQuestion q = questions.doAdd(Authenticated.staff(ctx), Ids.path(ctx, "id", "Session"), new RegistrationQuestions.QuestionForm(
                    body.optText("scope"), body.optText("kind"), body.bool("required", false), body.optText("labelFr"), body.optText("labelEn"),
                    body.textList("optionsFr"), body.textList("optionsEn"), body.optText("contactField")));
            ctx.status(201).json(question(q));
        });
        r.delete("/api/v1/webinars/sessions/{id}/questions/{question}", ctx -> {
            webinars.findSession(Ids.path(ctx, "id", "Session"));
            questions.doRemove(Authenticated.staff(ctx), Ids.path(ctx, "question", "Question"));
            ctx.status(204);
        });
        r.post("/api/v1/webinars/sessions/{id}/registrations", ctx -> {
            long id = Ids.path(ctx, "id", "Session");
            registrationsPerIp.acquire(WebKernel.clientIp(ctx));
            WebinarService.Registered got = webinars.doRegister(id, registrationForm(JsonBody.of(ctx, web.json())));
            ctx.status(got.created() ? 201 : 200).json(registration(got.registration()));
        });
        r.post("/api/v1/webinars/series/{id}/registrations", ctx -> {
            long id = Ids.path(ctx, "id", "Series");
            registrationsPerIp.acquire(WebKernel.clientIp(ctx));
            List<WebinarService.Registered> got = webinars.doRegisterSeries(id, registrationForm(JsonBody.of(ctx, web.json())));
            ctx.status(got.stream().anyMatch(WebinarService.Registered::created) ? 201 : 200)
                    .json(Map.of("registrations", got.stream().map(g -> registration(g.registration())).toList()));
        });
        r.delete("/api/v1/webinars/registrations/{token}", ctx -> {
            long id = links.registrationOf(ctx.pathParam("token")).orElseThrow(() -> ApiError.notFound("Registration"));
            ctx.json(registration(webinars.doCancel(id)));
        });
        r.get("/api/v1/webinars/sessions/{id}/registrations", ctx -> {
            List<Registration> all = webinars.accessRegistrations(Authenticated.staff(ctx), Ids.path(ctx, "id", "Session"));
            ctx.json(Map.of("registrations", all.stream().map(x -> {
                Map<String, Object> m = new LinkedHashMap<>(registration(x));
                m.put("name", x.name());
                m.put("email", x.email());
                m.put("answers", x.answers());
                m.put("postalCode", x.postalCode());
                return m;
            }).toList()));
        });
    }

    private JsonBody body(Context ctx, Set<String> more) {
        Set<String> allowed = new java.util.HashSet<>(SESSION_FIELDS);
        allowed.addAll(more);
        return JsonBody.of(ctx, web.json()).only(allowed);
    }

    private static WebinarService.SessionForm sessionForm(JsonBody body, Long eventId, String track) {
        return new WebinarService.SessionForm(body.optText("titleFr"), body.optText("titleEn"), body.optText("descriptionFr"), body.optText("descriptionEn"),
                body.textList("speakers"), body.optInt("capacity"), body.optText("lang"), body.textList("audiences"),
                body.has("startsAt") ? instant(body.optText("startsAt"), "startsAt") : null, body.has("endsAt") ? instant(body.optText("endsAt"), "endsAt") : null,
                body.optText("externalUrl"), eventId, track, body.has("kind") ? body.optText("kind") : null);
    }

    private static WebinarService.RegistrationForm registrationForm(JsonBody body) {
        body.only(Set.of("name", "email", "lang", "answers", "consent", "clientId", "postalCode"));
        boolean consent = body.bool("consent", false);
        return new WebinarService.RegistrationForm(body.optText("name"), body.optText("email"), body.optText("lang"), body.optValues("answers"),
                consent, body.optText("clientId"), consent ? CONSENT_FR : null, consent ? CONSENT_EN : null, body.optText("postalCode"));
    }

    /** The words of the consent box the API's callers show (the public page shows the same ones, from the messages). */
    static final String CONSENT_FR = "J’accepte de recevoir par courriel les invitations aux prochains événements.";
    static final String CONSENT_EN = "I agree to receive invitations to future events by email.";

    private static Recurrence rule(JsonBody body) {
        LocalTime time = time(body.optText("time"));
        Integer minutes = body.optInt("minutes");
        Duration length = Duration.ofMinutes(minutes == null ? 60 : minutes);
        List<LocalDate> exceptions = dates(body.textList("exceptions"), "exceptions");
        if (body.has("dates")) return Recurrence.onDates(dates(body.textList("dates"), "dates"), time, length, Set.copyOf(exceptions));
        return Recurrence.weekly(weekday(body.optText("weekday")), time, length, date(body.optText("from"), "from"), date(body.optText("until"), "until"),
                Set.copyOf(exceptions));
    }

    private static DayOfWeek weekday(String value) {
        if (value == null) return null;
        try {
            return DayOfWeek.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("weekday", "weekday is monday … sunday");
        }
    }

    private static LocalTime time(String value) {
        if (value == null) return null;
        try {
            return LocalTime.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("time", "time is a wall-clock time such as 14:00");
        }
    }

    private static LocalDate date(String value, String field) {
        if (value == null) return null;
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " is a date such as 2027-01-15");
        }
    }

    private static List<LocalDate> dates(List<String> values, String field) {
        List<LocalDate> out = new ArrayList<>();
        for (String v : values) out.add(date(v, field));
        return out;
    }

    private static Instant instant(String value, String field) {
        if (value == null) throw ApiError.invalid(field, field + " is required");
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date and time with its offset, e.g. 2027-01-15T14:00:00-05:00");
        }
    }

    private Map<String, Object> session(WebinarSession s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(s.id()));
        m.put("seriesId", s.seriesId() == null ? null : Long.toString(s.seriesId()));
        m.put("eventId", s.eventId() == null ? null : Long.toString(s.eventId()));
        m.put("track", s.track());
        m.put("kind", s.kind());
        m.put("titleFr", s.titleFr());
        m.put("titleEn", s.titleEn());
        m.put("descriptionFr", s.descriptionFr());
        m.put("descriptionEn", s.descriptionEn());
        m.put("speakers", s.speakers());
        m.put("lang", s.lang());
        m.put("audiences", s.audiences());
        m.put("startsAt", s.startsAt().atZone(webinars.zone()).toOffsetDateTime().toString());
        m.put("endsAt", s.endsAt().atZone(webinars.zone()).toOffsetDateTime().toString());
        m.put("capacity", s.capacity());
        m.put("seatsLeft", s.seatsLeft());
        return m;
    }

    private static Map<String, Object> question(RegistrationQuestion q) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(q.id()));
        m.put("scope", q.eventId() != null ? "event" : q.seriesId() != null ? "series" : "session");
        m.put("kind", q.kind());
        m.put("required", q.required());
        m.put("labelFr", q.labelFr());
        m.put("labelEn", q.labelEn());
        m.put("optionsFr", q.optionsFr());
        m.put("optionsEn", q.optionsEn());
        m.put("contactField", q.contactField());
        return m;
    }

    private static Map<String, Object> registration(Registration r) {
        return Map.of("id", Long.toString(r.id()), "sessionId", Long.toString(r.sessionId()), "status", r.status().code());
    }
}
