package io.guichet.people;

import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A field an administrator adds to every contact ("Cohorte", "Date de la dernière visite"): its key in the API and
 * in {@code contacts.custom}, its labels, its type and, for a choice, the choices. {@link #value} checks one value
 * against it, on every write.
 */
public record ContactField(String key, String labelFr, String labelEn, Type type, List<String> choices, int position) {
    public enum Type {
        TEXT, NUMBER, DATE, CHOICE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Type of(String code) {
            for (Type t : values()) if (t.code().equals(code)) return t;
            throw ApiError.invalid("type", "type must be one of text, number, date, choice");
        }
    }

    public static final int TEXT_MAX = 500;
    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    public ContactField {
        choices = List.copyOf(choices);
    }

    /** A new or changed definition, checked: what an administrator sent. */
    public static ContactField define(String key, String labelFr, String labelEn, String type, List<String> choices, Integer position) {
        String k = Fields.required("key", key, 40);
        if (!KEY.matcher(k).matches()) throw ApiError.invalid("key", "key must be lower-case letters, digits and _, starting with a letter");
        Type t = Type.of(Fields.required("type", type, 10));
        Set<String> cleanChoices = new LinkedHashSet<>();
        for (String c : choices == null ? List.<String>of() : choices) {
            if (!cleanChoices.add(Fields.required("choices", c, 80))) throw ApiError.invalid("choices", "choices must not repeat");
        }
        if (t == Type.CHOICE && cleanChoices.isEmpty()) throw ApiError.invalid("choices", "a choice field needs choices");
        if (t != Type.CHOICE && !cleanChoices.isEmpty()) throw ApiError.invalid("choices", "only a choice field has choices");
        if (cleanChoices.size() > 50) throw ApiError.invalid("choices", "at most 50 choices");
        return new ContactField(k, Fields.required("labelFr", labelFr, 80), Fields.required("labelEn", labelEn, 80), t,
                List.copyOf(cleanChoices), position == null ? 0 : position);
    }

    public String label(String lang) {
        return "en".equals(lang) ? labelEn : labelFr;
    }

    /**
     * The value to store, or null to clear it (null or blank). A form or a CSV sends text; JSON may send a number.
     * A refusal names the field as {@code fields.<key>}.
     */
    public Object value(Object raw) {
        String field = "fields." + key;
        if (raw == null) return null;
        if (raw instanceof Number n) {
            if (type != Type.NUMBER) throw ApiError.invalid(field, field + " must be text");
            return new BigDecimal(n.toString()).stripTrailingZeros();
        }
        if (!(raw instanceof String s)) throw ApiError.invalid(field, field + " must be " + (type == Type.NUMBER ? "a number" : "text"));
        String text = Fields.optional(field, s, TEXT_MAX);
        if (text == null) return null;
        return switch (type) {
            case TEXT -> text;
            case NUMBER -> number(field, text);
            case DATE -> date(field, text);
            case CHOICE -> choices.stream().filter(c -> c.equalsIgnoreCase(text)).findFirst()
                    .orElseThrow(() -> ApiError.invalid(field, field + " must be one of " + String.join(", ", choices)).because("choice", String.join(", ", choices)));
        };
    }

    private static BigDecimal number(String field, String text) {
        // "1,5" as a French speaker writes it, as well as "1.5"; no thousands separators.
        String plain = text.indexOf('.') < 0 ? text.replace(',', '.') : text;
        try {
            return new BigDecimal(plain).stripTrailingZeros();
        } catch (NumberFormatException e) {
            throw ApiError.invalid(field, field + " must be a number").because("number", text);
        }
    }

    private static String date(String field, String text) {
        try {
            return LocalDate.parse(text).toString();
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date as YYYY-MM-DD").because("date", text);
        }
    }
}
