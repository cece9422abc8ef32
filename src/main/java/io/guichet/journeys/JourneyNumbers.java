package io.guichet.journeys;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * What the international office asks of a template: how many applicants stand where at each step, how long steps
 * take, where applicants get stuck and how many finish — over the applicants of one term (every term when none is
 * chosen). A pure function of the journeys as read; steps are matched by key across versions, so an applicant on an
 * older version counts at the steps their version has.
 */
public record JourneyNumbers(Template template, LocalDate term, List<LocalDate> terms, int enrolled, int complete, List<StepNumbers> steps) {
    /** Where an applicant stands at a step: lateness wins over the state, as on the board. */
    public enum Standing {
        TODO, SUBMITTED, APPROVED, REFUSED, LATE;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Standing of(Journey.StepStatus s) {
            return s.late() ? LATE : valueOf(s.state().name());
        }
    }

    /**
     * One step's numbers; {@code review} is the median time from the document to its approval (for the approved steps
     * that took a document), {@code toDone} the median time from enrolment to the step's approval; null without any.
     */
    public record StepNumbers(Template.Step step, Map<Standing, Integer> counts, Duration review, Duration toDone) {
        public int count(Standing s) {
            return counts.getOrDefault(s, 0);
        }

        /** Late or refused: where applicants are stuck. */
        public int stuck() {
            return count(Standing.LATE) + count(Standing.REFUSED);
        }
    }

    public static final int STUCK_SHOWN = 3;

    public static JourneyNumbers of(Template latest, List<Journey> all, LocalDate term) {
        List<LocalDate> terms = new ArrayList<>(new TreeSet<>(all.stream().map(Journey::termStart).toList()));
        List<Journey> journeys = all.stream().filter(j -> term == null || j.termStart().equals(term)).toList();
        List<StepNumbers> steps = new ArrayList<>();
        for (Template.Step step : latest.steps()) {
            Map<Standing, Integer> counts = new EnumMap<>(Standing.class);
            List<Duration> review = new ArrayList<>();
            List<Duration> toDone = new ArrayList<>();
            for (Journey j : journeys) {
                Journey.StepStatus s = j.steps().stream().filter(x -> x.step().key().equals(step.key())).findFirst().orElse(null);
                if (s == null) continue;
                counts.merge(Standing.of(s), 1, Integer::sum);
                if (!s.state().done()) continue;
                toDone.add(Duration.between(j.enrolment().enrolledAt(), s.changedAt()));
                if (s.document() != null) review.add(Duration.between(s.document().uploadedAt(), s.changedAt()));
            }
            steps.add(new StepNumbers(step, counts, median(review), median(toDone)));
        }
        int complete = (int) journeys.stream().filter(j -> j.doneCount() == j.steps().size()).count();
        return new JourneyNumbers(latest, term, terms, journeys.size(), complete, steps);
    }

    /** The steps with the most late or refused applicants, most first (none when nobody is stuck). */
    public List<StepNumbers> stuck() {
        return steps.stream().filter(s -> s.stuck() > 0).sorted(Comparator.comparingInt(StepNumbers::stuck).reversed()).limit(STUCK_SHOWN).toList();
    }

    /** The share of applicants who finished, from 0 to 1 (0 with no applicant). */
    public double conversion() {
        return enrolled == 0 ? 0 : (double) complete / enrolled;
    }

    static Duration median(List<Duration> values) {
        if (values.isEmpty()) return null;
        List<Duration> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2);
    }
}
