package io.guichet.platform.web;

import java.util.List;

/**
 * A refusal at the boundary: answered as {@code {"error":{"code":…,"message":…}}} with its status to
 * API callers, and shown next to the field on forms.
 */
public class ApiError extends RuntimeException {
    private final int status;
    private final String code;
    private final String field;
    private final String reason;
    private final List<String> args;
    /** The other refusals of the same request ({@link Checks}), shown together on its form. */
    private final List<ApiError> others;

    public ApiError(int status, String code, String message) {
        this(status, code, message, null);
    }

    public ApiError(int status, String code, String message, String field) {
        this(status, code, message, field, null, List.of());
    }

    private ApiError(int status, String code, String message, String field, String reason, List<String> args) {
        this(status, code, message, field, reason, args, List.of());
    }

    private ApiError(int status, String code, String message, String field, String reason, List<String> args, List<ApiError> others) {
        super(message, null, false, false);
        this.others = List.copyOf(others);
        this.status = status;
        this.code = code;
        this.field = field;
        this.reason = reason;
        this.args = args;
    }

    /**
     * The same refusal with why, as a key and its values, for a screen that tells it in its reader's language (an
     * import's rejected rows): the message stays the API's English sentence, the code stays what the API documents.
     */
    public ApiError because(String reason, Object... args) {
        return new ApiError(status, code, getMessage(), field, reason, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }

    /** This refusal and the others of the same request, this one first. */
    public List<ApiError> all() {
        List<ApiError> all = new java.util.ArrayList<>(List.of(this));
        all.addAll(others);
        return all;
    }

    ApiError with(List<ApiError> more) {
        return more.isEmpty() ? this : new ApiError(status, code, getMessage(), field, reason, args, more);
    }

    /** Why, as a key (such as {@code too_long}), or null when the refusal gave none. */
    public String reason() {
        return reason;
    }

    public List<String> args() {
        return args;
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
