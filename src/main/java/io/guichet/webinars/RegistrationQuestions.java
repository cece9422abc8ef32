package io.guichet.webinars;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
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

    public RegistrationQuestions(Jdbi jdbi, WebinarService webinars) {
        this.jdbi = jdbi;
        this.webinars = webinars;
    }

    /** {@code scope}: session, series or event (of the session named); {@code kind}: text, choice or choices. */
    public record QuestionForm(String scope, String kind, boolean required, String labelFr, String labelEn, List<String> optionsFr,
                               List<String> optionsEn) {
    }

    /** Adds a question, every field checked at once. */
    public RegistrationQuestion doAdd(Staff actor, long sessionId, QuestionForm f) {
        Access.requireWebinarOrganiser(actor);
        WebinarSession s = webinars.findSession(sessionId);
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
                    kind.equals(RegistrationQuestion.TEXT) ? List.of() : optionsFr, kind.equals(RegistrationQuestion.TEXT) ? List.of() : optionsEn, actor.id());
        });
        return jdbi.withHandle(h -> new QuestionDao(h).question(id)).orElseThrow();
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
