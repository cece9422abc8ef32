package io.guichet.desk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.desk.Category;
import io.guichet.desk.DeskService;
import io.guichet.desk.DeskService.Actor;
import io.guichet.desk.DeskWords;
import io.guichet.desk.Incident;
import io.guichet.desk.Sitting;
import io.guichet.desk.SittingImport;
import io.guichet.identity.Access;
import io.guichet.platform.web.RequestBodies;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.inbox.Ratings;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The helpdesk's web side (docs/api.md): the staff API of sittings and incidents, the acknowledge-and-decide page a
 * professor or exam office reaches by the signed link of their notice, and the student's incident page (signed link).
 */
public final class DeskRoutes {
    private static final Set<String> SITTING_FIELDS = Set.of("sittingId", "courseCode", "courseTitle", "start", "durationMinutes", "mode",
            "faculty", "professors", "studentNumbers");
    private static final Set<String> INCIDENT_FIELDS = Set.of("clientId", "studentNumber", "contactId", "sittingId", "sittingRef", "category",
            "description", "startedAt", "conversationId", "callId");
    private static final Set<String> OUTCOME_FIELDS = Set.of("kind", "message", "extraMinutes", "oral", "resitAt", "token");
    private static final Duration SOON = Duration.ofHours(2);

    private final DeskService desk;
    private final RateLimiter perAddress;
    private final WebKernel web;
    private final Times times;

    public DeskRoutes(DeskService desk, WebKernel web, Times times, boolean rateLimits) {
        this.perAddress = new RateLimiter(rateLimits, 60);
        this.desk = desk;
        this.web = web;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/desk/sittings", this::importSitting);
        r.post("/api/v1/desk/sittings/import", this::importCsv);
        r.get("/api/v1/desk/sittings", ctx -> {
            if (!"now".equals(ctx.queryParam("running"))) throw ApiError.invalid("running", "running=now is the one filter of sittings");
            Instant now = Instant.now();
            List<Map<String, Object>> list = new ArrayList<>();
            for (Sitting s : desk.accessSittingsAround(Authenticated.staff(ctx), now, SOON)) {
                Map<String, Object> m = sittingJson(s);
                m.put("runningNow", s.runningAt(now));
                list.add(m);
            }
            ctx.json(Map.of("sittings", list));
        });
        r.post("/api/v1/desk/faculties/{code}/members", ctx -> {
            var body = JsonBody.of(ctx, web.json()).only(Set.of("staffId"));
            Integer staffId = body.optInt("staffId");
            if (staffId == null) throw ApiError.invalid("staffId", "staffId is required");
            desk.doAddFacultyMember(Authenticated.staff(ctx), ctx.pathParam("code"), staffId);
            ctx.status(204);
        });
        r.post("/api/v1/desk/incidents", this::openIncident);
        r.get("/api/v1/desk/incidents", ctx -> {
            List<Map<String, Object>> list = new ArrayList<>();
            for (Incident i : desk.accessIncidents(Authenticated.staff(ctx), filter(ctx))) list.add(incidentJson(i, web.localizer(ctx)));
            ctx.json(Map.of("incidents", list));
        });
        r.get("/api/v1/desk/incidents/{id}", ctx -> ctx.json(incidentJson(desk.accessIncident(Authenticated.staff(ctx), Ids.path(ctx, "id", "Incident")), web.localizer(ctx))));
        r.post("/api/v1/desk/incidents/{id}/acknowledge", ctx -> {
            long id = Ids.path(ctx, "id", "Incident");
            ctx.json(incidentJson(desk.doAcknowledge(actor(ctx, id, ctx.queryParam("token")), id), web.localizer(ctx)));
        });
        r.post("/api/v1/desk/incidents/{id}/outcome", ctx -> {
            long id = Ids.path(ctx, "id", "Incident");
            var body = JsonBody.of(ctx, web.json()).only(OUTCOME_FIELDS);
            Actor actor = actor(ctx, id, body.optText("token"));
            ctx.json(incidentJson(desk.doRecordOutcome(actor, id, outcome(body)), web.localizer(ctx)));
        });
        // the professor's and exam office's page, by the link of their notice
        r.get(DeskService.ACK_PATH + "{id}/{token}", ctx -> ackPage(ctx, null));
        r.post(DeskService.ACK_PATH + "{id}/{token}", ctx -> {
            long id = Ids.path(ctx, "id", "Incident");
            Actor actor = linkActor(ctx, id);
            if (actor == null) return;
            try {
                if ("outcome".equals(ctx.formParam("action"))) {
                    desk.doRecordOutcome(actor, id, new DeskService.OutcomeDraft(ctx.formParam("kind"), ctx.formParam("message"),
                            optInt(ctx.formParam("extraMinutes")), local(ctx.formParam("oralAt")), ctx.formParam("oralWhere"), null));
                } else {
                    desk.doAcknowledge(actor, id);
                }
                ctx.redirect(ctx.path(), HttpStatus.SEE_OTHER);
            } catch (ApiError e) {
                if (e.status() >= 500) throw e;
                ctx.status(e.status() == 409 ? 409 : 422);
                ackPage(ctx, web.localizer(ctx).t(e.status() == 409 ? "desk.decide.already" : "desk.decide.invalid"));
            }
        });
        // the student's page
        r.get(DeskService.STUDENT_PATH + "{token}", ctx -> studentPage(ctx, null));
        r.post(DeskService.STUDENT_PATH + "{token}", this::rate);
    }

    // ---------------------------------------------------------------- API

    private void importSitting(Context ctx) {
        Staff staff = Authenticated.staff(ctx);
        var body = JsonBody.of(ctx, web.json(), 512 * 1024).only(SITTING_FIELDS);
        JsonNode f = body.node("faculty");
        if (f == null || !f.isObject()) throw ApiError.invalid("faculty", "faculty must be an object");
        var faculty = new DeskService.FacultyDraft(str(f, "faculty.", "code"), str(f, "faculty.", "name"), str(f, "faculty.", "examOfficeEmail"),
                str(f, "faculty.", "backupName"), str(f, "faculty.", "backupEmail"));
        JsonNode p = body.node("professors");
        if (p == null || !p.isArray()) throw ApiError.invalid("professors", "professors must be a list");
        List<DeskService.ProfessorDraft> profs = new ArrayList<>();
        for (int i = 0; i < p.size(); i++) {
            String prefix = "professors[" + i + "].";
            if (!p.get(i).isObject()) throw ApiError.invalid("professors[" + i + "]", prefix + " must be an object");
            profs.add(new DeskService.ProfessorDraft(str(p.get(i), prefix, "email"), str(p.get(i), prefix, "name"), str(p.get(i), prefix, "lang")));
        }
        List<String> students = body.has("studentNumbers") ? body.textList("studentNumbers") : List.of();
        var saved = desk.doImportSitting(staff, new DeskService.SittingDraft(body.optText("sittingId"), body.optText("courseCode"), body.optText("courseTitle"),
                instant("start", body.optText("start")), body.optInt("durationMinutes"), body.optText("mode"), faculty, profs, students));
        ctx.status(saved.created() ? 201 : 200).json(sittingJson(saved.sitting()));
    }

    /** A registrar's spreadsheet of sittings (text/csv): a report line per row; rows already imported are "already". */
    private void importCsv(Context ctx) {
        Staff staff = Authenticated.staff(ctx);
        Access.requireManageSittings(staff); // before reading a body that could be large
        byte[] csv = RequestBodies.read(ctx, SittingImport.MAX_BYTES, 2L * SittingImport.MAX_BYTES, SittingImport::fileTooLarge);
        SittingImport.Report report = new SittingImport(desk, times).doImport(staff, csv);
        List<Map<String, Object>> lines = new ArrayList<>();
        for (SittingImport.Line l : report.lines()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", l.number());
            m.put("sittingId", l.sittingRef());
            m.put("outcome", l.outcome().key());
            m.put("id", l.sittingId());
            if (l.reason() != null) m.put("error", Map.of("field", l.field() == null ? "row" : l.field(), "message", l.reason()));
            lines.add(m);
        }
        ctx.json(Map.of("encoding", report.encoding(), "ignoredColumns", report.ignored(), "created", report.count(SittingImport.Outcome.CREATED),
                "already", report.count(SittingImport.Outcome.ALREADY), "refused", report.count(SittingImport.Outcome.REFUSED), "lines", lines));
    }

    private void openIncident(Context ctx) {
        Staff staff = Authenticated.staff(ctx);
        var body = JsonBody.of(ctx, web.json()).only(INCIDENT_FIELDS);
        var opened = desk.doOpenIncident(staff, new DeskService.IncidentDraft(body.optText("clientId"), body.optText("studentNumber"), optLong(body, "contactId"),
                optLong(body, "sittingId"), body.optText("sittingRef"), body.optText("category"), body.optText("description"),
                instant("startedAt", body.optText("startedAt")), optLong(body, "conversationId"), body.optText("callId")));
        Map<String, Object> m = incidentJson(opened.incident(), web.localizer(ctx));
        m.put("studentPage", opened.studentPage());
        // no email on file: nothing is mailed, the helpdesk gives the link (in the chat or on the phone)
        if (!opened.incident().studentHasEmail()) m.put("studentNotice", "The student has no email on file: nothing was mailed to them; give them the studentPage link");
        m.put("created", opened.created());
        if (opened.warning() != null) m.put("warning", opened.warning());
        ctx.status(opened.created() ? 201 : 200).json(m);
    }

    private Actor actor(Context ctx, long incidentId, String token) {
        if (token != null) return desk.findLinkActor(incidentId, token).orElseThrow(ApiError::unauthorized);
        return Actor.of(Authenticated.staff(ctx));
    }

    private DeskService.Filter filter(Context ctx) {
        String category = ctx.queryParam("category");
        Category c = category == null ? null : Category.of(category);
        if (category != null && c == null) throw ApiError.invalid("category", "category must be connection, platform, proctoring, outage, lost_time or other");
        String state = ctx.queryParam("state");
        Incident.State s = state == null ? null : Incident.State.of(state);
        if (state != null && s == null) throw ApiError.invalid("state", "state must be open, escalated, acknowledged or decided");
        String age = ctx.queryParam("olderThanMinutes");
        String sitting = ctx.queryParam("sittingId");
        return new DeskService.Filter(sitting == null ? null : Ids.field("sittingId", sitting), ctx.queryParam("faculty"), c, s,
                age == null ? null : Duration.ofMinutes(Ids.field("olderThanMinutes", age)));
    }

    private static DeskService.OutcomeDraft outcome(JsonBody body) {
        JsonNode oral = body.node("oral");
        Instant oralAt = null;
        String where = null;
        if (oral != null && !oral.isNull()) {
            if (!oral.isObject()) throw ApiError.invalid("oral", "oral must be an object");
            oralAt = instant("oral.at", str(oral, "oral.", "at"));
            where = str(oral, "oral.", "link") != null ? str(oral, "oral.", "link") : str(oral, "oral.", "place");
        }
        return new DeskService.OutcomeDraft(body.optText("kind"), body.optText("message"), body.optInt("extraMinutes"), oralAt, where,
                instant("resitAt", body.optText("resitAt")));
    }

    private static Long optLong(JsonBody body, String field) {
        JsonNode n = body.node(field);
        if (n == null || n.isNull()) return null;
        if (!n.canConvertToLong() || !n.isIntegralNumber()) throw ApiError.invalid(field, field + " must be a whole number");
        return n.asLong();
    }

    static Integer optInt(String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ApiError.invalid("extraMinutes", "extraMinutes must be a whole number");
        }
    }

    private Instant local(String value) {
        return value == null || value.isBlank() ? null : times.parseLocalInput("oralAt", value);
    }

    private static String str(JsonNode n, String prefix, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiError.invalid(prefix + name, prefix + name + " must be text");
        return Fields.refuseControlCharacters(prefix + name, v.asText(), false);
    }

    private static Instant instant(String field, String value) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be an ISO date and time with its offset (2026-12-02T10:42:00-05:00)");
        }
    }

    private Map<String, Object> sittingJson(Sitting s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("sittingId", s.ref());
        m.put("courseCode", s.courseCode());
        m.put("courseTitle", s.courseTitle());
        m.put("start", times.iso(s.startsAt()));
        m.put("end", times.iso(s.endsAt()));
        m.put("durationMinutes", s.durationMinutes());
        m.put("mode", s.mode().key());
        m.put("faculty", Map.of("code", s.faculty().code(), "name", s.faculty().name()));
        m.put("professors", s.professors().stream().map(p -> Map.of("contactId", p.contactId(), "name", p.name(), "email", p.email())).toList());
        m.put("studentCount", s.studentNumbers().size());
        m.put("resitOf", s.resitOf());
        return m;
    }

    private Map<String, Object> incidentJson(Incident i, Localizer t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", i.id());
        m.put("clientId", i.clientId());
        m.put("state", i.state().key());
        m.put("sitting", sittingJson(i.sitting()));
        m.put("contactId", i.contactId());
        m.put("student", i.studentName());
        m.put("studentMailed", i.studentHasEmail());
        m.put("category", i.category().key());
        m.put("description", i.description());
        m.put("startedAt", times.iso(i.startedAt()));
        m.put("createdAt", times.iso(i.createdAt()));
        m.put("notifiedAt", times.iso(i.notifiedAt()));
        m.put("afterEnd", i.afterEnd());
        m.put("conversationId", i.conversationId());
        m.put("callId", i.callId());
        m.put("acknowledgedAt", i.acknowledgedAt() == null ? null : times.iso(i.acknowledgedAt()));
        m.put("acknowledgedBy", i.acknowledgedBy());
        m.put("escalatedAt", i.escalatedAt() == null ? null : times.iso(i.escalatedAt()));
        if (i.outcome() != null) {
            var o = i.outcome();
            Map<String, Object> om = new LinkedHashMap<>();
            om.put("kind", o.kind().key());
            om.put("message", o.message());
            om.put("extraMinutes", o.extraMinutes());
            om.put("oralAt", o.oralAt() == null ? null : times.iso(o.oralAt()));
            om.put("oralWhere", o.oralWhere());
            om.put("resitSittingId", o.resitSittingId());
            om.put("by", o.by());
            om.put("at", times.iso(o.at()));
            om.put("text", DeskWords.outcome(o, t, times));
            m.put("outcome", om);
        } else {
            m.put("outcome", null);
        }
        return m;
    }

    // ---------------------------------------------------------------- pages

    private Actor linkActor(Context ctx, long id) {
        var actor = desk.findLinkActor(id, ctx.pathParam("token"));
        if (actor.isEmpty()) {
            ctx.status(404);
            Localizer t = web.localizer(ctx);
            web.renderTo(ctx, "desk/gone.jte", Map.of("t", t));
        }
        return actor.orElse(null);
    }

    private void ackPage(Context ctx, String error) {
        long id = Ids.path(ctx, "id", "Incident");
        Actor actor = linkActor(ctx, id);
        if (actor == null) return;
        Incident i = desk.findIncidentForLink(id);
        Localizer t = web.localizer(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        web.renderTo(ctx, "desk/decide.jte", Map.of("v", DeskViews.decide(i, actor.name(), t, times, WebKernel.csrf(ctx), error)));
    }

    /** {@code form}: the rating as typed when it is refused, else null. */
    private void studentPage(Context ctx, DeskViews.RatingForm form) {
        var incident = desk.findStudentIncident(ctx.pathParam("token"));
        if (incident.isEmpty()) {
            ctx.status(404);
            web.renderTo(ctx, "desk/gone.jte", Map.of("t", web.localizer(ctx)));
            return;
        }
        Incident i = incident.get();
        Localizer t = ctx.queryParam("lang") != null ? web.localizer(ctx) : web.messages().in(desk.findStudentLang(i));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer");
        DeskViews.RatingForm rating = form != null ? form : new DeskViews.RatingForm(Ratings.formScore(ctx.queryParam("score")), "", null);
        web.renderTo(ctx, "desk/student.jte", Map.of("v", DeskViews.student(i, t, times, ctx.path(), desk.findRating(i.id()).orElse(null), rating,
                WebKernel.csrf(ctx))));
    }

    /** The student's rating from their page: the page again, thanked, or with what to mend next to the faces. */
    private void rate(Context ctx) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        int score = Ratings.formScore(ctx.formParam("score"));
        String comment = ctx.formParam("comment") == null ? "" : ctx.formParam("comment");
        try {
            desk.doRateIncident(ctx.pathParam("token"), score, comment.isBlank() ? null : comment.strip());
            ctx.status(201);
            studentPage(ctx, null);
        } catch (ApiError e) {
            if (e.status() == 404 || e.status() == 409) {
                ctx.status(e.status());
                studentPage(ctx, null); // gone, not decided yet or rated already: the page says which
                return;
            }
            if (e.status() != 422) throw e;
            ctx.status(422);
            Localizer t = web.localizer(ctx);
            studentPage(ctx, new DeskViews.RatingForm(score, comment,
                    "comment".equals(e.field()) ? t.t("ratings.page.error.comment", Ratings.MAX_COMMENT) : t.t("widget.chat.rateNeeded")));
        }
    }
}
