package io.guichet.live.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.live.LiveSessionService;
import io.guichet.live.LiveQuestionService;
import io.guichet.live.LiveReportService;
import io.guichet.live.LiveSettings;
import io.guichet.live.LiveQuestionService.Asked;
import io.guichet.live.LiveSession;
import io.guichet.live.Question;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The JSON API of live sessions (see docs/api.md): staff run them, visitors ask and vote. */
public final class LiveApi {
    private final LiveSessionService sessions;
    private final LiveQuestionService questions;
    private final LiveReportService reports;
    private final IdentityService identity;
    private final PeopleService people;
    private final WebKernel web;
    private final LiveJson json;
    private final LiveSockets sockets;
    private final RateLimiter questionsPerVisitor;
    private final RateLimiter votesPerVisitor;

    public LiveApi(LiveSessionService sessions, LiveQuestionService questions, LiveReportService reports, IdentityService identity, PeopleService people, WebKernel web, LiveJson json,
                   LiveSockets sockets, LiveSettings settings) {
        this.sessions = sessions;
        this.questions = questions;
        this.reports = reports;
        this.identity = identity;
        this.people = people;
        this.web = web;
        this.json = json;
        this.sockets = sockets;
        this.questionsPerVisitor = new RateLimiter(settings.rateLimits(), settings.questionsPerMinute());
        this.votesPerVisitor = new RateLimiter(settings.rateLimits(), settings.votesPerMinute());
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/live", ctx -> {
            LiveSession s = sessions.doCreateSession(Authenticated.staff(ctx), form(JsonBody.of(ctx, web.json()), null));
            ctx.status(201).json(Map.of("id", Long.toString(s.id()), "slug", s.slug()));
        });
        r.get("/api/v1/live", ctx -> ctx.json(Map.of("sessions", sessions.accessSessions(Authenticated.staff(ctx)).stream()
                .map(s -> json.session(s, sessions.phase(s))).toList())));
        r.get("/api/v1/live/{slug}", ctx -> {
            LiveSession s = sessions.findSession(ctx.pathParam("slug"));
            Map<String, Object> body = new LinkedHashMap<>(json.session(s, sessions.phase(s)));
            body.put("viewers", sockets.viewers(s.id()));
            ctx.json(body);
        });
        r.put("/api/v1/live/{slug}", ctx -> {
            String slug = ctx.pathParam("slug");
            LiveSession s = sessions.doUpdateSession(Authenticated.staff(ctx), slug, form(JsonBody.of(ctx, web.json()), slug));
            ctx.json(json.session(s, sessions.phase(s)));
        });
        r.post("/api/v1/live/{slug}/start", ctx -> session(ctx, sessions.doStart(Authenticated.staff(ctx), ctx.pathParam("slug"))));
        r.post("/api/v1/live/{slug}/end", ctx -> session(ctx, sessions.doEnd(Authenticated.staff(ctx), ctx.pathParam("slug"))));

        r.post("/api/v1/live/{slug}/questions", this::ask);
        r.get("/api/v1/live/{slug}/questions", this::wall);
        r.get("/api/v1/live/{slug}/mine", ctx -> {
            var mine = questions.accessMine(visitor(ctx), ctx.pathParam("slug"));
            ctx.json(Map.of("questions", mine.questions().stream().map(q -> json.ownQuestion(q, null)).toList(),
                    "voted", mine.voted().stream().map(String::valueOf).toList()));
        });
        r.put("/api/v1/live/{slug}/questions/{id}/vote", ctx -> vote(ctx, true));
        r.delete("/api/v1/live/{slug}/questions/{id}/vote", ctx -> vote(ctx, false));

        r.get("/api/v1/live/{slug}/moderation", ctx -> {
            Staff staff = Authenticated.staff(ctx);
            String slug = ctx.pathParam("slug");
            LiveSession s = sessions.findSession(slug);
            ctx.json(Map.of("questions", questions.accessQuestions(staff, slug).stream()
                            .map(q -> json.staffQuestion(q, s.highlightedQuestionId())).toList(),
                    "figures", json.figures(reports.accessFigures(staff, slug, sockets.viewers(s.id())))));
        });
        r.post("/api/v1/live/{slug}/questions/{id}/approve", ctx -> moderated(ctx, questions.doApprove(Authenticated.staff(ctx), ctx.pathParam("slug"), id(ctx))));
        r.post("/api/v1/live/{slug}/questions/{id}/dismiss", ctx -> moderated(ctx, questions.doDismiss(Authenticated.staff(ctx), ctx.pathParam("slug"), id(ctx))));
        r.post("/api/v1/live/{slug}/questions/{id}/restore", ctx -> moderated(ctx, questions.doRestore(Authenticated.staff(ctx), ctx.pathParam("slug"), id(ctx))));
        r.post("/api/v1/live/{slug}/approve-all", ctx ->
                ctx.json(Map.of("approved", questions.doApproveAll(Authenticated.staff(ctx), ctx.pathParam("slug")))));
        r.post("/api/v1/live/{slug}/questions/{id}/edit", ctx -> moderated(ctx,
                questions.doEdit(Authenticated.staff(ctx), ctx.pathParam("slug"), id(ctx), JsonBody.of(ctx, web.json()).optText("body"))));
        r.post("/api/v1/live/{slug}/questions/{id}/answer", ctx -> moderated(ctx,
                questions.doAnswer(Authenticated.staff(ctx), ctx.pathParam("slug"), id(ctx), JsonBody.of(ctx, web.json()).optText("body"))));
        r.post("/api/v1/live/{slug}/questions/{id}/merge", ctx -> {
            long into = Ids.lookup(JsonBody.of(ctx, web.json()).text("into"), "Question");
            moderated(ctx, questions.doMerge(Authenticated.staff(ctx), ctx.pathParam("slug"), id(ctx), into));
        });
        r.post("/api/v1/live/{slug}/questions/{id}/highlight", ctx ->
                session(ctx, sessions.doHighlight(Authenticated.staff(ctx), ctx.pathParam("slug"), id(ctx))));
        r.delete("/api/v1/live/{slug}/questions/{id}/highlight", ctx -> {
            Staff staff = Authenticated.staff(ctx);
            String slug = ctx.pathParam("slug");
            long id = id(ctx);
            boolean highlighted = Long.valueOf(id).equals(sessions.findSession(slug).highlightedQuestionId());
            LiveSession s = highlighted ? sessions.doHighlight(staff, slug, null) : sessions.findSession(slug);
            session(ctx, s);
        });
        r.get("/api/v1/live/{slug}/report", ctx -> ctx.json(json.report(reports.accessReport(Authenticated.staff(ctx), ctx.pathParam("slug")))));
        r.get("/api/v1/live/{slug}/questions.csv", ctx -> {
            var report = reports.accessReport(Authenticated.staff(ctx), ctx.pathParam("slug"));
            ctx.contentType("text/csv; charset=utf-8");
            ctx.header("Content-Disposition", "attachment; filename=\"questions-" + report.session().slug() + ".csv\"");
            ctx.result(QuestionsCsv.write(report, json, identity::staffName));
        });
    }

    private void ask(Context ctx) {
        Contact visitor = visitor(ctx);
        questionsPerVisitor.acquire(Long.toString(visitor.id()));
        JsonBody body = JsonBody.of(ctx, web.json());
        String name = body.optText("name");
        if (name != null && !name.isBlank() && visitor.name() == null) {
            visitor = people.doUpdateVisitor(visitor, name, null, null); // the specialist sees who asks
        }
        Asked asked = questions.doAsk(visitor, ctx.pathParam("slug"), body.optText("body"), body.optText("visibility"),
                body.optText("service"), body.optText("clientId"), name);
        Question q = asked.question();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("id", Long.toString(q.id()));
        // The contract: pending or published. A private question is never held: it went straight to its service.
        result.put("status", q.status() == Question.Status.PRIVATE ? Question.Status.PUBLISHED.code() : q.status().code());
        if (q.conversationId() != null) result.put("conversationId", Long.toString(q.conversationId()));
        result.put("question", json.ownQuestion(q, null));
        ctx.status(asked.duplicate() ? 200 : 201).json(result);
    }

    private void wall(Context ctx) {
        String sort = ctx.queryParam("sort") == null ? "top" : ctx.queryParam("sort");
        if (!sort.equals("top") && !sort.equals("new")) throw ApiError.invalid("sort", "sort must be top or new");
        String slug = ctx.pathParam("slug");
        LiveSession s = sessions.findSession(slug);
        List<Map<String, Object>> wall = json.wall(questions.findWall(slug, sort.equals("top")), s.highlightedQuestionId());
        String token = WebKernel.bearerToken(ctx);
        if (token != null) { // a visitor learns which questions they voted for
            Set<String> voted = new HashSet<>();
            questions.accessMine(visitor(ctx), slug).voted().forEach(id -> voted.add(Long.toString(id)));
            wall.forEach(q -> q.put("voted", voted.contains((String) q.get("id"))));
        }
        ctx.json(Map.of("questions", wall, "phase", sessions.phase(s).code()));
    }

    private void vote(Context ctx, boolean up) {
        Contact visitor = visitor(ctx);
        votesPerVisitor.acquire(Long.toString(visitor.id()));
        Question q = questions.doVote(visitor, ctx.pathParam("slug"), id(ctx), up);
        ctx.json(Map.of("id", Long.toString(q.id()), "votes", q.votes(), "rev", q.voteRev(), "voted", up));
    }

    private void moderated(Context ctx, Question q) {
        LiveSession s = sessions.findSessionForDelivery(q.sessionId()).orElseThrow();
        ctx.json(json.staffQuestion(q, s.highlightedQuestionId()));
    }

    private void session(Context ctx, LiveSession s) {
        ctx.json(json.session(s, sessions.phase(s)));
    }

    private LiveSessionService.SessionForm form(JsonBody body, String slug) {
        String moderation = body.optText("moderation") == null ? "pre" : body.optText("moderation");
        if (!moderation.equals("pre") && !moderation.equals("post")) throw ApiError.invalid("moderation", "moderation must be pre or post");
        return new LiveSessionService.SessionForm(slug == null ? body.optText("slug") : slug, body.optText("titleFr"), body.optText("titleEn"),
                body.optText("descriptionFr"), body.optText("descriptionEn"), instant(body, "startsAt"), instant(body, "endsAt"),
                moderation.equals("pre"), body.bool("anonymous", true), body.textList("blocklist"), body.textList("services"));
    }

    private static Instant instant(JsonBody body, String field) {
        String value = body.optText(field);
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date and time with its offset, e.g. 2026-03-01T19:00:00-05:00");
        }
    }

    private Contact visitor(Context ctx) {
        return people.accessVisitor(WebKernel.bearerToken(ctx));
    }

    private static long id(Context ctx) {
        return Ids.path(ctx, "id", "Question");
    }
}
