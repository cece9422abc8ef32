package io.guichet.alerts.web;

import io.guichet.alerts.Alert;
import io.guichet.alerts.AlertChanged;
import io.guichet.alerts.AlertRecipient;
import io.guichet.alerts.AlertService;
import io.guichet.alerts.AlertText;
import io.guichet.alerts.AlertUpdate;
import io.guichet.alerts.CapDocument;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The alerts' public side, no login: the live page {@code /alerte/{id}} (phone first), the personal acknowledgement page
 * {@code /link/alerte/{token}} (its signed link is the credential), the feeds ({@code /alerts.atom}, {@code /alerts/{id}.cap})
 * and {@code /ws/alerts}, the socket every public page and the widget's panel open for the banner: on connecting and on
 * every change of an alert (from any node, through the bus), the active alerts' short texts in the page's language.
 */
public final class AlertPublic {
    private final AlertService alerts;
    private final CapDocument cap;
    private final WebKernel web;
    private final Times times;
    private final Clock clock;
    private final RateLimiter acksPerAddress;
    private final RateLimiter pagesPerAddress;
    private final Set<WsContext> banners = ConcurrentHashMap.newKeySet();

    public AlertPublic(AlertService alerts, CapDocument cap, WebKernel web, Times times, Clock clock, Bus bus, boolean rateLimits) {
        this.alerts = alerts;
        this.cap = cap;
        this.web = web;
        this.times = times;
        this.clock = clock;
        this.acksPerAddress = AlertApi.ackLimiter(alerts, rateLimits);
        this.pagesPerAddress = new RateLimiter(rateLimits, 120);
        bus.subscribe(AlertChanged.class, n -> {
            if (Set.of("sent", "updated", "closed").contains(n.change())) pushBanners();
        });
    }

    /** A line of the live page: the first message or a follow-up, with its time. */
    public record Entry(String time, String iso, String shortText, List<String> paragraphs, boolean allClear, boolean first) {
    }

    public record Page(Localizer t, String otherLang, String otherHref, long id, boolean closed, String severity, List<Entry> entries) {
    }

    public record AckPage(Localizer t, Page alert, String action, String chosen, String state, String message, String location, String notice,
                          String error) {
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get(AlertService.PAGE_PATH + "{id}", this::page);
        r.get(AlertService.ACK_PATH + "{token}", ctx -> ackPage(ctx, null, null));
        r.post(AlertService.ACK_PATH + "{token}", this::answer);
        r.get("/alerts.atom", ctx -> {
            List<Alert> active = alerts.findActive();
            ctx.contentType("application/atom+xml; charset=utf-8")
                    .result(cap.atom(active, alerts.findUpdatesOf(active.stream().map(Alert::id).toList()), clock.instant()));
        });
        r.get("/alerts/{id}.cap", ctx -> {
            Alert a = alerts.findPublished(Ids.path(ctx, "id", "Alert")).orElseThrow(() -> ApiError.notFound("Alert"));
            ctx.contentType("application/cap+xml; charset=utf-8").result(cap.cap(a, alerts.findUpdates(a.id())));
        });
        r.ws("/ws/alerts", ws -> {
            ws.onConnect(ctx -> {
                ctx.attribute("lang", Messages.supported(ctx.queryParam("lang")));
                ctx.enableAutomaticPings(25, TimeUnit.SECONDS);
                banners.add(ctx);
                ctx.send("{\"type\":\"hello\"}");
                ctx.send(bannerFrame(alerts.findActive(), ctx.attribute("lang")));
            });
            ws.onClose(banners::remove);
            ws.onError(banners::remove);
        });
    }

    // ---------------------------------------------------------------- the banner

    /** One frame per language, the same text to every socket of it. */
    private void pushBanners() {
        if (banners.isEmpty()) return;
        List<Alert> active = alerts.findActive();
        Map<String, String> frames = new ConcurrentHashMap<>();
        for (WsContext s : banners) {
            try {
                s.send(frames.computeIfAbsent(s.attribute("lang"), lang -> bannerFrame(active, lang)));
            } catch (RuntimeException e) {
                banners.remove(s); // closed meanwhile
            }
        }
    }

    private String bannerFrame(List<Alert> active, String lang) {
        Map<Long, List<AlertUpdate>> updates = alerts.findUpdatesOf(active.stream().map(Alert::id).toList());
        Localizer t = web.messages().in(lang);
        List<Map<String, Object>> list = new ArrayList<>();
        for (Alert a : active) {
            List<AlertUpdate> u = updates.getOrDefault(a.id(), List.of());
            AlertText words = u.isEmpty() ? a.texts().in(lang) : u.getLast().texts().in(lang);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Long.toString(a.id()));
            m.put("severity", a.severity());
            m.put("short", words.shortText());
            m.put("href", AlertService.PAGE_PATH + a.id() + "?lang=" + lang);
            m.put("more", t.t("alerts.banner.more"));
            m.put("label", t.t("alerts.banner.label"));
            list.add(m);
        }
        try {
            return web.json().writeValueAsString(Map.of("type", "alerts", "alerts", list));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** How many public sockets this node holds (tests wait for the page's socket before approving). */
    public int bannerSockets() {
        return banners.size();
    }

    // ---------------------------------------------------------------- the live page

    private void page(Context ctx) {
        pagesPerAddress.acquire(WebKernel.clientIp(ctx));
        Alert a = alerts.findPublished(Ids.path(ctx, "id", "Alert")).orElseThrow(() -> ApiError.notFound("Alert"));
        Localizer t = web.localizer(ctx);
        ctx.header("Cache-Control", "no-cache");
        web.renderTo(ctx, "alerts/page.jte", Map.of("v", page(a, alerts.findUpdates(a.id()), t)));
    }

    private Page page(Alert a, List<AlertUpdate> updates, Localizer t) {
        String lang = t.lang();
        List<Entry> entries = new ArrayList<>();
        AlertText first = a.texts().in(lang);
        entries.add(new Entry(times.dateTime(a.approvedAt(), t), times.iso(a.approvedAt()), first.shortText(), paragraphs(first.longText()), false, true));
        for (AlertUpdate u : updates) {
            AlertText w = u.texts().in(lang);
            entries.add(new Entry(times.dateTime(u.at(), t), times.iso(u.at()), w.shortText(), paragraphs(w.longText()), u.allClear(), false));
        }
        java.util.Collections.reverse(entries.subList(1, entries.size())); // the newest follow-up first, under the first message
        String other = "fr".equals(lang) ? "en" : "fr";
        return new Page(t, other, AlertService.PAGE_PATH + a.id() + "?lang=" + other, a.id(), a.status() == Alert.Status.CLOSED, a.severity(), entries);
    }

    private static List<String> paragraphs(String text) {
        return List.of(text.strip().split("\\n\\s*\\n"));
    }

    // ---------------------------------------------------------------- the personal page

    private void ackPage(Context ctx, String notice, String error) {
        pagesPerAddress.acquire(WebKernel.clientIp(ctx));
        ctx.header("Cache-Control", "no-store");
        ctx.header("Referrer-Policy", "no-referrer"); // the link is the person's credential
        String token = ctx.pathParam("token");
        AlertService.Personal p;
        try {
            p = alerts.doOpen(token);
        } catch (ApiError e) {
            if (e.status() != 404) throw e;
            throw new ApiError(404, "bad_link", "This link is not valid");
        }
        Localizer t = web.messages().in(ctx.queryParam("lang") != null ? Messages.supported(ctx.queryParam("lang")) : p.recipient().lang());
        String chosen = ctx.queryParam("etat");
        if (!"safe".equals(chosen) && !"help".equals(chosen)) chosen = null;
        AlertRecipient r = p.recipient();
        web.renderTo(ctx, "alerts/ack.jte", Map.of("v", new AckPage(t, page(p.alert(), p.updates(), t), AlertService.ACK_PATH + token, chosen,
                r.state(), r.message() == null ? "" : r.message(), r.location() == null ? "" : r.location(), notice, error)));
    }

    private void answer(Context ctx) {
        acksPerAddress.acquire(WebKernel.clientIp(ctx));
        String token = ctx.pathParam("token");
        String state = ctx.formParam("state");
        try {
            alerts.doAcknowledge(token, state, ctx.formParam("message"), ctx.formParam("location"));
            ackPage(ctx, "help".equals(state) ? "alerts.ack.thanks.help" : "alerts.ack.thanks.safe", null);
        } catch (ApiError e) {
            if (e.status() >= 500 || e.status() == 404 || e instanceof RateLimiter.RateLimited) throw e;
            ctx.status(e.status() == 409 ? 409 : 422);
            ackPage(ctx, null, e.status() == 409 ? "alerts.ack.closed" : "alerts.ack.invalid");
        }
    }
}
