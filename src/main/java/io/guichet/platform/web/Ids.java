package io.guichet.platform.web;

import io.javalin.http.Context;

/**
 * Ids as they arrive in addresses, forms, queries and JSON, read one way everywhere: a positive whole
 * number. What names a thing to open (an address) is 404 when it is not an id; what a field holds is 422
 * naming the field.
 */
public final class Ids {
    /** The path parameter as an id; missing, malformed, zero or negative is 404 "{what} not found". */
    public static long path(Context ctx, String param, String what) {
        return lookup(ctx.pathParam(param), what);
    }

    /** A value that names something to look up: 404 "{what} not found" unless it is an id. */
    public static long lookup(String value, String what) {
        long id = orZero(value);
        if (id <= 0) throw ApiError.notFound(what);
        return id;
    }

    /** The value of a field: 422 naming the field unless it is an id. */
    public static long field(String field, String value) {
        long id = orZero(value);
        if (id <= 0) throw ApiError.invalid(field, field + " must be an id");
        return id;
    }

    /** For hints that may be absent (the selected row of a list): the id, or 0. */
    public static long orZero(String value) {
        if (value == null) return 0;
        try {
            return Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private Ids() {
    }
}
