package io.guichet.inbox.web;

import io.guichet.inbox.Rating;
import io.guichet.inbox.RatingRequests;
import io.guichet.inbox.Ratings;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.Map;
import java.util.Optional;

/**
 * The page of the mailed rating link ({@code /link/avis/{token}}): the five faces and a comment. Opening it (a mail
 * client's preview included) rates nothing, even with {@code ?score=} from a face of the mail: the button's POST does.
 * The signed token is the only credential (under {@code /link/}, which the CSRF filter leaves alone); a forged or
 * altered token is a 404 page in both languages.
 */
public final class RatingPage {
    private final RatingRequests requests;
    private final WebKernel web;
    private final RateLimiter perAddress;

    public RatingPage(RatingRequests requests, WebKernel web, boolean rateLimits) {
        this.requests = requests;
        this.web = web;
        this.perAddress = new RateLimiter(rateLimits, 60);
    }

    /** {@code state}: bad (not a valid link), ask (the form), done (thanks), already (rated before). */
    public record Page(Localizer t, String action, String state, String serviceName, int score, String comment, String error,
                       String[] faces) {
    }

    public void register(JavalinConfig config) {
        config.routes.get(RatingRequests.PATH + "{token}", this::show);
        config.routes.post(RatingRequests.PATH + "{token}", this::rate);
    }

    private void show(Context ctx) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        Optional<RatingRequests.Linked> linked = requests.findLinked(ctx.pathParam("token"));
        if (linked.isEmpty()) {
            bad(ctx);
            return;
        }
        RatingRequests.Linked l = linked.get();
        Localizer t = new Messages().in(l.conversation().lang());
        if (l.rating().isPresent()) {
            render(ctx, t, "already", l.serviceName(), l.rating().get().score(), null, null);
            return;
        }
        render(ctx, t, "ask", l.serviceName(), Ratings.formScore(ctx.queryParam("score")), "", null);
    }

    private void rate(Context ctx) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        String token = ctx.pathParam("token");
        Optional<RatingRequests.Linked> linked = requests.findLinked(token);
        if (linked.isEmpty()) {
            bad(ctx);
            return;
        }
        RatingRequests.Linked l = linked.get();
        Localizer t = new Messages().in(l.conversation().lang());
        int score = Ratings.formScore(ctx.formParam("score"));
        String comment = ctx.formParam("comment");
        try {
            Rating r = requests.doRateByLink(token, score == 0 ? null : score, comment == null || comment.isBlank() ? null : comment.strip());
            ctx.status(201);
            render(ctx, t, "done", l.serviceName(), r.score(), null, null);
        } catch (ApiError e) {
            if ("already_rated".equals(e.code())) {
                ctx.status(409);
                render(ctx, t, "already", l.serviceName(), l.rating().map(Rating::score).orElse(0), null, null);
                return;
            }
            if (e.status() != 422) throw e;
            ctx.status(422);
            String error = "comment".equals(e.field()) ? t.t("ratings.page.error.comment", Ratings.MAX_COMMENT) : t.t("widget.chat.rateNeeded");
            render(ctx, t, "ask", l.serviceName(), score, comment == null ? "" : comment, error);
        }
    }

    private void bad(Context ctx) {
        ctx.status(404);
        render(ctx, new Messages().in(web.localizer(ctx).lang()), "bad", null, 0, null, null);
    }

    private void render(Context ctx, Localizer t, String state, String service, int score, String comment, String error) {
        web.renderTo(ctx, "inbox/rating-page.jte", Map.of("v", new Page(t, ctx.path(), state, service, score, comment, error,
                RatingRequests.FACES.toArray(String[]::new))));
    }
}
