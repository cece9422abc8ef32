package io.guichet.platform.web;

import io.javalin.http.Context;

import java.util.Map;

/** Errors on staff pages drawn inside the staff shell, for whoever is signed in; a visitor gets the public look. */
public final class StaffErrorPages implements ErrorPages {
    private final StaffShells shells;
    private final WebKernel web;

    public StaffErrorPages(StaffShells shells, WebKernel web) {
        this.shells = shells;
        this.web = web;
    }

    @Override
    public String page(Context ctx, Messages.Localizer t, int status, String heading, String message) {
        StaffShell shell;
        try {
            shell = shells.of(ctx, "", StaffShell.Assets.NONE);
        } catch (RuntimeException notSignedIn) { // or the database is down: the plain page says so
            return null;
        }
        return web.render("staff/error.jte", Map.of("s", shell, "status", status, "heading", heading, "message", message));
    }
}
