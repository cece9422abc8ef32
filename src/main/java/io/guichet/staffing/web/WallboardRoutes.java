package io.guichet.staffing.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.WebKernel;
import io.guichet.staffing.Wallboard;
import io.guichet.staffing.Wallboard.Tile;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

import java.text.NumberFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The wallboard: the lead's page that makes the screen's link ({@code /staffing/wallboard}), the big screen's page
 * ({@code /tableau/{token}}, no login) and its socket ({@code /ws/wallboard/{token}}), which every {@link #EVERY_SECONDS}
 * seconds gets one frame of counts per language, computed once for all the screens of this node.
 */
public final class WallboardRoutes implements AutoCloseable {
    public static final List<NavEntry<Staff>> NAV = List.of(NavEntry.of("staffing-wallboard", "nav.staffing.wallboard", "/staffing/wallboard", Access::canPlanStaffing));
    static final int EVERY_SECONDS = 3;
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/staffing/staffing.css"), List.of());

    private final Wallboard wallboard;
    private final WebKernel web;
    private final StaffShells shells;
    private final RateLimiter perAddress;
    private final String publicUrl;
    private final Set<WsContext> screens = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("wallboard").factory());

    public WallboardRoutes(Wallboard wallboard, WebKernel web, StaffShells shells, String publicUrl, boolean rateLimits) {
        this.wallboard = wallboard;
        this.publicUrl = publicUrl;
        this.web = web;
        this.shells = shells;
        this.perAddress = new RateLimiter(rateLimits, 30);
        ticker.scheduleWithFixedDelay(this::tick, EVERY_SECONDS, EVERY_SECONDS, TimeUnit.SECONDS);
    }

    public record LinkPage(StaffShell shell, String link) {
    }

    /** The big screen's page: the tiles as first drawn, and the socket's address. */
    public record ScreenPage(Localizer t, String lang, String socket, List<Map<String, Object>> tiles) {
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/staffing/wallboard", this::linkPage);
        r.get("/tableau/{token}", this::screen);
        r.ws("/ws/wallboard/{token}", ws -> {
            ws.onConnect(ctx -> {
                if (!wallboard.findLinkValid(ctx.pathParam("token"))) {
                    ctx.closeSession(4401, "link not valid");
                    return;
                }
                ctx.attribute("lang", Messages.supported(ctx.queryParam("lang")));
                ctx.enableAutomaticPings(25, TimeUnit.SECONDS);
                screens.add(ctx);
                ctx.send("{\"type\":\"hello\"}");
                ctx.send(frame(wallboard.findTiles(), ctx.attribute("lang")));
            });
            ws.onClose(screens::remove);
            ws.onError(screens::remove);
        });
    }

    private void linkPage(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        String link =  publicUrl + "/tableau/" + wallboard.doMakeLink(me);
        web.renderTo(ctx, "staffing/wallboard-link.jte", Map.of("v", new LinkPage(shells.of(ctx, "staffing-wallboard", ASSETS), link)));
    }

    private void screen(Context ctx) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        String token = ctx.pathParam("token");
        if (!wallboard.findLinkValid(token)) throw ApiError.notFound("Wallboard");
        Localizer t = web.localizer(ctx);
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer"); // the link is the screen's credential
        web.renderTo(ctx, "staffing/wallboard.jte", Map.of("v", new ScreenPage(t, t.lang(), "/ws/wallboard/" + token + "?lang=" + t.lang(),
                tiles(wallboard.findTiles(), t))));
    }

    /** One frame per language present, then the same text to every screen of that language. */
    private void tick() {
        if (screens.isEmpty()) return;
        try {
            List<Tile> tiles = wallboard.findTiles();
            Map<String, String> frames = new ConcurrentHashMap<>();
            for (WsContext s : screens) {
                String lang = s.attribute("lang");
                try {
                    s.send(frames.computeIfAbsent(lang, l -> frame(tiles, l)));
                } catch (RuntimeException e) {
                    screens.remove(s); // closed meanwhile
                }
            }
        } catch (RuntimeException e) {
            org.slf4j.LoggerFactory.getLogger(WallboardRoutes.class).warn("wallboard frame failed: {}", e.toString());
        }
    }

    private String frame(List<Tile> tiles, String lang) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "wallboard");
        frame.put("services", tiles(tiles, web.messages().in(lang)));
        try {
            return web.json().writeValueAsString(frame);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Counts and their words, nothing else: the frame a test reads for personal data. */
    static List<Map<String, Object>> tiles(List<Tile> tiles, Localizer t) {
        NumberFormat percent = NumberFormat.getPercentInstance(t.locale());
        return tiles.stream().map(tile -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", tile.service().slug());
            m.put("name", tile.service().name(t.lang()));
            m.put("waiting", tile.waiting());
            m.put("longestWait", tile.waiting() == 0 ? "—" : t.t("staffing.wallboard.wait", tile.longestWaitSeconds() / 60, tile.longestWaitSeconds() % 60));
            m.put("answeredWithinTarget", tile.answeredWithinTarget() == null ? "—" : percent.format(tile.answeredWithinTarget()));
            m.put("target", t.t("staffing.wallboard.target", tile.targetSeconds()));
            m.put("lateToday", t.t("staffing.wallboard.lateToday", tile.lateToday()));
            m.put("agentsOnline", tile.agentsOnline());
            m.put("agentsInConversation", tile.agentsInConversation());
            m.put("agentsAway", tile.agentsAway());
            return m;
        }).toList();
    }

    @Override
    public void close() {
        ticker.shutdownNow();
    }
}
