package io.guichet.inbox.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Role;
import io.guichet.identity.Staff;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.InboxService;
import io.guichet.inbox.InboxService.Sent;
import io.guichet.inbox.ServiceQueue;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.Config;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The public JSON API of the inbox (see docs/api.md): staff calls, and the visitor's calls from the widget. */
public final class InboxApi {
    private final InboxService inbox;
    private final IdentityService identity;
    private final PeopleService people;
    private final WebKernel web;
    private final InboxJson json;
    private final RateLimiter sessionsPerIp;
    private final RateLimiter messagesPerVisitor;

    public InboxApi(InboxService inbox, IdentityService identity, PeopleService people, WebKernel web, Config config) {
        this.inbox = inbox;
        this.identity = identity;
        this.people = people;
        this.web = web;
        this.json = new InboxJson(identity, inbox, config.timeZone());
        this.sessionsPerIp = new RateLimiter(config.rateLimits(), config.visitorSessionsPerMinute());
        this.messagesPerVisitor = new RateLimiter(config.rateLimits(), config.visitorMessagesPerMinute());
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/api/v1/services", this::listServices);
        r.post("/api/v1/services", this::createService);
        r.post("/api/v1/staff", this::createStaff);
        r.get("/api/v1/conversations", this::listConversations);
        r.get("/api/v1/conversations/{id}", ctx -> {
            Staff staff = Authenticated.staff(ctx);
            Conversation c = inbox.accessConversation(staff, id(ctx));
            ctx.json(json.conversation(c, people.accessContact(staff, c.contactId())));
        });
        r.get("/api/v1/conversations/{id}/messages", ctx -> {
            Staff staff = Authenticated.staff(ctx);
            var messages = inbox.accessMessages(staff, id(ctx), after(ctx));
            ctx.json(Map.of("messages", messages.stream().map(m -> json.message(m, true)).toList()));
        });
        r.post("/api/v1/conversations/{id}/messages", this::staffMessage);
        r.post("/api/v1/conversations/{id}/resolve", ctx -> changed(ctx, inbox.doResolve(Authenticated.staff(ctx), id(ctx))));
        r.post("/api/v1/conversations/{id}/reopen", ctx -> changed(ctx, inbox.doReopen(Authenticated.staff(ctx), id(ctx))));
        r.post("/api/v1/conversations/{id}/transfer", this::transfer);
        r.post("/api/v1/me/presence", ctx -> {
            Staff staff = Authenticated.staff(ctx);
            String status = JsonBody.of(ctx, web.json()).text("status");
            if (!status.equals("available") && !status.equals("away")) throw ApiError.invalid("status", "status must be available or away");
            inbox.doSetPresence(staff, status.equals("available"));
            ctx.json(Map.of("status", status));
        });

        r.post("/api/v1/visitor/sessions", this::startVisitor);
        r.get("/api/v1/visitor/me", ctx -> {
            Contact v = visitor(ctx);
            ctx.json(Map.of("id", Long.toString(v.id()), "lang", v.lang(),
                    "conversations", inbox.accessVisitorConversations(v).stream().map(c -> json.conversation(c, null)).toList()));
        });
        r.post("/api/v1/visitor/conversations", this::startConversation);
        r.get("/api/v1/visitor/conversations/{id}", ctx -> {
            Contact v = visitor(ctx);
            Conversation c = inbox.accessVisitorConversation(v, id(ctx));
            ctx.json(json.visitorStatus(c, inbox.accessQueuePosition(c)));
        });
        r.get("/api/v1/visitor/conversations/{id}/messages", ctx -> {
            var messages = inbox.accessVisitorMessages(visitor(ctx), id(ctx), after(ctx));
            ctx.json(Map.of("messages", messages.stream().map(m -> json.message(m, false)).toList()));
        });
        r.post("/api/v1/visitor/conversations/{id}/messages", this::visitorMessage);
    }

    private void listServices(Context ctx) {
        ctx.json(Map.of("services", inbox.accessServices().stream().filter(ServiceQueue::active).map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Long.toString(s.id()));
            m.put("slug", s.slug());
            m.put("nameFr", s.nameFr());
            m.put("nameEn", s.nameEn());
            m.put("languages", s.languages());
            m.put("open", inbox.isOpenNow(s));
            return m;
        }).toList()));
    }

    private void createService(Context ctx) {
        Staff staff = Authenticated.staff(ctx);
        JsonBody body = JsonBody.of(ctx, web.json());
        ServiceQueue s = inbox.doCreateService(staff, body.text("slug"), body.text("nameFr"), body.text("nameEn"),
                body.textList("languages"));
        ctx.status(201).json(Map.of("id", Long.toString(s.id()), "slug", s.slug()));
    }

    private void createStaff(Context ctx) {
        Staff admin = Authenticated.staff(ctx);
        if (!admin.isAdmin()) throw ApiError.forbidden("Only an administrator can create staff accounts");
        JsonBody body = JsonBody.of(ctx, web.json());
        Role role;
        try {
            role = Role.fromCode(body.optText("role") == null ? "agent" : body.optText("role"));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("role", "role must be admin, supervisor or agent");
        }
        List<String> services = body.textList("services");
        services.forEach(inbox::serviceBySlug); // unknown service: 422 before anything is created
        Integer max = body.optInt("maxConcurrent");
        int maxConcurrent = max == null ? 5 : max;
        if (maxConcurrent < 1 || maxConcurrent > 100) throw ApiError.invalid("maxConcurrent", "maxConcurrent must be from 1 to 100");
        long id = identity.doCreateStaff(admin, new IdentityService.NewStaff(body.text("email"), body.text("name"),
                body.text("password"), role, body.optText("lang")));
        inbox.doSetAgent(admin, id, services, maxConcurrent);
        ctx.status(201).json(Map.of("id", Long.toString(id)));
    }

    private void listConversations(Context ctx) {
        Staff staff = Authenticated.staff(ctx);
        Conversation.Status status = null;
        String s = ctx.queryParam("status");
        if (s != null) {
            try {
                status = Conversation.Status.fromCode(s);
            } catch (IllegalArgumentException e) {
                throw ApiError.invalid("status", "status must be open, waiting or resolved");
            }
        }
        Long assignee = null;
        String a = ctx.queryParam("assignee");
        if ("me".equals(a)) assignee = staff.id();
        else if (a != null) assignee = Ids.lookup(a, "Assignee");
        Long service = ctx.queryParam("service") == null ? null : inbox.serviceBySlug(ctx.queryParam("service")).id();
        var list = inbox.accessConversations(staff, status, assignee, service);
        ctx.json(Map.of("conversations", list.stream().map(c -> json.conversation(c, people.accessContact(staff, c.contactId()))).toList()));
    }

    private void staffMessage(Context ctx) {
        Staff staff = Authenticated.staff(ctx);
        JsonBody body = JsonBody.of(ctx, web.json());
        Sent sent = inbox.doSendAgentMessage(staff, id(ctx), body.optText("body"), body.optText("clientId"),
                body.bool("internal", false));
        ctx.status(sent.duplicate() ? 200 : 201).json(Map.of("messageId", Long.toString(sent.message().id()), "seq", sent.message().seq()));
    }

    private void transfer(Context ctx) {
        Staff staff = Authenticated.staff(ctx);
        JsonBody body = JsonBody.of(ctx, web.json());
        String toStaff = body.optText("toStaffId");
        changed(ctx, inbox.doTransfer(staff, id(ctx), toStaff == null ? null : Ids.lookup(toStaff, "Staff member"), body.optText("toService")));
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
        Sent sent = inbox.doStartConversation(v, body.optText("service"), body.optText("body"), body.optText("clientId"));
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
        Sent sent = inbox.doSendVisitorMessage(v, id(ctx), body.optText("body"), body.optText("clientId"));
        ctx.status(sent.duplicate() ? 200 : 201).json(Map.of("messageId", Long.toString(sent.message().id()), "seq", sent.message().seq()));
    }

    private Contact visitor(Context ctx) {
        return people.accessVisitor(WebKernel.bearerToken(ctx)).orElseThrow(ApiError::unauthorized);
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
