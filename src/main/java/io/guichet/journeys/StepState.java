package io.guichet.journeys;

import java.util.Locale;

/** Where a step of an applicant's journey stands; lateness is not a state but a due date passed while not done. */
public enum StepState {
    TODO, SUBMITTED, APPROVED, REFUSED;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static StepState of(String key) {
        return key == null ? TODO : valueOf(key.toUpperCase(Locale.ROOT));
    }

    public boolean done() {
        return this == APPROVED;
    }
}
