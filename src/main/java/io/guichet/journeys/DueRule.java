package io.guichet.journeys;

import io.guichet.platform.web.ApiError;

import java.time.LocalDate;

/**
 * When a step is due: never ({@code none}), on a fixed date, a number of days from the template's term start
 * (negative: before it), or a number of days after another step of the same template is done ("CAQ: 30 days
 * after the admission letter").
 */
public record DueRule(Kind kind, LocalDate date, Integer days, String afterStep) {
    public enum Kind {
        NONE, FIXED, TERM, STEP;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Kind of(String key) {
            for (Kind k : values()) if (k.key().equals(key)) return k;
            throw ApiError.invalid("due.kind", "due.kind must be none, fixed, term or step");
        }
    }

    public static final int MAX_DAYS = 3650;

    public DueRule {
        switch (kind) {
            case NONE -> {
                date = null;
                days = null;
                afterStep = null;
            }
            case FIXED -> {
                if (date == null) throw ApiError.invalid("due.date", "due.date is required for a fixed due date");
                days = null;
                afterStep = null;
            }
            case TERM, STEP -> {
                if (days == null || Math.abs(days) > MAX_DAYS) throw ApiError.invalid("due.days", "due.days must be a number of days up to " + MAX_DAYS);
                if (kind == Kind.STEP && (afterStep == null || afterStep.isBlank())) throw ApiError.invalid("due.afterStep", "due.afterStep is required for a due date after a step");
                if (kind == Kind.TERM) afterStep = null;
                date = null;
            }
        }
    }

    public static DueRule none() {
        return new DueRule(Kind.NONE, null, null, null);
    }
}
