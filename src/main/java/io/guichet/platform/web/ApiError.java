package io.guichet.platform.web;

/**
 * A refusal at the boundary: answered as {@code {"error":{"code":…,"message":…}}} with its status to
 * API callers, and shown next to the field on forms.
 */
public class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;

    public ApiError(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiError(int status, String code, String message, String field) {
        super(message, null, false, false);
        this.status = status;
        this.code = code;
        this.field = field;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    /** The form field the error belongs to, or null. */
    public String field() {
        return field;
    }

    public static ApiError malformed(String message) {
        return new ApiError(400, "malformed", message);
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "unauthorized", "Authentication required");
    }

    public static ApiError forbidden(String message) {
        return new ApiError(403, "forbidden", message);
    }

    public static ApiError notFound(String what) {
        return new ApiError(404, "not_found", what + " not found");
    }

    public static ApiError conflict(String code, String message) {
        return new ApiError(409, code, message);
    }

    public static ApiError invalid(String field, String message) {
        return new ApiError(422, "invalid", message, field);
    }

    public static ApiError tooLarge(String message) {
        return new ApiError(413, "too_large", message);
    }
}
