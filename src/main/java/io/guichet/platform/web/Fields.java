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
                throw ApiError.invalid(field, field + " contains a control character").because("control_character");
            }
        }
        return value;
    }

    /** A one-line value (a name, a title, a slug), trimmed, or null when blank: no line break, no control character. */
    public static String optional(String field, String value, int max) {
        return checked(field, value, max, false);
    }

    /** A one-line value of 1 to max characters. */
    public static String required(String field, String value, int max) {
        return present(field, optional(field, value, max));
    }

    /** Text that may run over several lines (an answer, a description): line breaks and tabs are kept. */
    public static String optionalText(String field, String value, int max) {
        return checked(field, value, max, true);
    }

    public static String requiredText(String field, String value, int max) {
        return present(field, optionalText(field, value, max));
    }

    private static String checked(String field, String value, int max, boolean multiLine) {
        if (value == null || value.isBlank()) return null;
        String v = refuseControlCharacters(field, value.strip(), multiLine);
        if (v.codePointCount(0, v.length()) > max) throw ApiError.invalid(field, field + " is longer than " + max + " characters").because("too_long", max);
        return v;
    }

    private static String present(String field, String v) {
        if (v == null) throw ApiError.invalid(field, field + " is required").because("required");
        return v;
    }

    /** A plausible email address, or null when blank. */
    public static String optionalEmail(String field, String value) {
        String v = optional(field, value, 254);
        if (v != null && !EMAIL.matcher(v).matches()) throw ApiError.invalid(field, field + " is not a valid email address").because("email", v);
        return v;
    }

    private Fields() {
    }
}
