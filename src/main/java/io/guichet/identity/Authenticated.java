package io.guichet.identity;

import io.guichet.platform.web.ApiError;
import io.javalin.http.Context;

/**
 * The staff member behind the current request, as resolved by identity's filter from the session
 * cookie or an {@code Authorization: Bearer} token. Other modules' handlers read it from here.
 */
public final class Authenticated {
    static final String ATTRIBUTE = "guichet.staff";

    public static Staff staff(Context ctx) {
        Staff staff = ctx.attribute(ATTRIBUTE);
        if (staff == null) throw ApiError.unauthorized();
        return staff;
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

    public static void set(Context ctx, Staff staff) {
        ctx.attribute(ATTRIBUTE, staff);
    }

    private Authenticated() {
    }
}
