package io.guichet.webinars;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.people.ContactDirectory;
import io.guichet.people.ContactField;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.platform.web.Fields;
import io.guichet.webinars.internal.QuestionDao;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.List;

/**
 * The questions staff add to registration forms: to one session, to every occurrence of its series, or to every
 * session of its fair ({@code scope}). A form asks the fair's, the series' and the session's own, in that order.
 */
public final class RegistrationQuestions {
    public static final int MAX_QUESTIONS = WebinarService.MAX_ANSWERS, MAX_LABEL = 200, MAX_OPTION = 100, MAX_OPTIONS = 20;
    private final Jdbi jdbi;
    private final WebinarService webinars;
    private final ContactDirectory contacts;

    public RegistrationQuestions(Jdbi jdbi, WebinarService webinars, ContactDirectory contacts) {
        this.jdbi = jdbi;
        this.webinars = webinars;
        this.contacts = contacts;
    }

    /**
     * {@code scope}: session, series or event (of the session named); {@code kind}: text, choice or choices; or
     * {@code contactField}, a contact field's key, whose type sets the kind and choices and whose labels are the default.
     */
    public record QuestionForm(String scope, String kind, boolean required, String labelFr, String labelEn, List<String> optionsFr,
                               List<String> optionsEn, String contactField) {
        public QuestionForm(String scope, String kind, boolean required, String labelFr, String labelEn, List<String> optionsFr, List<String> optionsEn) {
            this(scope, kind, required, labelFr, labelEn, optionsFr, optionsEn, null);
        }
    }

    /** The contact fields a question may ask, for staff choosing one. */
    public List<ContactField> accessContactFields(Staff actor) {
        Access.requireWebinarOrganiser(actor);
        return contacts.accessFields(actor);
    }

    /** Adds a question, every field checked at once. */
    public RegistrationQuestion doAdd(Staff actor, long sessionId, QuestionForm form) {
        Access.requireWebinarOrganiser(actor);
        WebinarSession s = webinars.findSession(sessionId);
        ContactField field = null;
        if (form.contactField() != null && !form.contactField().isBlank()) {
            try {
                field = contacts.findField(form.contactField().strip());
            } catch (ApiError e) {
                throw ApiError.invalid("contactField", "No contact field has the key " + form.contactField().strip());
            }
        }
        QuestionForm f = field == null ? form : asField(form, field);
        String input = field == null ? "text" : switch (field.type()) {
            case NUMBER -> "number";
            case DATE -> "date";
            default -> "text";
        };
        Checks checks = new Checks();
        String scope = f.scope() == null ? "session" : f.scope();
        Long series = scope.equals("series") ? s.seriesId() : null, event = scope.equals("event") ? s.eventId() : null;
        if (!scope.equals("session") && series == null && event == null)
            checks.refuse(ApiError.invalid("scope", "scope is session, or series or event when the session has one"));
        String kind = f.kind() == null ? RegistrationQuestion.TEXT : f.kind();
        if (!List.of(RegistrationQuestion.TEXT, RegistrationQuestion.CHOICE, RegistrationQuestion.CHOICES).contains(kind))
            checks.refuse(ApiError.invalid("kind", "kind is text, choice or choices"));
        String labelFr = checks.check(() -> Fields.required("labelFr", f.labelFr(), MAX_LABEL));
        String labelEn = checks.check(() -> Fields.required("labelEn", f.labelEn(), MAX_LABEL));
        List<String> optionsFr = checks.check(() -> options("optionsFr", f.optionsFr()));
        List<String> optionsEn = checks.check(() -> options("optionsEn", f.optionsEn()));
        if (kind.equals(RegistrationQuestion.TEXT)) {
            if (optionsFr != null && !optionsFr.isEmpty()) checks.refuse(ApiError.invalid("optionsFr", "optionsFr: a text question has no choices"));
        } else if (optionsFr != null && optionsEn != null) {
            if (optionsFr.size() < 2) checks.refuse(ApiError.invalid("optionsFr", "optionsFr: a choice offers 2 to " + MAX_OPTIONS + " answers"));
            else if (optionsEn.size() != optionsFr.size()) checks.refuse(ApiError.invalid("optionsEn", "optionsEn gives each choice in English too, in the same order"));
        }
        checks.done();
        long id = jdbi.inTransaction(h -> {
            QuestionDao dao = new QuestionDao(h);
            if (dao.asked(s.id(), s.seriesId(), s.eventId()).size() >= MAX_QUESTIONS)
                throw ApiError.invalid("form", "A form asks at most " + MAX_QUESTIONS + " questions");
            return dao.insert(series == null && event == null ? s.id() : null, series, event, kind, f.required(), labelFr, labelEn,
                    kind.equals(RegistrationQuestion.TEXT) ? List.of() : optionsFr, kind.equals(RegistrationQuestion.TEXT) ? List.of() : optionsEn,
                    f.contactField(), input, actor.id());
        });
        return jdbi.withHandle(h -> new QuestionDao(h).question(id)).orElseThrow();
    }

    /** A question tied to {@code field}: its kind and choices are the field's, its labels the field's unless staff gave their own. */
    private static QuestionForm asField(QuestionForm f, ContactField field) {
        boolean choice = field.type() == ContactField.Type.CHOICE;
        return new QuestionForm(f.scope(), choice ? RegistrationQuestion.CHOICE : RegistrationQuestion.TEXT, f.required(),
                f.labelFr() == null || f.labelFr().isBlank() ? field.labelFr() : f.labelFr(), f.labelEn() == null || f.labelEn().isBlank() ? field.labelEn() : f.labelEn(),
                choice ? field.choices() : List.of(), choice ? field.choices() : List.of(), field.key());
    }

    /** Removes a question from the forms; the answers already given keep it (the staff list and CSV still show them). */
    public void doRemove(Staff actor, long questionId) {
        Access.requireWebinarOrganiser(actor);
        jdbi.useTransaction(h -> new QuestionDao(h).remove(questionId));
    }

    /** Public: the questions a session's form asks. */
    public List<RegistrationQuestion> findAsked(WebinarSession s) {
        return jdbi.withHandle(h -> new QuestionDao(h).asked(s.id(), s.seriesId(), s.eventId()));
    }

    private static List<String> options(String field, List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values == null ? List.<String>of() : values) {
            String o = Fields.optional(field, v, MAX_OPTION);
            if (o != null) out.add(o);
        }
        if (out.size() > MAX_OPTIONS) throw ApiError.invalid(field, field + " holds at most " + MAX_OPTIONS + " choices");
        return out;
    }
}
