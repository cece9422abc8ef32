package io.guichet.desk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.desk.CallbackQueue;
import io.guichet.desk.DeskCalls;
import io.guichet.desk.DeskCalls.CallEvent;
import io.guichet.desk.Incident;
import io.guichet.desk.Sitting;
import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.people.Contact;
import io.guichet.people.ContactDraft;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.RequestBodies;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The hotline's phones: the PBX's webhook ({@code POST /api/v1/desk/calls/events}, docs/api.md), the calls screen (an
 * agent's extension, a call logged by hand, the latest calls with "open an incident from this call"), the pop a
 * ringing call shows on its agent's console, the callback queue, and the chat widget's "call me back".
 */
public final class CallRoutes {
    public static final NavEntry<Staff> NAV = NavEntry.of("desk.callbacks", "desk.nav.callbacks", "/desk/callbacks", Access::canRunDesk);
    public static final NavEntry<Staff> CALLS_NAV = NavEntry.of("desk.calls", "desk.nav.calls", "/desk/calls", Access::canRunDesk);
    private static final int MAX_BODY = 4 * 1024;
    private static final int RECENT = 20;
    private static final Set<String> FIELDS = Set.of("callId", "event", "from", "to", "extension", "at");

    private final DeskCalls calls;
    private final PeopleService people;
    private final IdentityService identity;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;
    private final RateLimiter perAddress;
    private final RateLimiter callbackRequests;
    private final RateLimiter callbackRequestsPerAddress;
    private final java.time.Clock clock;

    public CallRoutes(DeskCalls calls, PeopleService people, IdentityService identity, WebKernel web, StaffShells shells, Times times, java.time.Clock clock,
                      boolean rateLimits) {
        this.clock = clock;
        this.calls = calls;
        this.people = people;
        this.identity = identity;
        this.web = web;
        this.shells = shells;
        this.times = times;
        this.perAddress = new RateLimiter(rateLimits, 600); // a busy hotline's PBX sends a few events a second at most
        this.callbackRequests = new RateLimiter(rateLimits, 5); // a person asks once, maybe corrects their number
        this.callbackRequestsPerAddress = new RateLimiter(rateLimits, 60); // a campus's students behind one address
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/desk/calls/events", this::event);
        r.get("/desk/callbacks", this::queue);
        r.post("/desk/callbacks/{id}/done", ctx -> {
            Staff me = Authenticated.forPage(ctx);
            try {
                calls.doCalledBack(me, Ids.path(ctx, "id", "Callback"));
            } catch (ApiError e) {
                if (e.status() != 409) throw e; // a colleague called back first: the queue shows it gone
            }
            ctx.redirect("/desk/callbacks", HttpStatus.SEE_OTHER);
        });
        r.get("/desk/callbacks/{id}/card", this::card);
        r.get("/desk/calls", ctx -> callsPage(ctx, Map.of(), null));
        r.post("/desk/calls", this::logByForm);
        r.post("/desk/calls/extension", this::extensionByForm);
        r.get("/desk/calls/{callId}/pop", this::pop);
        r.post("/api/v1/desk/calls", this::logByApi);
        r.put("/api/v1/desk/agents/{staffId}/extension", ctx -> {
            Staff me = Authenticated.staff(ctx);
            String ext = calls.doSetExtension(me, Ids.path(ctx, "staffId", "Staff member"), JsonBody.of(ctx, web.json()).optText("extension"));
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("extension", ext);
            ctx.json(out);
        });
        r.get("/api/v1/visitor/callbacks/offer", ctx -> {
            CallbackQueue.Offer o = calls.queue().findOffer();
            ctx.json(Map.of("enabled", o.enabled(), "service", o.serviceSlug(), "minWaitMinutes", o.minWaitMinutes()));
        });
        r.post("/api/v1/visitor/callbacks", this::request);
    }

    static String popUrl(String callId) {
        return "/desk/calls/" + URLEncoder.encode(callId, StandardCharsets.UTF_8) + "/pop";
    }

    /** The new-incident form prefilled from a call: its id, the caller (contact, else student number) and their sitting running now. */
    static String openIncidentUrl(String callId, Long contactId, String studentNumber, List<Sitting> running) {
        StringBuilder b = new StringBuilder("/desk/incidents/new?call=").append(URLEncoder.encode(callId, StandardCharsets.UTF_8));
        if (contactId != null) b.append("&contact=").append(contactId);
        else if (studentNumber != null) b.append("&studentNumber=").append(URLEncoder.encode(studentNumber, StandardCharsets.UTF_8));
        if (!running.isEmpty()) b.append("&sittingId=").append(running.getFirst().id());
        return b.toString();
    }

    // ---------------------------------------------------------------- the PBX's webhook

    private void event(Context ctx) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        byte[] body = RequestBodies.read(ctx, MAX_BODY, 4L * MAX_BODY, () -> new ApiError(413, "too_large", "A call event is a few hundred bytes"));
        CallEvent e = calls.doReceive(body, ctx.header("X-Guichet-Signature"), this::parse);
        ctx.status(201).json(Map.of("callId", e.callId(), "event", e.event(), "recorded", true));
    }

    private CallEvent parse(byte[] body) {
        JsonNode n;
        try {
            n = web.json().readTree(body);
        } catch (IOException e) {
            throw ApiError.malformed("The body is not JSON");
        }
        if (n == null || !n.isObject()) throw ApiError.malformed("The body must be a JSON object");
        n.fieldNames().forEachRemaining(f -> {
            if (!FIELDS.contains(f)) throw ApiError.invalid(f, "unknown field " + f);
        });
        return new CallEvent(text(n, "callId"), text(n, "event"), text(n, "from"), text(n, "to"), text(n, "extension"), instant(text(n, "at")));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiError.invalid(field, field + " must be text");
        return v.asText();
    }

    private static Instant instant(String value) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("at", "at must be an ISO date and time with its offset");
        }
    }

    // ---------------------------------------------------------------- the callback queue

    /**
     * A callback as the list shows it; {@code mine}: given to the viewer, {@code holder}: the colleague's name, null while
     * it waits; {@code contactUrl}: the caller's contact, when the number or the chat is someone's.
     */
    public record Row(long id, String phone, String at, String atIso, String source, boolean mine, String holder, String contactUrl) {
    }

    private Row row(CallbackQueue.Callback c, Staff me, Localizer t) {
        boolean mine = c.assigneeId() != null && c.assigneeId() == me.id();
        return new Row(c.id(), ContactDraft.readablePhone(c.phone()), times.messageTime(c.requestedAt(), t), times.iso(c.requestedAt()), c.source(), mine,
                c.assigneeId() == null || mine ? null : identity.staffName(c.assigneeId()), c.contactId() == null ? null : "/console/contacts/" + c.contactId());
    }

    public record QueuePage(StaffShell s, List<Row> mine, List<Row> waiting, List<Row> others, boolean enabled) {
    }

    private void queue(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        List<Row> rows = calls.accessCallbacks(me).stream().map(c -> row(c, me, t)).toList();
        web.renderTo(ctx, "desk/staff/callbacks.jte", Map.of("v", new QueuePage(shells.of(ctx, "desk.callbacks", DeskScreens.ASSETS),
                rows.stream().filter(Row::mine).toList(), rows.stream().filter(x -> !x.mine() && x.holder() == null).toList(),
                rows.stream().filter(x -> x.holder() != null).toList(), calls.enabled() || calls.queue().findOffer().enabled())));
    }

    /** The console's card of a callback just given to the viewer (theirs only; a colleague's is 404). */
    private void card(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        long id = Ids.path(ctx, "id", "Callback");
        CallbackQueue.Callback c = calls.accessCallbacks(me).stream().filter(x -> x.id() == id && x.assigneeId() != null && x.assigneeId() == me.id())
                .findFirst().orElseThrow(() -> ApiError.notFound("Callback"));
        web.renderTo(ctx, "desk/staff/callback-card.jte", Map.of("r", row(c, me, t), "t", t));
    }

    // ---------------------------------------------------------------- the calls screen: extension, a call by hand, the latest calls

    public record CallRow(String callId, String number, String direction, String at, String atIso, String note, boolean byHand,
                          String incidentUrl, String openIncidentUrl, boolean highlighted) {
    }

    /** The form as typed when it is refused ({@code errors} by field), else empty with now's time. */
    public record CallsPage(StaffShell s, String extension, String extensionError, String number, String direction, String at, String note,
                            String incident, Map<String, String> errors, List<CallRow> recent, String logged) {
    }

    private void callsPage(Context ctx, Map<String, String> errors, String extensionError) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireDesk(me);
        Localizer t = web.localizer(ctx);
        String logged = ctx.queryParam("logged");
        List<CallRow> recent = calls.accessRecentCalls(me, RECENT).stream().map(c -> new CallRow(c.callId(), c.number(), c.direction(),
                times.messageTime(c.at(), t), times.iso(c.at()), c.note(), c.byHand(), c.incidentId() == null ? null : "/desk/incidents/" + c.incidentId(),
                openIncidentUrl(c.callId(), c.contactId(), null, List.of()), c.callId().equals(logged))).toList();
        boolean refused = !errors.isEmpty();
        ctx.status(refused || extensionError != null ? 422 : 200);
        web.renderTo(ctx, "desk/staff/calls.jte", Map.of("v", new CallsPage(shells.of(ctx, "desk.calls", DeskScreens.ASSETS),
                extensionError != null ? nz(ctx.formParam("extension")) : nz(calls.findExtension(me.id())), extensionError,
                refused ? nz(ctx.formParam("number")) : "", refused ? nz(ctx.formParam("direction")) : "inbound",
                refused ? nz(ctx.formParam("at")) : times.localInput(clock.instant()),
                refused ? nz(ctx.formParam("note")) : "", refused ? nz(ctx.formParam("incident")) : "", errors, recent, logged)));
    }

    private void logByForm(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        try {
            String at = blank(ctx.formParam("at"));
            String incident = blank(ctx.formParam("incident"));
            DeskCalls.Call c = calls.doLogCall(me, new DeskCalls.CallDraft(ctx.formParam("number"), ctx.formParam("direction"),
                    at == null ? null : times.parseLocalInput("at", at), ctx.formParam("note"), incident == null ? null : Ids.field("incident", incident)));
            ctx.redirect("/desk/calls?logged=" + URLEncoder.encode(c.callId(), StandardCharsets.UTF_8), HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            if (e.status() != 422 && e.status() != 404) throw e;
            String field = e.status() == 404 ? "incident" : e.field() == null ? "number" : e.field();
            String reason = e.status() == 404 ? "unknown" : e.reason() == null ? "invalid" : e.reason();
            String key = "desk.calls.error." + field + "." + reason;
            callsPage(ctx, Map.of(field, t.has(key) ? t.t(key) : t.t("desk.calls.error." + field)), null);
        }
    }

    private void extensionByForm(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        try {
            calls.doSetExtension(me, me.id(), ctx.formParam("extension"));
            ctx.redirect("/desk/calls", HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            if (e.status() != 422 && e.status() != 409) throw e;
            callsPage(ctx, Map.of(), t.t(e.status() == 409 ? "desk.calls.extension.taken" : "desk.calls.extension.invalid"));
        }
    }

    private void logByApi(Context ctx) {
        Staff me = Authenticated.staff(ctx);
        JsonBody b = JsonBody.of(ctx, web.json());
        String at = b.optText("at");
        String incident = b.optText("incidentId");
        DeskCalls.Call c = calls.doLogCall(me, new DeskCalls.CallDraft(b.optText("number"), b.optText("direction"), instant(at), b.optText("note"),
                incident == null ? null : Ids.field("incidentId", incident)));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("callId", c.callId());
        out.put("number", c.number());
        out.put("contactId", c.contactId() == null ? null : Long.toString(c.contactId()));
        out.put("openIncident", openIncidentUrl(c.callId(), c.contactId(), null, List.of()));
        ctx.status(201).json(out);
    }

    // ---------------------------------------------------------------- the pop on the agent's console

    public record PopSitting(String course, String until, String incidentUrl) {
    }

    public record PopIncident(String href, String course, String category, String state) {
    }

    public record PopView(String callId, String from, String name, String studentNumber, List<PopSitting> sittings, List<PopIncident> incidents,
                          String openIncidentUrl, String contactUrl) {
    }

    private void pop(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        DeskCalls.Pop p = calls.accessPop(me, ctx.pathParam("callId"));
        List<PopSitting> sittings = p.runningSittings().stream().map(s -> new PopSitting(DeskScreens.course(s), times.clock(s.endsAt(), t),
                "/desk/incidents?sitting=" + s.id())).toList();
        List<PopIncident> incidents = p.openIncidents().stream().map((Incident i) -> new PopIncident("/desk/incidents/" + i.id(), i.sitting().courseCode(),
                t.t("desk.category." + i.category().key()), t.t("desk.state." + i.state().key()))).toList();
        web.renderTo(ctx, "desk/staff/call-pop.jte", Map.of("v", new PopView(p.callId(), p.from(), p.contactName(), p.studentNumber(), sittings, incidents,
                openIncidentUrl(p.callId(), p.contactId(), p.studentNumber(), p.runningSittings()),
                p.contactId() == null ? null : "/console/contacts/" + p.contactId()), "t", t));
    }

    // ---------------------------------------------------------------- the widget's "call me back"

    private void request(Context ctx) {
        callbackRequestsPerAddress.acquire(WebKernel.clientIp(ctx));
        Contact visitor = people.accessVisitor(WebKernel.bearerToken(ctx));
        callbackRequests.acquire(Long.toString(visitor.id()));
        JsonBody b = JsonBody.of(ctx, web.json(), 2048);
        CallbackQueue.Requested r = calls.queue().doRequest(visitor, b.optText("phone"));
        ctx.status(r.created() ? 201 : 200).json(Map.of("id", Long.toString(r.callback().id()), "phone", r.callback().phone(), "waiting", true));
    }

    private static String blank(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
