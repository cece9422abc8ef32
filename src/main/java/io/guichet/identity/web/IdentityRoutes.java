package io.guichet.identity.web;

import io.guichet.identity.ApiTokens;
import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.IdentityService.LoginResult;
import io.guichet.identity.ServiceMemberships;
import io.guichet.identity.SsoService;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Login and logout, for the console (cookie) and the API (Bearer token); changing one's password, an admin's reset. */
public final class IdentityRoutes {
    private static final String SESSION_COOKIE = WebKernel.SESSION_COOKIE;

    private final IdentityService identity;
    private final WebKernel web;
    private final RateLimiter loginLimiter;
    private final ServiceMemberships memberships;
    private final ApiTokens apiTokens;
    private final SsoService sso;
    private final SsoRoutes ssoRoutes;

    public IdentityRoutes(IdentityService identity, ApiTokens apiTokens, SsoService sso, ServiceMemberships memberships, WebKernel web,
                          boolean rateLimits) {
        this.identity = identity;
        this.apiTokens = apiTokens;
        this.sso = sso;
        this.memberships = memberships;
        this.web = web;
        this.loginLimiter = new RateLimiter(rateLimits, 30);
        this.ssoRoutes = new SsoRoutes(sso, web, loginLimiter);
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
        ssoRoutes.register(config);
        routes.get("/login", ctx -> showLogin(ctx, null, ""));
        routes.post("/login", this::loginForm);
        routes.post("/login/code", this::loginCodeForm);
        routes.get("/account/two-factor", ctx -> showTwoFactor(ctx, null, null));
        routes.post("/account/two-factor", this::confirmTwoFactorForm);
        routes.post("/api/v1/auth/two-factor", ctx -> {
            var e = identity.twoFactor().doBeginEnrolment(Authenticated.staff(ctx));
            ctx.status(201).json(Map.of("secret", e.secret(), "uri", e.uri()));
        });
        routes.post("/api/v1/auth/two-factor/confirm", ctx -> ctx.json(Map.of("recoveryCodes",
                identity.twoFactor().doConfirmEnrolment(Authenticated.staff(ctx), JsonBody.of(ctx, web.json()).only(Set.of("code")).text("code")))));
        routes.delete("/api/v1/staff/{id}/two-factor", ctx -> { // an administrator's reset for a lost phone: they enrol again
            identity.twoFactor().doReset(Authenticated.staff(ctx), Ids.path(ctx, "id", "Staff member"));
            ctx.status(204);
        });
        routes.post("/logout", this::logout);
        routes.post("/api/v1/auth/login", this::loginApi);
        routes.post("/api/v1/auth/logout", ctx -> { // revokes the bearer token: its sockets close on every node
            identity.doLogout(WebKernel.bearerToken(ctx));
            ctx.status(204);
        });
        routes.get("/lang/{lang}", this::switchLanguage);
        routes.put("/api/v1/auth/language", ctx -> {
            identity.doSetLanguage(Authenticated.staff(ctx), JsonBody.of(ctx, web.json()).only(Set.of("lang")).text("lang"));
            ctx.status(204);
        });
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

    private void showTwoFactor(Context ctx, String error, List<String> recoveryCodes) {
        Staff me = Authenticated.forPage(ctx);
        Messages.Localizer t = web.localizer(ctx);
        boolean on = recoveryCodes == null && identity.twoFactor().isEnabled(me.id());
        Map<String, Object> params = new HashMap<>();
        params.put("t", t);
        params.put("csrf", WebKernel.csrf(ctx));
        params.put("name", me.name());
        params.put("on", on);
        params.put("required", identity.twoFactor().requiredFor(me.role()));
        params.put("enrolment", on || recoveryCodes != null ? null : identity.twoFactor().accessEnrolment(me));
        params.put("recoveryCodes", recoveryCodes == null ? List.of() : recoveryCodes);
        params.put("error", error);
        web.renderTo(ctx, "identity/two-factor.jte", params);
    }

    private void confirmTwoFactorForm(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        loginLimiter.acquire("two-factor:" + me.id()); // guessing the enrolment code is limited like a login
        try {
            showTwoFactor(ctx, null, identity.twoFactor().doConfirmEnrolment(me, ctx.formParam("code")));
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            ctx.status(422);
            showTwoFactor(ctx, web.localizer(ctx).t("twofactor.wrongCode"), null);
        }
    }

    private void authenticate(Context ctx) {
        String token = sessionToken(ctx);
        if (token != null && token.startsWith(ApiTokens.PREFIX)) {
            apiTokens.findClient(token, WebKernel.clientIp(ctx)).ifPresent(client -> Authenticated.set(ctx, client, memberships));
            return;
        }
        if (token == null || !(token.startsWith("gs_") || token.startsWith("gw_"))) return;
        identity.findSessionStaff(token).ifPresent(staff -> Authenticated.set(ctx, staff, memberships));
        Staff me = Authenticated.orNull(ctx);
        if (me != null && token.startsWith("gw_") && !ctx.path().startsWith("/account/two-factor") && !ctx.path().equals("/logout")
                && !ctx.path().startsWith("/static/") && !ctx.path().startsWith("/lang/") && identity.twoFactor().mustEnrol(me)) {
            ctx.redirect("/account/two-factor"); // a role that requires two-factor: nothing else until enrolled
            ctx.skipRemainingHandlers();
        }
    }

    private void showLogin(Context ctx, String error, String email) {
        Messages.Localizer t = web.localizer(ctx);
        Map<String, Object> params = new HashMap<>();
        params.put("t", t);
        params.put("csrf", WebKernel.csrf(ctx));
        params.put("error", error);
        params.put("email", email);
        String next = safeNext(ctx.queryParam("next") != null ? ctx.queryParam("next") : ctx.formParam("next"));
        params.put("next", next);
        params.put("providers", ssoRoutes.buttons(next));
        // With single sign-on and local passwords off, the form stays for the break-glass administrator, folded away
        params.put("localFolded", !sso.settings().localLogin() && sso.settings().any());
        web.renderTo(ctx, "identity/login.jte", params);
    }

    private void loginForm(Context ctx) {
        String email = ctx.formParam("email");
        loginLimiter.acquire(WebKernel.clientIp(ctx));
        LoginResult result = identity.doLogin(email, ctx.formParam("password"), IdentityService.WEB, WebKernel.clientIp(ctx));
        answerLoginForm(ctx, result, email);
    }

    private void loginCodeForm(Context ctx) {
        loginLimiter.acquire(WebKernel.clientIp(ctx));
        answerLoginForm(ctx, identity.doLoginCode(ctx.formParam("pending"), ctx.formParam("code"), IdentityService.WEB, WebKernel.clientIp(ctx)), "");
    }

    private void answerLoginForm(Context ctx, LoginResult result, String email) {
        Messages.Localizer t = web.localizer(ctx);
        switch (result) {
            case LoginResult.Success s -> {
                startSession(ctx, s.token(), s.staff());
                // a role that must use two-factor enrols first (the filter keeps them there until they have)
                ctx.redirect(identity.twoFactor().mustEnrol(s.staff()) ? "/account/two-factor" : safeNext(ctx.formParam("next")));
            }
            case LoginResult.CodeRequired c -> {
                if (c.wrongCode()) ctx.status(401);
                Map<String, Object> params = new HashMap<>();
                params.put("t", t);
                params.put("csrf", WebKernel.csrf(ctx));
                params.put("pending", c.pending());
                params.put("next", safeNext(ctx.formParam("next")));
                params.put("error", c.wrongCode() ? t.t("twofactor.wrongCode") : null);
                web.renderTo(ctx, "identity/login-code.jte", params);
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

    /** The session's cookie, and the language cookie from the account, so the console opens in the person's language. */
    static void startSession(Context ctx, String token, Staff staff) {
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=" + token
                + "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + Duration.ofHours(12).toSeconds() + WebKernel.secureFlag(ctx));
        ctx.res().addHeader("Set-Cookie", WebKernel.LANG_COOKIE + "=" + staff.lang() + "; Path=/; SameSite=Lax" + WebKernel.secureFlag(ctx));
    }

    private static String safeNext(String next) {
        return ReturnPaths.safe(next, "/console");
    }

    /** Ends Guichet's session, then the provider's when it was opened through one that offers it (RP-initiated logout). */
    private void logout(Context ctx) {
        var atProvider = sso.doLogout(ctx.cookie(SESSION_COOKIE), ssoRoutes.afterLogout(ctx));
        ctx.res().addHeader("Set-Cookie", SESSION_COOKIE + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" + WebKernel.secureFlag(ctx));
        ctx.redirect(atProvider.map(java.net.URI::toString).orElse("/login"));
    }

    private void loginApi(Context ctx) {
        loginLimiter.acquire(WebKernel.clientIp(ctx));
        JsonBody body = JsonBody.of(ctx, web.json());
        LoginResult result = identity.doLogin(body.text("email"), body.text("password"), body.optText("code"), IdentityService.API,
                WebKernel.clientIp(ctx));
        switch (result) {
            case LoginResult.Success s when identity.twoFactor().mustEnrol(s.staff()) -> {
                identity.doLogout(s.token());
                throw new ApiError(403, "mfa_enrolment_required", "Your role requires two-factor authentication: enrol in the console first");
            }
            case LoginResult.Success s -> ctx.json(Map.of("token", s.token(), "staffId", Long.toString(s.staff().id())));
            case LoginResult.CodeRequired c -> ctx.status(401).json(Map.of("mfaRequired", true, "error", c.wrongCode()
                    ? Map.of("code", "wrong_code", "message", "This code is not the right one")
                    : Map.of("code", "mfa_required", "message", "Send the code of your authenticator app (or a recovery code) as code")));
            case LoginResult.Throttled w -> throw new RateLimiter.RateLimited(w.retryAfterSeconds());
            case LoginResult.Refused r -> throw new ApiError(401, "invalid_credentials", "Email or password is incorrect");
        }
    }

    private void switchLanguage(Context ctx) {
        String lang = Messages.supported(ctx.pathParam("lang"));
        Staff me = Authenticated.orNull(ctx);
        if (me != null) identity.doSetLanguage(me, lang);
        ctx.res().addHeader("Set-Cookie", WebKernel.LANG_COOKIE + "=" + lang + "; Path=/; SameSite=Lax; Max-Age=31536000" + WebKernel.secureFlag(ctx));
        String back = ctx.queryParam("back");
        ctx.redirect(ReturnPaths.safe(back));
    }
}
