package io.guichet.webinars.web;

import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.webinars.WebinarRooms;
import io.guichet.webinars.WebinarSession;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.time.Instant;
import java.time.format.TextStyle;
import java.util.Map;

/**
 * The personal join link {@code /j/{token}} of every registrant (and the moderator link of hosts): into the room from
 * 15 minutes before the start; before then a waiting page that counts down (the time in the institution's zone,
 * the visitor's own beside it when scripts run, and a refresh at the opening that works without them); after the
 * session, the replay when there is one. A video server that does not answer gives a page that says so and retries.
 */
public final class JoinPage {
    /** How often the page tries again while the video server does not answer. */
    static final int RETRY_SECONDS = 30;
    private final WebinarRooms rooms;
    private final WebKernel web;
    private final Times times;
    private final RateLimiter perAddress;

    public JoinPage(WebinarRooms rooms, WebKernel web, Times times, boolean rateLimits) {
        this.rooms = rooms;
        this.web = web;
        this.times = times;
        this.perAddress = new RateLimiter(rateLimits, 60);
    }

    /**
     * {@code state}: waiting, unavailable, ended, noroom, bad (not a valid link) or noseat (a registration without a seat);
     * {@code refresh}: seconds until the page's script reloads it, 0 for never (without scripts, its link does; a
     * {@code <meta http-equiv="refresh">} would take the timing out of the reader's hands, WCAG 2.2.1).
     */
    public record Page(Localizer t, String state, String title, String when, String zone, String startsAt, String opensAt, String countdown,
                       String replayUrl, long refresh, String path) {
    }

    public void register(JavalinConfig config) {
        config.routes.get("/j/{token}", this::show);
        // the replay's link in the mails and on the join page: counted as a view, then on to the playback
        config.routes.get("/link/webinaire/revoir/{token}", ctx -> {
            perAddress.acquire(WebKernel.clientIp(ctx));
            ctx.header("Cache-Control", "no-store");
            var url = rooms.doReplayView(ctx.pathParam("token"));
            if (url.isPresent()) {
                ctx.redirect(url.get(), io.javalin.http.HttpStatus.SEE_OTHER);
                return;
            }
            ctx.status(404);
            render(ctx, new Page(new Messages().in(Messages.FR), "bad", null, null, null, null, null, null, null, 0, null));
        });
    }

    private void show(Context ctx) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        ctx.header("Cache-Control", "no-store");
        WebinarRooms.Guest guest;
        try {
            guest = rooms.findGuest(ctx.pathParam("token"));
        } catch (ApiError e) {
            ctx.status(e.status());
            render(ctx, new Page(new Messages().in(Messages.FR), e.status() == 404 ? "bad" : "noseat", null, null, null, null, null, null, null, 0, null));
            return;
        }
        WebinarSession s = guest.session();
        String lang = guest.registration() != null ? guest.registration().lang() : s.lang();
        Localizer t = new Messages().in(lang);
        WebinarRooms.Entry entry;
        try {
            entry = rooms.doJoin(guest);
        } catch (ApiError e) {
            ctx.status(e.status());
            render(ctx, page(ctx, t, "noseat", s, null, null, 0));
            return;
        }
        switch (entry) {
            case WebinarRooms.Enter enter -> ctx.redirect(enter.url(), io.javalin.http.HttpStatus.SEE_OTHER);
            case WebinarRooms.Waiting w -> {
                long seconds = Math.max(1, Duration.between(rooms.now(), w.opensAt()).toSeconds());
                // reloaded at the opening (or every five minutes, so a long wait keeps its countdown true)
                render(ctx, page(ctx, t, "waiting", s, w.opensAt(), null, Math.min(seconds + 1, 300)));
            }
            case WebinarRooms.Ended e -> render(ctx, page(ctx, t, "ended", s, null, e.replayUrl(), 0));
            case WebinarRooms.Unavailable u -> {
                ctx.status(503).header("Retry-After", Integer.toString(RETRY_SECONDS));
                render(ctx, page(ctx, t, "unavailable", s, null, null, RETRY_SECONDS));
            }
            case WebinarRooms.NoRoom n -> render(ctx, page(ctx, t, "noroom", s, null, null, 60));
        }
    }

    private Page page(Context ctx, Localizer t, String state, WebinarSession s, Instant opensAt, String replayUrl, long refresh) {
        String when = times.fullDate(s.startsAt(), t) + ", " + times.clock(s.startsAt(), t) + " – " + times.clock(s.endsAt(), t);
        return new Page(t, state, s.title(t.lang()), when, times.zone().getDisplayName(TextStyle.FULL, t.locale()), times.iso(s.startsAt()), opensAt == null ? null : times.iso(opensAt),
                opensAt == null ? null : countdown(t, Duration.between(rooms.now(), opensAt)), replayUrl, refresh, ctx.path());
    }

    /** "2 jours et 3 h", "1 h et 5 min", "4 min": the wait, without seconds (the page's script counts those). */
    static String countdown(Localizer t, Duration left) {
        long minutes = Math.max(1, (left.toSeconds() + 59) / 60);
        long days = minutes / (24 * 60), hours = minutes / 60 % 24, mins = minutes % 60;
        if (days > 0) return t.t("webinars.join.days_hours", days, hours);
        if (hours > 0) return t.t("webinars.join.hours_minutes", hours, mins);
        return t.t("webinars.join.minutes", mins);
    }

    private void render(Context ctx, Page page) {
        web.renderTo(ctx, "webinars/join.jte", Map.of("v", page));
    }
}
