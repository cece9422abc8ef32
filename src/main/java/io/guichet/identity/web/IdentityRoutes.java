package io.guichet.identity.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.IdentityService.LoginResult;
import io.guichet.identity.ServiceMemberships;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.ReturnPaths;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** Login and logout, for the console (cookie) and the API (Bearer token); changing one's password, an admin's reset. */
public final class IdentityRoutes {
    private static final String SESSION_COOKIE = WebKernel.SESSION_COOKIE;

    private final IdentityService identity;
    private final WebKernel web;
    private final RateLimiter loginLimiter;
    private final ServiceMemberships memberships;

    public IdentityRoutes(IdentityService identity, ServiceMemberships memberships, WebKernel web, boolean rateLimits) {
        this.identity = identity;
        this.memberships = memberships;
        this.web = web;
        this.loginLimiter = new RateLimiter(rateLimits, 30);
    }

    public void register(JavalinConfig config) {
        var routes = config.routes;
        routes.before(this::authenticate);
        routes.exception(Authenticated.LoginRequired.class, (e, ctx) -> {
            String next = ctx.path() + (ctx.queryString() == null ? "" : "?" + ctx.queryString());
            String target = "/login?next=" + java.net.URLEncoder.encode(next, java.nio.charset.StandardCharsets.UTF_8);
            if (WebKernel.isHtmx(ctx)) ctx.header("HX-Redirect", target).status(401);
            else ctx.redirect(target);
        });
        routes.get("/login", ctx -> showLogin(ctx, null, ""));
        routes.post("/login", this::loginForm);
        routes.post("/logout", this::logout);
        routes.post("/api/v1/auth/login", this::loginApi);
        routes.post("/api/v1/auth/logout", ctx -> { // revokes the bearer token: its sockets close on every node
            identity.doLogout(WebKernel.bearerToken(ctx));
            ctx.status(204);
        });
        routes.get("/lang/{lang}", this::switchLanguage);
        routes.get("/account/password", ctx -> showPassword(ctx, null, null));
        routes.post("/account/password", this::changePasswordForm);
        routes.put("/api/v1/auth/password", ctx -> {
            JsonBody body = JsonBody.of(ctx, web.json());
            identity.doChangePassword(Authenticated.staff(ctx), sessionToken(ctx), body.text("current"), body.text("password"));
            ctx.status(204);
        });
        routes.put("/api/v1/staff/{id}/password", ctx -> { // an administrator's reset: every session of that person ends
            Staff admin = Authenticated.staff(ctx);
            identity.doResetPassword(admin, Ids.path(ctx, "id", "Staff member"), JsonBody.of(ctx, web.json()).text("password"));
            ctx.status(204);
        });
    }

    private static final FormErrors PASSWORD_ERRORS = new FormErrors("password", Set.of("current", "password"), Map.of());

    private static String sessionToken(Context ctx) {
        String bearer = WebKernel.bearerToken(ctx);
        return bearer != null ? bearer : ctx.cookie(SESSION_COOKIE);
    }

    private void showPassword(Context ctx, FormErrors.Shown error, String notice) {
        Staff me = Authenticated.forPage(ctx);
        Map<String, Object> params = new HashMap<>();
        params.put("t", web.localizer(ctx));
        params.put("csrf", WebKernel.csrf(ctx));
        params.put("name", me.name());
        params.put("error", error);
        params.put("notice", notice);
        web.renderTo(ctx, "identity/password.jte", params);
    }

    private void changePasswordForm(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Messages.Localizer t = web.localizer(ctx);
        try {
            identity.doChangePassword(me, sessionToken(ctx), ctx.formParam("current"), ctx.formParam("password"));
            showPassword(ctx, null, t.t("password.changed"));
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            ctx.status(422);
            showPassword(ctx, PASSWORD_ERRORS.of(e, t), null);
        }
    }

    private void authenticate(Context ctx) {
        String token = sessionToken(ctx);
        if (token == null || !(token.startsWith("gs_") || token.startsWith("gw_"))) return;
        identity.findSessionStaff(token).ifPresent(staff -> Authenticated.set(ctx, staff, memberships));
    }

    private void showLogin(Context ctx, String error, String email) {
        Messages.Localizer t = web.localizer(ctx);
        Map<String, Object> params = new HashMap<>();
        params.put("t", t);
        params.put("csrf", WebKernel.csrf(ctx));
        params.put("error", error);
        params.put("email", email);
        params.put("next", safeNext(ctx.queryParam("next")));
        web.renderTo(ctx, "identity/login.jte", params);
    }

    private void loginForm(Context ctx) {
        Messages.Localizer t = web.localizer(ctx);
        String email = ctx.formParam("email");
        loginLimiter.acquire(WebKernel.clientIp(ctx));
        LoginResult result = identity.doLogin(email, ctx.formParam("password"), IdentityService.WEB, WebKernel.clientIp(ctx));
        switch (result) {
            case LoginResult.Success s -> {
                ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=" + s.token()
                        + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + Duration.ofHours(12).toSeconds()
                        + WebKernel.secureFlag(ctx));
                ctx.res().addHeader("Set-Cookie", WebKernel.LANG_COOKIE + "=" + s.staff().lang() + "; Path=/; SameSite=Lax" + WebKernel.secureFlag(ctx));
                ctx.redirect(safeNext(ctx.formParam("next")));
            }
            case LoginResult.Throttled w -> {
                ctx.status(429).header("Retry-After", Long.toString(w.retryAfterSeconds()));
                showLogin(ctx, t.t("login.throttled", w.retryAfterSeconds()), email == null ? "" : email);
            }
            case LoginResult.Refused r -> {
                ctx.status(401);
                showLogin(ctx, t.t("login.refused"), email == null ? "" : email);
            }
        }
    }

    private static String safeNext(String next) {
        return ReturnPaths.safe(next, "/console");
    }

    private void logout(Context ctx) {
        identity.doLogout(ctx.cookie(SESSION_COOKIE));
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + WebKernel.secureFlag(ctx));
        ctx.redirect("/login");
    }

    private void loginApi(Context ctx) {
        loginLimiter.acquire(WebKernel.clientIp(ctx));
        JsonBody body = JsonBody.of(ctx, web.json());
        LoginResult result = identity.doLogin(body.text("email"), body.text("password"), IdentityService.API, WebKernel.clientIp(ctx));
        switch (result) {
            case LoginResult.Success s -> ctx.json(Map.of("token", s.token(), "staffId", Long.toString(s.staff().id())));
            case LoginResult.Throttled w -> throw new RateLimiter.RateLimited(w.retryAfterSeconds());
            case LoginResult.Refused r -> throw new ApiError(401, "invalid_credentials", "Email or password is incorrect");
        }
    }

    private void switchLanguage(Context ctx) {
        String lang = Messages.supported(ctx.pathParam("lang"));
        ctx.res().addHeader("Set-Cookie", WebKernel.LANG_COOKIE + "=" + lang + "; Path=/; SameSite=Lax; Max-Age=31536000" + WebKernel.secureFlag(ctx));
        String back = ctx.queryParam("back");
        ctx.redirect(ReturnPaths.safe(back));
    }
}
