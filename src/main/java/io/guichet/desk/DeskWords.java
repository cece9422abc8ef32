package io.guichet.desk;

import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.Times;

/** The sentences that tell an outcome to a student, shared by their mail and their page. */
public final class DeskWords {
    private DeskWords() {
    }

    public static String outcome(Outcome o, Localizer t, Times times) {
        return switch (o.kind()) {
            case CONTINUE -> o.extraMinutes() == null ? t.t("desk.outcome.continue") : t.t("desk.outcome.continue_extra", o.extraMinutes());
            case RESIT -> t.t("desk.outcome.resit");
            case ORAL -> t.t("desk.outcome.oral", times.dateTime(o.oralAt(), t), o.oralWhere());
            case NO_ACTION -> t.t("desk.outcome.no_action");
            case OTHER -> t.t("desk.outcome.other");
        };
    }
}
