package io.guichet.inbox.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Role;
import io.guichet.identity.Staff;
import io.guichet.inbox.Conversation;
import io.guichet.identity.Viewer;
import io.guichet.inbox.AgentService;
import io.guichet.inbox.ConversationOrigins;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Origin;
import io.guichet.inbox.ConversationService.Sent;
import io.guichet.inbox.InboxSettings;
import io.guichet.inbox.Mentions;
import io.guichet.inbox.Ratings;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** The public JSON API of the inbox (see docs/api.md): staff calls, and the visitor's calls from the widget. */
public final class InboxApi {
    private final ConversationService conversations;
    private final Mentions mentions;
    private final Ratings ratings;
    private final AgentService agents;
    private final PeopleService people;
    private final WebKernel web;
    private final InboxJson json;
    private final RateLimiter sessionsPerIp;
    private final RateLimiter messagesPerVisitor;

    private final ConversationOrigins origins;

    public InboxApi(ConversationService conversations, Mentions mentions, Ratings ratings, AgentService agents, PeopleService people,
                    ConversationOrigins origins, WebKernel web, InboxJson json, InboxSettings settings) {
        this.origins = origins;
        this.conversations = conversations;
        this.mentions = mentions;
        this.ratings = ratings;
        this.agents = agents;
        this.people = people;
        this.web = web;
        this.json = json;
        this.sessionsPerIp = new RateLimiter(settings.rateLimits(), settings.visitorSessionsPerMinute());
        this.messagesPerVisitor = new RateLimiter(settings.rateLimits(), settings.visitorMessagesPerMinute());
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/staff", this::createStaff);
        r.put("/api/v1/staff/{id}", this::updateStaff);
        r.get("/api/v1/conversations/{id}", ctx -> {
            Viewer viewer = Authenticated.viewer(ctx);
            Conversation c = conversations.accessConversation(viewer, id(ctx));
            Map<String, Object> out = json.conversation(c, people.accessContact(viewer, c.contactId()));
            out.put("rating", ratings.accessRating(viewer, c.id()).map(json::rating).orElse(null));
            ctx.json(out);
        });
        r.get("/api/v1/conversations/{id}/messages", ctx -> {
            var messages = conversations.accessMessages(Authenticated.viewer(ctx), id(ctx), after(ctx));
            ctx.json(Map.of("messages", messages.stream().map(m -> json.message(m, true)).toList()));
        });
        r.post("/api/v1/conversations/{id}/messages", this::staffMessage);
        r.post("/api/v1/conversations/{id}/resolve", ctx -> changed(ctx, conversations.doResolve(Authenticated.viewer(ctx), id(ctx))));
        r.post("/api/v1/conversations/{id}/reopen", ctx -> changed(ctx, conversations.doReopen(Authenticated.viewer(ctx), id(ctx))));
        r.post("/api/v1/conversations/{id}/transfer", this::transfer);
        r.post("/api/v1/me/presence", ctx -> {
            Staff staff = Authenticated.staff(ctx);
            String status = JsonBody.of(ctx, web.json()).text("status");
            if (!status.equals("available") && !status.equals("away")) throw ApiError.invalid("status", "status must be available or away");
            agents.doSetPresence(staff, status.equals("available"));
            ctx.json(Map.of("status", status));
        });

        r.post("/api/v1/visitor/sessions", this::startVisitor);
        r.get("/api/v1/visitor/me", ctx -> {
            Contact v = visitor(ctx);
            ctx.json(Map.of("id", Long.toString(v.id()), "lang", v.lang(),
                    "conversations", conversations.accessVisitorConversations(v).stream().map(c -> json.conversation(c, null)).toList()));
        });
        r.post("/api/v1/visitor/conversations", this::startConversation);
        r.get("/api/v1/visitor/conversations/{id}", ctx -> {
            Contact v = visitor(ctx);
            Conversation c = conversations.accessVisitorConversation(v, id(ctx));
            int place = conversations.findQueuePosition(c);
            ctx.json(json.visitorStatus(c, place, conversations.findEstimatedWaitMinutes(c.serviceId(), place)));
        });
        r.get("/api/v1/visitor/conversations/{id}/messages", ctx -> {
            var messages = conversations.accessVisitorMessages(visitor(ctx), id(ctx), after(ctx));
            if (!messages.isEmpty()) conversations.doMarkToldVisitor(id(ctx), messages.getLast().seq()); // read in the widget: not mailed
            ctx.json(Map.of("messages", messages.stream().map(m -> json.message(m, false)).toList()));
        });
        r.post("/api/v1/visitor/conversations/{id}/messages", this::visitorMessage);
    }

    private void createStaff(Context ctx) {
        Staff admin = Authenticated.staff(ctx);
        JsonBody body = JsonBody.of(ctx, web.json());
        Role role = role(body.optText("role") == null ? "agent" : body.optText("role"));
        Integer max = body.optInt("maxConcurrent");
        long id = agents.doCreateStaffMember(admin, new IdentityService.NewStaff(body.text("email"), body.text("name"),
                        body.text("password"), role, body.optText("lang")),
                new AgentService.Assignment(body.textList("services"), max == null ? AgentService.DEFAULT_CAPACITY : max));
        ctx.status(201).json(Map.of("id", Long.toString(id)));
    }

    /** Every field is required, as the admin screen sends them: name, role, active, services, maxConcurrent. */
    private void updateStaff(Context ctx) {
        Staff admin = Authenticated.staff(ctx);
        JsonBody body = JsonBody.of(ctx, web.json());
        long id = Ids.path(ctx, "id", "Staff member");
        Integer max = body.optInt("maxConcurrent");
        agents.doUpdateStaffMember(admin, id, body.text("name"), role(body.text("role")), body.optText("lang"),
                body.bool("active", true), new AgentService.Assignment(body.textList("services"), max == null ? AgentService.DEFAULT_CAPACITY : max));
        ctx.status(204);
    }

    private static Role role(String code) {
        try {
            return Role.fromCode(code);
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("role", "role must be admin, supervisor or agent");
        }
    }

    private void staffMessage(Context ctx) {
        JsonBody body = JsonBody.of(ctx, web.json());
        Sent sent = MentionRoutes.send(mentions, conversations, Authenticated.viewer(ctx), id(ctx), body.optText("body"), body.optText("clientId"),
                body.bool("internal", false), body.textList("mentions"));
        ctx.status(sent.duplicate() ? 200 : 201).json(Map.of("messageId", Long.toString(sent.message().id()), "seq", sent.message().seq()));
    }

    private void transfer(Context ctx) {
        JsonBody body = JsonBody.of(ctx, web.json());
        String toStaff = body.optText("toStaffId");
        changed(ctx, conversations.doTransfer(Authenticated.viewer(ctx), id(ctx), toStaff == null ? null : Ids.lookup(toStaff, "Staff member"), body.optText("toService")));
    }

    private void changed(Context ctx, Conversation c) {
        ctx.json(json.conversation(c, null));
    }

    private void startVisitor(Context ctx) {
        sessionsPerIp.acquire(WebKernel.clientIp(ctx));
        JsonBody body = JsonBody.of(ctx, web.json());
        var session = people.doStartVisitorSession(body.optText("name"), body.optText("email"), body.optText("lang"));
        ctx.status(201).json(Map.of("visitorToken", session.token(), "contactId", Long.toString(session.contact().id())));
    }

    private void startConversation(Context ctx) {
        Contact v = visitor(ctx);
        messagesPerVisitor.acquire(Long.toString(v.id()));
        JsonBody body = JsonBody.of(ctx, web.json());
        if (body.optText("name") != null || body.optText("email") != null) {
            v = people.doUpdateVisitor(v, body.optText("name"), body.optText("email"), null);
        }
        // a chat session another module opened (the bubble of an applicant's journey page) gives its conversations their origin
        Origin origin = origins.originOfSession(WebKernel.bearerToken(ctx)).orElse(null);
        Sent sent = conversations.doStartConversation(v, body.optText("service"), body.optText("body"), body.optText("clientId"), origin);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("conversationId", Long.toString(sent.conversation().id()));
        result.put("messageId", Long.toString(sent.message().id()));
        result.put("seq", sent.message().seq());
        result.put("status", sent.conversation().status().code());
        result.put("offline", sent.conversation().offline());
        ctx.status(sent.duplicate() ? 200 : 201).json(result);
    }

    private void visitorMessage(Context ctx) {
        Contact v = visitor(ctx);
        messagesPerVisitor.acquire(Long.toString(v.id()));
        JsonBody body = JsonBody.of(ctx, web.json());
        Sent sent = conversations.doSendVisitorMessage(v, id(ctx), body.optText("body"), body.optText("clientId"));
        ctx.status(sent.duplicate() ? 200 : 201).json(Map.of("messageId", Long.toString(sent.message().id()), "seq", sent.message().seq()));
    }

    private Contact visitor(Context ctx) {
        return people.accessVisitor(WebKernel.bearerToken(ctx));
    }

    private static long id(Context ctx) {
        return Ids.path(ctx, "id", "Conversation");
    }

    private static int after(Context ctx) {
        String a = ctx.queryParam("after");
        if (a == null) return 0;
        try {
            return Integer.parseInt(a);
        } catch (NumberFormatException e) {
            throw ApiError.invalid("after", "after must be a sequence number");
        }
    }
}
