package io.guichet.webinars;

import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.platform.web.Fields;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A question of a registration form, added by staff to one session, a series or a fair: free text (one line), one
 * choice or several, required or not, worded in both languages. An answer is kept by the question's id: the text, the
 * position of the choice, or the positions of the choices. A question tied to a contact's field ({@code contactField}, its
 * key in {@code people}) asks it as text ({@code input}: text, number or date) or as its choices.
 */
public record RegistrationQuestion(long id, Long sessionId, Long seriesId, Long eventId, String kind, boolean required, String labelFr,
                                   String labelEn, List<String> optionsFr, List<String> optionsEn, String contactField, String input) {
    public static final String TEXT = "text", CHOICE = "choice", CHOICES = "choices";
    public static final int MAX_TEXT = 300;

    public String label(String reader) {
        return "en".equals(reader) ? labelEn : labelFr;
    }

    public List<String> options(String reader) {
        return "en".equals(reader) ? optionsEn : optionsFr;
    }

    /** The form field of an answer, as errors name it: {@code answers.<id>} (shown next to the question). */
    public String field() {
        return "answers." + id;
    }

    /**
     * The answers to {@code asked}, checked and made plain (text stripped, positions as numbers), every refusal added to
     * {@code checks}: a required question unanswered, text too long or with control characters, a choice that is not
     * one, several choices to a one-choice question, or an answer to a question not asked.
     */
    public static Map<String, Object> check(Collection<RegistrationQuestion> asked, Map<String, Object> given, Checks checks) {
        Map<String, RegistrationQuestion> byId = asked.stream().collect(Collectors.toMap(q -> Long.toString(q.id()), q -> q));
        Map<String, Object> out = new LinkedHashMap<>();
        for (String key : given.keySet()) {
            if (!byId.containsKey(key)) checks.refuse(ApiError.invalid("answers", "answers." + key + ": no such question is asked on this form").because("unknown"));
        }
        for (RegistrationQuestion q : asked) {
            Object answer = checks.check(() -> q.answer(given.get(Long.toString(q.id()))));
            if (answer != null) out.put(Long.toString(q.id()), answer);
        }
        return out;
    }

    /** One answer checked: null when blank (refused if required). */
    private Object answer(Object given) {
        Object plain = switch (kind) {
            case TEXT -> {
                if (given != null && !(given instanceof String)) throw ApiError.invalid(field(), field() + " is text");
                yield Fields.optional(field(), (String) given, MAX_TEXT);
            }
            case CHOICE -> {
                if (given instanceof List<?> list && list.size() > 1) throw ApiError.invalid(field(), field() + " takes one choice");
                Object one = given instanceof List<?> list ? (list.isEmpty() ? null : list.getFirst()) : given;
                yield one == null || one instanceof String s && s.isBlank() ? null : position(one);
            }
            default -> {
                List<?> list = given == null ? List.of() : given instanceof List<?> l ? l : List.of(given);
                TreeSet<Integer> positions = new TreeSet<>();
                for (Object one : list) if (!(one instanceof String s && s.isBlank())) positions.add(position(one));
                yield positions.isEmpty() ? null : List.copyOf(positions);
            }
        };
        if (plain == null && required) throw ApiError.invalid(field(), field() + " is required").because("required");
        return plain;
    }

    private int position(Object given) {
        try {
            int at = given instanceof BigDecimal d ? d.intValueExact() : given instanceof Number n ? n.intValue() : Integer.parseInt(given.toString().strip());
            if (at >= 0 && at < optionsFr.size()) return at;
        } catch (ArithmeticException | NumberFormatException e) {
            // refused below
        }
        throw ApiError.invalid(field(), field() + " is not one of the choices").because("choice");
    }

    /** What a field's answer says, as its contact field reads it: the text, or the chosen choice's words. */
    public String plain(Object answer) {
        return kind.equals(TEXT) ? answer.toString() : optionsFr.get(((Number) answer).intValue());
    }

    /** The answer as a reader sees it: the text, or the choices' words joined by " ; " ("" when not answered). */
    public String shown(Object answer, String reader) {
        if (answer == null) return "";
        if (kind.equals(TEXT)) return answer.toString();
        List<?> positions = answer instanceof List<?> l ? l : List.of(answer);
        List<String> words = new ArrayList<>();
        for (Object p : positions) {
            int at = p instanceof Number n ? n.intValue() : -1;
            if (at >= 0 && at < options(reader).size()) words.add(options(reader).get(at));
        }
        return String.join(" ; ", words);
    }
}
