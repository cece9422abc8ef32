package io.guichet.desk.web;

import io.guichet.inbox.RatingRequests;
import io.guichet.desk.DeskWords;
import io.guichet.desk.Incident;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.Times;

/** What the desk's public pages show, computed once per request so templates never think. */
public final class DeskViews {
    private DeskViews() {
    }

    /** The student's page: what was recorded, who was told when, who acknowledged, and the outcome. */
    /**
     * {@code rating}: the student's, null until they give it (the form shows once the outcome is known);
     * {@code form}: the rating form as typed.
     */
    public record StudentPage(Localizer t, String course, String category, String description, String startedAt, String told, String acknowledged,
                       boolean escalated, String outcome, String outcomeMessage, String otherLanguage, boolean mailed, String action,
                       Incident.Rating rating, RatingForm form, String[] faces, String csrf) {
    }

    /** The five faces as chosen and the comment as typed; {@code error} what to mend, else null. */
    public record RatingForm(int score, String comment, String error) {
    }

    /** The professor's or exam office's page: the incident, acknowledge, and the outcome form. */
    public record DecidePage(Localizer t, String csrf, String actor, String student, String course, String category, String description, String startedAt,
                      String told, String acknowledged, String outcome, String outcomeMessage, boolean afterEnd, String error) {
    }

    static StudentPage student(Incident i, Localizer t, Times times, String path, Incident.Rating rating, RatingForm form, String csrf) {
        return new StudentPage(t, course(i), t.t("desk.category." + i.category().key()), i.description(), times.clock(i.startedAt(), t),
                t.t("desk.page.told", times.clock(i.notifiedAt(), t)), acknowledged(i, t, times), i.escalatedAt() != null,
                i.outcome() == null ? null : DeskWords.outcome(i.outcome(), t, times), i.outcome() == null ? null : i.outcome().message(),
                path + "?lang=" + (t.lang().equals("fr") ? "en" : "fr"), i.studentHasEmail(), path + "?lang=" + t.lang(), rating, form,
                RatingRequests.FACES.toArray(String[]::new), csrf);
    }

    static DecidePage decide(Incident i, String actor, Localizer t, Times times, String csrf, String error) {
        return new DecidePage(t, csrf, actor, i.studentName() == null ? t.t("desk.student.unnamed") : i.studentName(), course(i),
                t.t("desk.category." + i.category().key()), i.description(), times.clock(i.startedAt(), t), t.t("desk.decide.told", times.clock(i.notifiedAt(), t)),
                acknowledged(i, t, times), i.outcome() == null ? null : DeskWords.outcome(i.outcome(), t, times), i.outcome() == null ? null : i.outcome().message(),
                i.afterEnd(), error);
    }

    private static String course(Incident i) {
        return i.sitting().courseCode() + " — " + i.sitting().courseTitle();
    }

    private static String acknowledged(Incident i, Localizer t, Times times) {
        return i.acknowledgedAt() == null ? null : t.t("desk.page.acknowledged", i.acknowledgedBy(), times.clock(i.acknowledgedAt(), t));
    }
}
