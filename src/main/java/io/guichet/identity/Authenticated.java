package io.guichet.identity;

import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.WebKernel;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;

import java.util.Optional;

/**
 * The staff member behind the current request, as resolved by identity's filter from the session
 * cookie or an {@code Authorization: Bearer} token. Other modules' handlers read it from here.
 */
public final class Authenticated {
    static final String ATTRIBUTE = "guichet.staff";
    private static final String VIEWER = "guichet.viewer";
    private static final String MEMBERSHIPS = "guichet.memberships";
    static final String CLIENT = "guichet.apiClient";

    public static Staff staff(Context ctx) {
        Staff staff = ctx.attribute(ATTRIBUTE);
        if (staff == null) throw ApiError.unauthorized();
        return staff;
    }

    /** The staff member, or null when no one is signed in (for what shows more to some, such as {@code /health}). */
    public static Staff orNull(Context ctx) {
        return ctx.attribute(ATTRIBUTE);
    }

    /** For screens: the staff member, or a redirect to the login page (see {@link LoginRequired}). */
    public static Staff forPage(Context ctx) {
        Staff staff = ctx.attribute(ATTRIBUTE);
        if (staff == null) throw new LoginRequired();
        return staff;
    }

    /** Thrown by {@link #forPage}; identity answers it with a redirect to the login page. */
    public static final class LoginRequired extends RuntimeException {
        LoginRequired() {
            super("login required", null, false, false);
        }
    }

    /**
     * The staff member and their services for this request, loaded once (the first {@code access*}
     * read that needs memberships asks; later ones reuse it).
     */
    public static Viewer viewer(Context ctx) {
        Viewer viewer = ctx.attribute(VIEWER);
        if (viewer == null) {
            ServiceMemberships memberships = ctx.attribute(MEMBERSHIPS);
            viewer = memberships.viewer(staff(ctx));
            ctx.attribute(VIEWER, viewer);
        }
        return viewer;
    }

    /**
     * The viewer of an endpoint that integrations may call too: a signed-in staff member as {@link #viewer}, or an API
     * token that carries {@code scope} (403 {@code insufficient_scope} when it does not), acting as
     * {@link ApiClient#actor()}. Endpoints that name no scope never accept a token.
     */
    public static Viewer viewer(Context ctx, Scope scope) {
        if (ctx.attribute(ATTRIBUTE) != null) return viewer(ctx);
        ApiClient client = Access.requireScope(ctx.attribute(CLIENT), scope);
        ServiceMemberships memberships = ctx.attribute(MEMBERSHIPS);
        return memberships.viewer(client.actor());
    }

    /** The viewer of a screen: as {@link #viewer}, or a redirect to the login page. */
    public static Viewer viewerForPage(Context ctx) {
        forPage(ctx);
        return viewer(ctx);
    }

    /**
     * The staff member opening a socket: by API token ({@code ?token=}), or by the console's session
     * cookie when the page is of the same origin (no cross-site hijacking of a signed-in browser).
     */
    public static Optional<SocketSession> ofSocket(WsContext ctx, IdentityService identity) {
        String token = ctx.queryParam("token");
        if (token == null && WebKernel.sameOrigin(ctx.header("Origin"), ctx.header("Host"))) token = ctx.cookie(WebKernel.SESSION_COOKIE);
        String t = token;
        return t == null ? Optional.empty() : identity.findSessionStaff(t).map(staff -> new SocketSession(staff, t));
    }

    /** Who opened a socket, and with which session: kept with the socket so a change of rights can re-check it. */
    public record SocketSession(Staff staff, String token) {
    }

    public static void set(Context ctx, Staff staff, ServiceMemberships memberships) {
        ctx.attribute(ATTRIBUTE, staff);
        ctx.attribute(MEMBERSHIPS, memberships);
    }

    /** An API token's integration: no staff member, so only endpoints that name one of its scopes let it in. */
    public static void set(Context ctx, ApiClient client, ServiceMemberships memberships) {
        ctx.attribute(CLIENT, client);
        ctx.attribute(MEMBERSHIPS, memberships);
    }


    private Authenticated() {
    }
}
