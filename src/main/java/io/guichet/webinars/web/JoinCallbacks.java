package io.guichet.webinars.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.webinars.WebinarLinks;
import io.guichet.webinars.WebinarRooms;
import io.guichet.webinars.WebinarService;
import io.guichet.webinars.WebinarSession;
import io.javalin.config.JavalinConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What BigBlueButton calls back (under {@code /link/}, each call carrying its own credential: the end callback's
 * signed address, the recording's JWT) and what organisers read: a session's attendance and its hosts' moderator links.
 */
public final class JoinCallbacks {
    private final WebinarRooms rooms;
    private final WebinarService webinars;
    private final WebinarLinks links;
    private final Times times;
    private final RateLimiter perAddress;
    private final RateLimiter webhooksPerAddress;

    public JoinCallbacks(WebinarRooms rooms, WebinarService webinars, WebinarLinks links, Times times, boolean rateLimits) {
        this.rooms = rooms;
        this.webinars = webinars;
        this.links = links;
        this.times = times;
        this.perAddress = new RateLimiter(rateLimits, 120);
        // one BigBlueButton server tells of every coming and going of a fair's rooms: far more than a person clicks
        this.webhooksPerAddress = new RateLimiter(rateLimits, 6_000);
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/link/webinaire/fin/{token}", ctx -> {
            perAddress.acquire(WebKernel.clientIp(ctx));
            var session = rooms.roomEndedSession(ctx.pathParam("token"));
            if (session.isEmpty()) {
                ctx.status(404);
                return;
            }
            rooms.doRoomEnded(session.get());
            ctx.status(200).result("ok");
        });
        r.post("/link/webinaire/enregistrement", ctx -> {
            perAddress.acquire(WebKernel.clientIp(ctx));
            ctx.status(rooms.doRecordingReady(ctx.formParam("signed_parameters")) ? 200 : 401);
        });
        // bbb-webhooks: the checksum in the query covers this address and the form's event and timestamp
        r.post("/link/webinaire/evenements", ctx -> {
            webhooksPerAddress.acquire(WebKernel.clientIp(ctx));
            ctx.status(rooms.doWebhookEvents(ctx.formParam("event"), ctx.formParam("timestamp"), ctx.queryParam("checksum")) ? 200 : 401);
        });
        r.get("/api/v1/webinars/sessions/{id}/attendance", ctx -> {
            List<WebinarRooms.AttendanceLine> lines = rooms.accessAttendance(Authenticated.staff(ctx), Ids.path(ctx, "id", "Session"));
            List<Map<String, Object>> out = new ArrayList<>();
            for (WebinarRooms.AttendanceLine l : lines) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("registrationId", Long.toString(l.registration().id()));
                m.put("name", l.registration().name());
                m.put("email", l.registration().email());
                m.put("attended", l.joinedAt() != null);
                m.put("joinedAt", l.joinedAt() == null ? null : times.iso(l.joinedAt()));
                m.put("leftAt", l.leftAt() == null ? null : times.iso(l.leftAt()));
                m.put("minutes", l.minutes());
                m.put("present", l.present());
                out.add(m);
            }
            long attended = lines.stream().filter(l -> l.joinedAt() != null).count();
            ctx.json(Map.of("registered", lines.size(), "attended", attended, "attendees", out));
        });
        r.get("/api/v1/webinars/sessions/{id}/hosts", ctx -> {
            Staff viewer = Access.requireWebinarOrganiser(Authenticated.staff(ctx));
            WebinarSession s = webinars.findSession(Ids.path(ctx, "id", "Session"));
            List<Map<String, String>> out = new ArrayList<>();
            for (String speaker : s.speakers()) out.add(Map.of("name", speaker, "url", links.hostUrl(s, speaker)));
            out.add(Map.of("name", viewer.name(), "url", links.hostUrl(s, viewer.name())));
            ctx.json(Map.of("hosts", out));
        });
    }
}
