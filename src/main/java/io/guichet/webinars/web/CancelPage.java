package io.guichet.webinars.web;

import io.guichet.platform.web.Ids;
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

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cancel link of every webinar mail: a page that names the session and asks once (a mail client's link preview
 * must not cancel anyone), then cancels on the button's POST; and the "not this one" link of an occurrence of a series,
 * one click that takes that date off, with a way back and the series' other dates to take instead. The signed token is the only credential (under
 * {@code /link/}, which the CSRF filter leaves alone).
 */
public final class CancelPage {
    static final String PATH = "/link/webinaire/annuler/", NOT_THIS = "/link/webinaire/pas-celle-ci/";
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

    /**
     * {@code state}: bad (the link is not valid), ask, done (cancelled); for "not this one": notthis (this date taken off,
     * {@code others} the dates to take instead), undone or swapped ({@code status}: registered or waitlisted).
     */
    public record Page(Localizer t, String action, String state, String title, String when, List<Other> others, String status) {
    }

    /** Another date of the series, and the button that takes it. */
    public record Other(long sessionId, String when) {
    }

    public void register(JavalinConfig config) {
        config.routes.get(PATH + "{token}", ctx -> show(ctx, false));
        config.routes.post(PATH + "{token}", ctx -> show(ctx, true));
        config.routes.get(NOT_THIS + "{token}", this::notThisOne);
        config.routes.post(NOT_THIS + "{token}", this::registerAgain);
    }

    /**
     * One click on "not this one" takes this date off at once (the series' other dates stay), mailed with the calendar's
     * METHOD:CANCEL. A mail scanner that follows links would do the same: the page therefore offers to undo it, and
     * the cancellation mail says what happened.
     */
    private void notThisOne(Context ctx) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        Optional<Long> id = links.registrationOf(ctx.pathParam("token"));
        if (id.isEmpty()) {
            ctx.status(404);
            render(ctx, new Messages().in(Messages.FR), "bad", null, null);
            return;
        }
        Registration r = webinars.doCancel(id.get());
        WebinarSession s = webinars.findSession(r.sessionId());
        Localizer t = new Messages().in(r.lang());
        List<Other> others = webinars.findOtherOccurrences(r).stream().map(o -> new Other(o.id(), when(o, t))).toList();
        web.renderTo(ctx, "webinars/cancel.jte", Map.of("v", new Page(t, ctx.path(), "notthis", s.title(r.lang()), when(s, t), others, null)));
    }

    /** The page's buttons: this date back ({@code undo}), or another date of the series instead ({@code to}). */
    private void registerAgain(Context ctx) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        Optional<Long> id = links.registrationOf(ctx.pathParam("token"));
        if (id.isEmpty()) {
            ctx.status(404);
            render(ctx, new Messages().in(Messages.FR), "bad", null, null);
            return;
        }
        Registration r = webinars.findRegistration(id.get());
        Localizer t = new Messages().in(r.lang());
        String to = ctx.formParam("to");
        long target = to == null ? r.sessionId() : Ids.lookup(to, "Session");
        Registration now = webinars.doRegisterAgain(r.id(), target).registration();
        WebinarSession s = webinars.findSession(now.sessionId());
        web.renderTo(ctx, "webinars/cancel.jte", Map.of("v", new Page(t, ctx.path(), target == r.sessionId() ? "undone" : "swapped",
                s.title(r.lang()), when(s, t), List.of(), t.t("webinars.status." + now.status().code()))));
    }

    private String when(WebinarSession s, Localizer t) {
        return times.fullDate(s.startsAt(), t) + ", " + times.clock(s.startsAt(), t);
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
        render(ctx, t, r.status() == Registration.Status.CANCELLED ? "done" : "ask", s.title(r.lang()), when(s, t));
    }

    private void render(Context ctx, Localizer t, String state, String title, String when) {
        web.renderTo(ctx, "webinars/cancel.jte", Map.of("v", new Page(t, ctx.path(), state, title, when, List.of(), null)));
    }
}
