package io.guichet.platform.web;

import io.javalin.http.Context;

/**
 * Draws the page a person reads when a request is refused (404, 403, 500…), in the look of where they were:
 * the help centre's for the public (with its search box, never a way to the staff login), the staff shell's
 * for signed-in staff. Modules implement it; {@code App} hands them to the {@link WebKernel}.
 */
public interface ErrorPages {
    /** The whole page, or null when this look does not apply (the staff one for a visitor). */
    String page(Context ctx, Messages.Localizer t, int status, String heading, String message);
}
