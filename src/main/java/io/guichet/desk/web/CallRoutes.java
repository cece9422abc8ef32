package io.guichet.desk.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.desk.DeskCalls;
import io.guichet.desk.DeskCalls.CallEvent;
import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
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
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The PBX's webhook ({@code POST /api/v1/desk/calls/events}, docs/api.md) and the helpdesk's callback queue screen. */
public final class CallRoutes {
    public static final NavEntry<Staff> NAV = NavEntry.of("desk.callbacks", "desk.nav.callbacks", "/desk/callbacks", Access::canRunDesk);
    private static final int MAX_BODY = 4 * 1024;
    private static final Set<String> FIELDS = Set.of("callId", "event", "from", "to", "extension", "at");

    private final DeskCalls calls;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;
    private final RateLimiter perAddress;

    public CallRoutes(DeskCalls calls, WebKernel web, StaffShells shells, Times times, boolean rateLimits) {
        this.calls = calls;
        this.web = web;
        this.shells = shells;
        this.times = times;
        this.perAddress = new RateLimiter(rateLimits, 600); // a busy hotline's PBX sends a few events a second at most
    }

    public void register(JavalinConfig config) {
        config.routes.post("/api/v1/desk/calls/events", this::event);
        config.routes.get("/desk/callbacks", this::queue);
        config.routes.post("/desk/callbacks/{id}/done", ctx -> {
            Staff me = Authenticated.forPage(ctx);
            try {
                calls.doCalledBack(me, Ids.path(ctx, "id", "Callback"));
            } catch (ApiError e) {
                if (e.status() != 409) throw e; // a colleague called back first: the queue shows it gone
            }
            ctx.redirect("/desk/callbacks", HttpStatus.SEE_OTHER);
        });
    }

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

    public record Row(long id, String phone, String at, String atIso) {
    }

    public record QueuePage(StaffShell s, List<Row> rows, boolean enabled) {
    }

    private void queue(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        List<Row> rows = calls.accessCallbacks(me).stream().map(c -> new Row(c.id(), c.phone(), times.messageTime(c.requestedAt(), t), times.iso(c.requestedAt()))).toList();
        web.renderTo(ctx, "desk/staff/callbacks.jte", Map.of("v", new QueuePage(shells.of(ctx, "desk.callbacks", DeskScreens.ASSETS), rows, calls.enabled())));
    }
}
