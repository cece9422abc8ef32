package io.guichet.platform.web;

import io.guichet.platform.web.Messages.Localizer;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * How one form shows a refusal of the use case it submits: next to which field, in which words. The
 * field is the one the error names ({@code invalid} errors do), else the one the form gives for its code
 * ({@code slug_taken} belongs to the slug), else the form as a whole. The words come from the messages,
 * the most precise key first: {@code error.<form>.<field>.<code>}, {@code error.<field>.<code>},
 * {@code error.<code>}; {@code {0}} in them is the error's own (English) text. Never from matching that text.
 */
public final class FormErrors {
    public static final String FORM = "form";

    /** Where the error is shown ({@link #FORM} for the top of the form) and what it says. */
    public record Shown(String field, String message) {
    }

    private final String form;
    private final Set<String> fields;
    private final Map<String, String> fieldOfCode;

    /**
     * @param form        the form's name in the message keys, for the few words only this form uses
     * @param fields      the fields that show their own error; any other error goes to the top of the form
     * @param fieldOfCode the field of an error code that names none
     */
    public FormErrors(String form, Set<String> fields, Map<String, String> fieldOfCode) {
        this.form = form;
        this.fields = fields;
        this.fieldOfCode = fieldOfCode;
    }

    /**
     * Every refusal of the request ({@link Checks}), by where it is shown; the first one of a place wins. A field
     * named {@code hours.3} (a row of a table) is shown on that row, in the words of {@code hours}.
     */
    public Map<String, String> all(ApiError e, Localizer t) {
        Map<String, String> shown = new java.util.LinkedHashMap<>();
        for (ApiError one : e.all()) {
            Shown s = of(one, t);
            shown.putIfAbsent(s.field(), s.message());
        }
        return shown;
    }

    public Shown of(ApiError e, Localizer t) {
        String field = e.field() != null ? e.field() : fieldOfCode.getOrDefault(e.code(), FORM);
        String shownAt = fields.contains(field) || fields.contains(rowsOf(field)) ? field : FORM;
        String words = rowsOf(field);
        String key = Stream.of("error." + form + "." + words + "." + e.code(), "error." + words + "." + e.code(), "error." + e.code())
                .filter(t::has).findFirst().orElse("error.invalid");
        if (key.equals("error.invalid") && shownAt.equals(FORM)) key = "error.form"; // no field to point at: check the form
        return new Shown(shownAt, t.t(key, e.getMessage()));
    }

    /** "hours" for "hours.3" (the row of a table), the field itself otherwise. */
    private static String rowsOf(String field) {
        int dot = field.lastIndexOf('.');
        return dot > 0 && field.substring(dot + 1).chars().allMatch(Character::isDigit) ? field.substring(0, dot) : field;
    }
}
