package io.guichet.platform.web;

import io.javalin.http.Context;

/**
 * Builds the {@link StaffShell} of a staff page for the person signed in on the request. Identity
 * implements it (it knows who is signed in and the navigation every module contributes); the screens
 * of every module receive it.
 */
public interface StaffShells {
    /** {@code active} is the key of the page's navigation entry (see {@link NavEntry}). */
    StaffShell of(Context ctx, String active, StaffShell.Assets assets);

    /** The first page the person signed in may open (where an account that has no console lands: a faculty's incidents). */
    String home(Context ctx);
}
