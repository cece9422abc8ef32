package io.guichet.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.guichet.platform.Brand;
import io.guichet.platform.Tokens;
import io.guichet.platform.db.Database;
import io.javalin.Javalin;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import io.javalin.http.HttpResponseException;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/*
 * Over 300 lines: the web kernel is every request's common path (JSON, errors, CSRF, language,
 * client address and TLS behind a proxy, security headers, templates); each part is a few lines and they
 * share the one Javalin configuration.
 */
/**
 * What every screen and endpoint shares: JSON, errors in one shape, CSRF on forms, the language of
 * the request, templates, and the htmx conventions (a fragment to htmx, the full page otherwise).
 */
public final class WebKernel {
    private static final Logger log = LoggerFactory.getLogger(WebKernel.class);
    /** The staff session cookie (set by identity at login). */
    public static final String SESSION_COOKIE = "guichet_session";
    public static final String CSRF_COOKIE = "guichet_csrf";
    public static final String CSRF_FIELD = "_csrf";
    public static final String CSRF_HEADER = "X-CSRF-Token";
    public static final String LANG_COOKIE = "guichet_lang";
    /**
     * Links sent by mail live under this path: their {@link SignedTokens} token is their only credential, and a
     * mail client's one-click unsubscribe (RFC 8058) posts with no cookie and no form token.
     */
    public static final String SIGNED_LINKS = "/link/";
    /** Third parties' webhooks (Messenger's): outside the form tokens, each authenticated by its own signature. */
    public static final String WEBHOOKS = "/hooks/";

    private final ObjectMapper json;
    private final Messages messages;
    private final TemplateEngine templates;
    private final CsrfTokens csrf;
    private final java.util.Set<String> trustedProxies;
    private final Brand brand;
    private final String csp;
    private static final String CLIENT_ADDRESS = "guichet.clientAddress";
    private static final String SECURE = "guichet.secure";

    /** Above this, Jetty refuses a body before any handler sees it. */
    public static final int MAX_REQUEST_BYTES = 1_000_000;

    /** {@code trustedProxies}: the only peers whose X-Forwarded-Proto and X-Forwarded-For are believed. */
    public WebKernel(Messages messages, byte[] csrfKey, java.util.Set<String> trustedProxies, Brand brand) {
        this.trustedProxies = java.util.Set.copyOf(trustedProxies);
        this.brand = brand;
        this.csp = CSP.formatted(brand.logoOrigin() == null ? "" : " " + brand.logoOrigin());
        this.messages = messages;
        this.csrf = new CsrfTokens(csrfKey);
        this.json = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(com.fasterxml.jackson.databind.DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
                .enable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS); // "{…} junk" is malformed
        this.templates = TemplateEngine.createPrecompiled(ContentType.Html);
    }

    public ObjectMapper json() {
        return json;
    }

    /** The payload as JSON text (our own maps and records, which always serialise). */
    public String toJson(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }


    public Brand brand() {
        return brand;
    }

    public Messages messages() {
        return messages;
    }

    /** Builds the server: kernel filters and handlers first, then each module's routes. */
    /** Connections waiting to be accepted: a rush of clicks arrives in the same instant (the JDK's default is 50). */
    private static final int ACCEPT_QUEUE = 4_096;

    public Javalin create(int port, List<Consumer<JavalinConfig>> modules) {
        return Javalin.create(config -> {
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setPort(port);
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                return connector;
            });
            config.jsonMapper(new JavalinJackson(json, false));
            config.concurrency.useVirtualThreads = true;
            config.http.maxRequestSize = MAX_REQUEST_BYTES;
            config.http.prefer405over404 = true; // "DELETE /login" is a wrong method, not a missing page
            // Jetty's per-connection header cache is a 96 KiB table, and a WebSocket keeps its upgrade
            // request's connection reachable: without the cache an idle visitor socket costs a few KiB.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheSize(0));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JettyErrors()));
            config.startup.showJavalinBanner = false;
            config.staticFiles.enableWebjars();
            config.staticFiles.add(files -> {
                files.hostedPath = "/static";
                files.directory = "/static";
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "public, max-age=300");
            });
            config.routes.before(this::resolveClient);
            config.routes.before(this::securityHeaders);
            config.routes.before(WebKernel::refuseControlCharacters);
            config.routes.before(this::protectForms);
            // Browsers ask for it on every site, whatever the page's <link rel="icon"> says.
            config.routes.get("/favicon.ico", ctx -> ctx.redirect("/static/favicon.svg", io.javalin.http.HttpStatus.MOVED_PERMANENTLY));
            config.routes.exception(ApiError.class, this::answerError);
            // Javalin's own refusals (a wrong method, a body over the limit, an unreadable one) in our shape and words.
            config.routes.exception(HttpResponseException.class, (e, ctx) -> answerError(fromJavalin(e), ctx));
            config.routes.exception(Exception.class, (e, ctx) -> {
                if (Database.isOutage(e)) {
                    // Nothing was committed: the client may retry with the same clientId once the database is back.
                    log.warn("Database unavailable on {} {}: {}", ctx.method(), LogValues.escape(ctx.path()), e.getClass().getSimpleName());
                    ctx.header("Retry-After", "5");
                    answerError(new ApiError(503, "unavailable", "The service is briefly unavailable; try again in a few seconds"), ctx);
                    return;
                }
                // One line, no messages: an exception's message may carry what a person typed or a bound value.
                log.error("Unhandled error on {} {}: {}", ctx.method(), LogValues.escape(ctx.path()), where(e));
                answerError(new ApiError(500, "internal", "Internal error"), ctx);
            });
            config.routes.error(404, ctx -> {
                // Javalin's own "Endpoint GET /x not found" text counts as empty: answer our error page instead.
                String result = ctx.result();
                if (result == null || result.isEmpty() || result.startsWith("Endpoint ")) answerError(ApiError.notFound("Page"), ctx);
            });
            modules.forEach(m -> m.accept(config));
        });
    }

    private static ApiError fromJavalin(HttpResponseException e) {
        return switch (e.getStatus()) {
            case 400 -> new ApiError(400, "malformed", "The request could not be read");
            case 404 -> ApiError.notFound("Page");
            case 405 -> new ApiError(405, "method_not_allowed", "This method is not allowed here");
            case 413 -> new ApiError(413, "too_large", "The request is too large");
            default -> new ApiError(e.getStatus(), e.getStatus() >= 500 ? "internal" : "refused", "The request was refused");
        };
    }

    private void answerError(ApiError e, Context ctx) {
        if (e instanceof RateLimiter.RateLimited limited) {
            ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        ctx.status(e.status());
        if (wantsJson(ctx)) {
            ctx.json(Map.of("error", Map.of("code", e.code(), "message", e.getMessage())));
        } else {
            // A person reads the page: every word in one language (the address's for the help centre), the message
            // of the error's code rather than the API's English text, in the look of where they were.
            Messages.Localizer t = errorLocalizer(ctx);
            String key = "error." + e.code();
            String message = t.has(key) ? t.t(key, e.getMessage()) : t.t("error.other");
            String heading = t.has("error.heading." + e.code()) ? t.t("error.heading." + e.code())
                    : t.has("error.heading." + e.status()) ? t.t("error.heading." + e.status()) : t.t("error.title");
            String page = isPublicSection(ctx.path()) ? null : staffErrors.page(ctx, t, e.status(), heading, message);
            if (page == null) page = publicErrors.page(ctx, t, e.status(), heading, message);
            ctx.html(page != null ? page : render("error.jte", Map.of("t", t, "status", e.status(), "heading", heading, "message", message)));
        }
    }

    private ErrorPages publicErrors = (ctx, t, status, heading, message) -> null;
    private ErrorPages staffErrors = (ctx, t, status, heading, message) -> null;

    /** The looks of error pages: the public one (help centre) and the staff one (the shell, for signed-in staff). */
    public void useErrorPages(ErrorPages publicPages, ErrorPages staffPages) {
        this.publicErrors = publicPages;
        this.staffErrors = staffPages;
    }

    /** Paths a visitor reads, whoever is signed in: their errors keep the public look. */
    private static boolean isPublicSection(String path) {
        return java.util.stream.Stream.of("/aide", "/help", "/e/", "/widget", "/link/", "/programme", "/parcours", "/j/", "/alerte/")
                .anyMatch(p -> path.equals(p) || path.startsWith(p.endsWith("/") ? p : p + "/"));
    }

    /** The help centre's language is its address's (/help is English whatever the browser says); elsewhere the request's. */
    private Messages.Localizer errorLocalizer(Context ctx) {
        String path = ctx.path();
        if (path.equals("/help") || path.startsWith("/help/")) return messages.in(Messages.EN);
        if (path.equals("/aide") || path.startsWith("/aide/")) return messages.in(Messages.FR);
        return localizer(ctx);
    }

    private static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return ctx.path().startsWith("/api/") || ctx.path().startsWith("/ws/") || ctx.path().startsWith(WEBHOOKS)
                || (accept != null && accept.contains("application/json") && !accept.contains("text/html"));
    }

    /**
     * Form tokens bound to the server side: with a session cookie the token is a keyed hash of that
     * session, so a cookie planted by another site proves nothing; before sign-in (the login form, the
     * help centre's votes) it is a keyed hash of a random per-browser cookie. Every unsafe request made with
     * cookies (forms, htmx) must send it in a field or header. API calls with a Bearer token carry no
     * ambient credential and are exempt.
     */
    private void protectForms(Context ctx) {
        if (bearerToken(ctx) != null) return; // an API client: no cookie to protect, none to hand out
        String browser = ctx.cookie(CSRF_COOKIE);
        if (!CsrfTokens.isStrong(browser)) {
            browser = Tokens.random("");
            ctx.res().addHeader("Set-Cookie", CSRF_COOKIE + "=" + browser + "; Path=/; SameSite=Strict; HttpOnly" + secureFlag(ctx));
        }
        String expected = csrf.tokenFor(ctx.cookie(SESSION_COOKIE), browser);
        ctx.attribute(CSRF_COOKIE, expected);
        HandlerType method = ctx.method();
        boolean unsafe = method == HandlerType.POST || method == HandlerType.PUT
                || method == HandlerType.PATCH || method == HandlerType.DELETE;
        if (!unsafe) return;
        if (ctx.path().startsWith("/api/") && !hasCookieCredential(ctx)) return;
        if (ctx.path().startsWith(WEBHOOKS)) return; // a third party's webhook: its signature is its only credential, checked by its route
        if (ctx.path().startsWith(SIGNED_LINKS)) return; // whoever holds the signed link may act on it, from any page or mail client
        String sent = ctx.header(CSRF_HEADER);
        if (sent == null && isForm(ctx)) sent = ctx.formParam(CSRF_FIELD);
        if (!CsrfTokens.matches(sent, expected)) {
            throw new ApiError(403, "csrf", "The form expired; reload the page and try again");
        }
    }

    /** Paths another site may show in a frame: the chat widget's panel, which host pages embed. */
    private static final java.util.Set<String> FRAMEABLE = java.util.Set.of("/widget/panel");
    /**
     * What pages need and no more: our own scripts (htmx from /webjars) and styles (inline style attributes for
     * bars and the demo host page), sockets to this host, data: images and the institution's logo; no plugins, no foreign forms.
     */
    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:%s; "
            + "connect-src 'self' ws: wss:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors ";

    private void securityHeaders(Context ctx) {
        boolean frameable = FRAMEABLE.contains(ctx.path());
        ctx.header("Content-Security-Policy", csp + (frameable ? "*" : "'none'"));
        if (!frameable) ctx.header("X-Frame-Options", "DENY");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Referrer-Policy", "strict-origin-when-cross-origin");
    }

    /** The exception's classes down its causes, and the first frame of our code: enough to find it, nothing personal. */
    static String where(Throwable e) {
        StringBuilder out = new StringBuilder();
        StackTraceElement ours = null;
        for (Throwable t = e; t != null && out.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (!out.isEmpty()) out.append(" <- ");
            out.append(t.getClass().getName());
            if (t instanceof java.sql.SQLException sql && sql.getSQLState() != null) out.append(" [").append(sql.getSQLState()).append(']');
            if (ours == null) {
                for (StackTraceElement frame : t.getStackTrace()) {
                    if (frame.getClassName().startsWith("io.guichet.")) {
                        ours = frame;
                        break;
                    }
                }
            }
        }
        return ours == null ? out.toString() : out + " at " + ours;
    }

    /** Query parameters are one line each; form fields may hold line breaks (a textarea). Nothing else passes. */
    private static void refuseControlCharacters(Context ctx) {
        ctx.queryParamMap().forEach((name, values) -> values.forEach(v -> Fields.refuseControlCharacters(name, v, false)));
        String type = ctx.contentType();
        if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
            ctx.formParamMap().forEach((name, values) -> values.forEach(v -> Fields.refuseControlCharacters(name, v, true)));
        }
    }

    private static boolean isForm(Context ctx) {
        String type = ctx.contentType();
        return type != null && (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data"));
    }

    private static boolean hasCookieCredential(Context ctx) {
        return ctx.cookie(SESSION_COOKIE) != null;
    }

    /** The CSRF token to embed in this response's forms. */
    public static String csrf(Context ctx) {
        return ctx.attribute(CSRF_COOKIE);
    }

    /** The token of an {@code Authorization: Bearer} header, or null. */
    public static String bearerToken(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
        String token = header.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    /** The request's language: ?lang=, then the cookie, then the browser's preference. */
    public Messages.Localizer localizer(Context ctx) {
        String lang = ctx.queryParam("lang");
        if (!Messages.isSupported(lang)) lang = ctx.cookie(LANG_COOKIE);
        if (!Messages.isSupported(lang)) lang = Messages.supported(ctx.header("Accept-Language"));
        return messages.in(lang);
    }

    public static boolean isHtmx(Context ctx) {
        return "true".equals(ctx.header("HX-Request"));
    }

    public String render(String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        templates.render(template, params, out);
        return out.toString();
    }

    public void renderTo(Context ctx, String template, Map<String, Object> params) {
        ctx.header("Cache-Control", "no-store");
        ctx.html(render(template, params));
    }

    /** Whether a WebSocket's Origin is this host: a cookie-authenticated socket from another site is refused. */
    public static boolean sameOrigin(String origin, String host) {
        if (origin == null || host == null) return false;
        try {
            return host.equalsIgnoreCase(java.net.URI.create(origin).getAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Who is really asking, and over what: from a trusted proxy, the scheme of X-Forwarded-Proto and the address
     * of X-Forwarded-For nearest to us that is not itself a trusted proxy; from anyone else, the connection's own.
     * Headers from other peers are ignored, so a client cannot choose its rate-limit bucket.
     */
    private void resolveClient(Context ctx) {
        String peer = ctx.req().getRemoteAddr();
        boolean secure = ctx.req().isSecure();
        if (trustedProxies.contains(peer)) {
            String proto = lastValue(ctx.header("X-Forwarded-Proto"));
            if (proto != null) secure = proto.equalsIgnoreCase("https");
        }
        ctx.attribute(CLIENT_ADDRESS, client(peer, ctx.header("X-Forwarded-For")));
        ctx.attribute(SECURE, secure);
    }

    /** The client's address of a socket, by the same rule as {@link #clientIp(Context)} (sockets skip the HTTP filters). */
    public String clientIp(io.javalin.websocket.WsContext ctx) {
        java.net.SocketAddress remote = ctx.session.getRemoteSocketAddress();
        String peer = remote instanceof java.net.InetSocketAddress inet ? inet.getAddress().getHostAddress() : String.valueOf(remote);
        return client(peer, ctx.header("X-Forwarded-For"));
    }

    /** From a trusted proxy, the address of X-Forwarded-For nearest to us that is not itself a trusted proxy; else the peer. */
    private String client(String peer, String forwarded) {
        String client = peer;
        if (!trustedProxies.contains(peer) || forwarded == null) return client;
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty() || !hop.matches("[0-9a-fA-F.:]{2,45}")) break;
            client = hop;
            if (!trustedProxies.contains(hop)) break;
        }
        return client;
    }

    private static String lastValue(String header) {
        if (header == null || header.isBlank()) return null;
        return header.substring(header.lastIndexOf(',') + 1).strip();
    }

    /** "; Secure" when the browser reached us over TLS (directly or through a trusted proxy), for the cookies set on this response. */
    public static String secureFlag(Context ctx) {
        Boolean secure = ctx.attribute(SECURE);
        return (secure == null ? ctx.req().isSecure() : secure) ? "; Secure" : "";
    }

    /** "https://guichet.cegep.qc.ca": this server as the browser reached it (through a trusted proxy, its scheme). */
    public static String origin(Context ctx) {
        return (secureFlag(ctx).isEmpty() ? "http" : "https") + "://" + ctx.host();
    }

    /** The client's address for rate limits: the connection's, or the forwarded one from a trusted proxy. */
    public static String clientIp(Context ctx) {
        String address = ctx.attribute(CLIENT_ADDRESS);
        return address == null ? ctx.req().getRemoteAddr() : address;
    }
}
