package io.guichet.identity.web;

import io.guichet.identity.SsoService;
import io.guichet.identity.SsoService.SignIn;
import io.guichet.identity.SsoSettings;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.ReturnPaths;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Sign-in through the institution's providers: {@code /login/sso/{provider}} and {@code /login/cas} send the browser
 * there, their {@code /callback} receives it back. Callbacks share the login form's limit per address.
 */
public final class SsoRoutes {
    private final SsoService sso;
    private final WebKernel web;
    private final RateLimiter limiter;

    public SsoRoutes(SsoService sso, WebKernel web, RateLimiter loginLimiter) {
        this.sso = sso;
        this.web = web;
        this.limiter = loginLimiter;
    }

    /** A button of the login page. */
    public record Button(String label, String href) {
    }

    /** The login page's buttons, one per provider, each carrying where to land afterwards. */
    public List<Button> buttons(String next) {
        String n = "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        List<Button> buttons = new ArrayList<>();
        sso.settings().oidc().forEach(p -> buttons.add(new Button(p.label(), "/login/sso/" + p.id() + n)));
        if (sso.settings().cas() != null) buttons.add(new Button(sso.settings().cas().label(), "/login/cas" + n));
        return buttons;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/login/sso/{provider}", ctx -> ctx.redirect(sso.doStartOidc(ctx.pathParam("provider"), oidcCallback(ctx), next(ctx)).toString()));
        r.get("/login/sso/{provider}/callback", ctx -> {
            limiter.acquire(WebKernel.clientIp(ctx));
            if (ctx.queryParam("error") != null) { // the person cancelled at the provider, or it refused them
                answer(ctx, new SignIn.Failed());
                return;
            }
            answer(ctx, sso.doFinishOidc(ctx.pathParam("provider"), oidcCallback(ctx), ctx.queryParam("code"), ctx.queryParam("state")));
        });
        r.get("/login/cas", ctx -> ctx.redirect(sso.doStartCas(casCallback(ctx), next(ctx)).toString()));
        r.get("/login/cas/callback", ctx -> {
            limiter.acquire(WebKernel.clientIp(ctx));
            answer(ctx, sso.doFinishCas(casCallback(ctx), ctx.queryParam("ticket"), ctx.queryParam("state")));
        });
    }

    private void answer(Context ctx, SignIn result) {
        Localizer t = web.localizer(ctx);
        switch (result) {
            case SignIn.Success s -> {
                IdentityRoutes.startSession(ctx, s.token(), s.staff());
                ctx.redirect(ReturnPaths.safe(s.next(), "/console"));
            }
            case SignIn.Refused r -> {
                String contact = sso.settings().contact().isBlank() ? t.t("sso.refused.contactDefault") : sso.settings().contact();
                ctx.status(403);
                page(ctx, t, t.t("sso.refused.title"), r.email().isEmpty() ? t.t("sso.refused.noEmail", contact) : t.t("sso.refused.text", r.email(), contact));
            }
            case SignIn.Failed f -> {
                ctx.status(401);
                page(ctx, t, t.t("sso.failed.title"), t.t("sso.failed.text"));
            }
        }
    }

    private void page(Context ctx, Localizer t, String title, String text) {
        Map<String, Object> params = new HashMap<>();
        params.put("t", t);
        params.put("title", title);
        params.put("text", text);
        web.renderTo(ctx, "identity/sso-refused.jte", params);
    }

    private static String next(Context ctx) {
        return ReturnPaths.safe(ctx.queryParam("next"), "/console");
    }

    private URI oidcCallback(Context ctx) {
        return URI.create(base(ctx) + "/login/sso/" + ctx.pathParam("provider") + "/callback");
    }

    private String casCallback(Context ctx) {
        return base(ctx) + "/login/cas/callback";
    }

    /** This server's address as the provider knows it: GUICHET_PUBLIC_URL, else the address the browser used. */
    String base(Context ctx) {
        String configured = sso.settings().publicUrl();
        if (!configured.isBlank()) return configured;
        return (WebKernel.secureFlag(ctx).isEmpty() ? "http" : "https") + "://" + ctx.host();
    }

    /** Where the provider sends the browser once its own session has ended too. */
    URI afterLogout(Context ctx) {
        return URI.create(base(ctx) + "/login");
    }
}
