package io.guichet.webinars.web;

import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.webinars.Registration;
import io.guichet.webinars.WebinarLinks;
import io.guichet.webinars.WebinarService;
import io.guichet.webinars.WebinarSession;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.Map;
import java.util.Optional;

/**
 * The cancel link of every webinar mail: a page that names the session and asks once (a mail client's link preview
 * must not cancel anyone), then cancels on the button's POST. The signed token is the only credential (under
 * {@code /link/}, which the CSRF filter leaves alone).
 */
public final class CancelPage {
    static final String PATH = "/link/webinaire/annuler/";
    private final WebinarService webinars;
    private final WebinarLinks links;
    private final WebKernel web;
    private final Times times;
    private final RateLimiter perAddress;

    public CancelPage(WebinarService webinars, WebinarLinks links, WebKernel web, Times times, boolean rateLimits) {
        this.webinars = webinars;
        this.links = links;
        this.web = web;
        this.times = times;
        this.perAddress = new RateLimiter(rateLimits, 60);
    }

    /** {@code state}: bad (the link is not valid), ask, or done (cancelled). */
    public record Page(Localizer t, String action, String state, String title, String when) {
    }

    public void register(JavalinConfig config) {
        config.routes.get(PATH + "{token}", ctx -> show(ctx, false));
        config.routes.post(PATH + "{token}", ctx -> show(ctx, true));
    }

    private void show(Context ctx, boolean cancel) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        Optional<Long> id = links.registrationOf(ctx.pathParam("token"));
        if (id.isEmpty()) {
            ctx.status(404);
            render(ctx, new Messages().in(Messages.FR), "bad", null, null);
            return;
        }
        Registration r = cancel ? webinars.doCancel(id.get()) : webinars.findRegistration(id.get());
        WebinarSession s = webinars.findSession(r.sessionId());
        Localizer t = new Messages().in(r.lang());
        render(ctx, t, r.status() == Registration.Status.CANCELLED ? "done" : "ask", s.title(r.lang()),
                times.fullDate(s.startsAt(), t) + ", " + times.clock(s.startsAt(), t));
    }

    private void render(Context ctx, Localizer t, String state, String title, String when) {
        web.renderTo(ctx, "webinars/cancel.jte", Map.of("v", new Page(t, ctx.path(), state, title, when)));
    }
}
