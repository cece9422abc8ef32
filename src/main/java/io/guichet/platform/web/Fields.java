package io.guichet.platform.web;

import java.util.regex.Pattern;

/** Checks of free text shared by every module's boundary; each failure names its field. */
public final class Fields {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    /**
     * Refuses control characters (NUL, escape, DEL, C1…): PostgreSQL rejects NUL in text and a line break in a
     * one-line value could forge a log line. Multi-line text keeps line breaks and tabs.
     */
    public static String refuseControlCharacters(String field, String value, boolean multiLine) {
        if (value == null) return null;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
            if (control && !(multiLine && (c == '\n' || c == '\r' || c == '\t'))) {
                throw ApiError.invalid(field, field + " contains a control character");
            }
        }
        return value;
    }

    /** Trimmed text, or null when blank; longer than max is refused. */
    public static String optional(String field, String value, int max) {
        if (value == null || value.isBlank()) return null;
        String v = value.strip();
        if (v.codePointCount(0, v.length()) > max) throw ApiError.invalid(field, field + " is longer than " + max + " characters");
        return v;
    }

    /** Trimmed text of 1 to max characters. */
    public static String required(String field, String value, int max) {
        String v = optional(field, value, max);
        if (v == null) throw ApiError.invalid(field, field + " is required");
        return v;
    }

    /** A plausible email address, or null when blank. */
    public static String optionalEmail(String field, String value) {
        String v = optional(field, value, 254);
        if (v != null && !EMAIL.matcher(v).matches()) throw ApiError.invalid(field, field + " is not a valid email address");
        return v;
    }

    private Fields() {
    }
}
