package io.guichet.desk.web;

import io.guichet.desk.DeskWords;
import io.guichet.desk.Incident;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.Times;

/** What the desk's public pages show, computed once per request so templates never think. */
public final class DeskViews {
    private DeskViews() {
    }

    /** The student's page: what was recorded, who was told when, who acknowledged, and the outcome. */
    public record StudentPage(Localizer t, String course, String category, String description, String startedAt, String told, String acknowledged,
                       boolean escalated, String outcome, String outcomeMessage, String otherLanguage, boolean mailed) {
    }

    /** The professor's or exam office's page: the incident, acknowledge, and the outcome form. */
    public record DecidePage(Localizer t, String csrf, String actor, String student, String course, String category, String description, String startedAt,
                      String told, String acknowledged, String outcome, String outcomeMessage, boolean afterEnd, String error) {
    }

    static StudentPage student(Incident i, Localizer t, Times times, String path) {
        return new StudentPage(t, course(i), t.t("desk.category." + i.category().key()), i.description(), times.clock(i.startedAt(), t),
                t.t("desk.page.told", times.clock(i.notifiedAt(), t)), acknowledged(i, t, times), i.escalatedAt() != null,
                i.outcome() == null ? null : DeskWords.outcome(i.outcome(), t, times), i.outcome() == null ? null : i.outcome().message(),
                path + "?lang=" + (t.lang().equals("fr") ? "en" : "fr"), i.studentHasEmail());
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
