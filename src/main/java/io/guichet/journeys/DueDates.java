package io.guichet.journeys;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The due date of each step of one applicant's journey: a pure function of the steps' rules, the term start and
 * when each step was done. A step due after another has no date until that one is done (what it counts from is not
 * known yet); templates refuse a rule naming a later step or itself ({@link #refuseForwardReferences}), so the
 * chain always ends.
 */
public final class DueDates {
    private DueDates() {
    }

    /** One step as the computation sees it. */
    public record Rule(String key, DueRule due) {
    }

    /** Due date by step key; a step with no date (none, or after a step not yet done) is absent. */
    public static Map<String, LocalDate> of(List<Rule> steps, LocalDate termStart, Map<String, LocalDate> doneOn) {
        Map<String, LocalDate> due = new HashMap<>();
        for (Rule step : steps) {
            DueRule r = step.due();
            LocalDate date = switch (r.kind()) {
                case NONE -> null;
                case FIXED -> r.date();
                case TERM -> termStart.plusDays(r.days());
                case STEP -> {
                    LocalDate from = doneOn.get(r.afterStep());
                    yield from == null ? null : from.plusDays(r.days());
                }
            };
            if (date != null) due.put(step.key(), date);
        }
        return due;
    }

    /** The key of the first step whose rule counts from itself, a later step or an unknown one, or null when all are sound. */
    public static String refuseForwardReferences(List<Rule> steps) {
        java.util.Set<String> earlier = new java.util.HashSet<>();
        for (Rule step : steps) {
            if (step.due().kind() == DueRule.Kind.STEP && !earlier.contains(step.due().afterStep())) return step.key();
            earlier.add(step.key());
        }
        return null;
    }
}
