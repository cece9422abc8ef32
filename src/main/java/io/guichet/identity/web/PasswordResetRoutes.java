package io.guichet.identity.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.PasswordResets;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** An administrator's reset by mail ({@code POST /api/v1/staff/{id}/password-reset}) and the page its link opens. */
public final class PasswordResetRoutes {
    private static final FormErrors ERRORS = new FormErrors("password", Set.of("password"), Map.of());
    private final PasswordResets resets;
    private final WebKernel web;
    private final RateLimiter limiter;

    public PasswordResetRoutes(PasswordResets resets, WebKernel web, boolean rateLimits) {
        this.resets = resets;
        this.web = web;
        this.limiter = new RateLimiter(rateLimits, 30);
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/staff/{id}/password-reset", ctx -> {
            resets.doSend(Authenticated.staff(ctx), Ids.path(ctx, "id", "Staff member"));
            ctx.status(202);
        });
        r.post("/admin/staff/{id}/password-reset", ctx -> {
            long id = Ids.path(ctx, "id", "Staff member");
            resets.doSend(Authenticated.forPage(ctx), id);
            ctx.redirect("/admin/staff?resetSent=1#staff-" + id);
        });
        r.get(PasswordResets.PATH + "{token}", ctx -> page(ctx, resets.findLink(ctx.pathParam("token")), null, false));
        r.post(PasswordResets.PATH + "{token}", ctx -> {
            limiter.acquire(WebKernel.clientIp(ctx));
            try {
                resets.doReset(ctx.pathParam("token"), ctx.formParam("password"));
                page(ctx, Optional.empty(), null, true);
            } catch (ApiError e) {
                if (e.status() == 404) {
                    ctx.status(404);
                    page(ctx, Optional.empty(), null, false);
                    return;
                }
                if (e.status() != 422) throw e;
                ctx.status(422);
                page(ctx, resets.findLink(ctx.pathParam("token")), ERRORS.of(e, web.localizer(ctx)), false);
            }
        });
    }

    private void page(Context ctx, Optional<Staff> person, FormErrors.Shown error, boolean done) {
        Localizer t = web.localizer(ctx);
        if (!done && person.isEmpty()) ctx.status(404);
        ctx.header("Referrer-Policy", "no-referrer"); // the token is in the address: it must not leave in a Referer
        Map<String, Object> params = new HashMap<>();
        params.put("t", t);
        params.put("csrf", WebKernel.csrf(ctx));
        params.put("action", person.isPresent() ? PasswordResets.PATH + ctx.pathParam("token") : null);
        params.put("name", person.map(Staff::name).orElse(""));
        params.put("error", error);
        params.put("done", done);
        web.renderTo(ctx, "identity/reset.jte", params);
    }
}
