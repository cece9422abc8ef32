package io.guichet.desk;

import java.time.Instant;
import java.util.Locale;

/**
 * What the professor or the exam office decided, with a message to the student: continue (with extra minutes), a
 * re-sit (the new sitting created right after, linked), an oral examination (when, where or which link), no action, other.
 */
public record Outcome(Kind kind, String message, Integer extraMinutes, Instant oralAt, String oralWhere, Long resitSittingId,
                      Instant at, String by) {
    public enum Kind {
        CONTINUE, RESIT, ORAL, NO_ACTION, OTHER;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Kind of(String key) {
            for (Kind k : values()) if (k.key().equals(key)) return k;
            return null;
        }
    }
}
