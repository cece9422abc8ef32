package io.guichet.journeys;

import io.guichet.journeys.JourneyNumbers.Standing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The numbers of a template: applicants per step and state, medians, where they are stuck, conversion, per term. */
class JourneyNumbersTest {
    static final Instant T0 = Instant.parse("2027-01-04T14:00:00Z");
    static final LocalDate AUTUMN = LocalDate.of(2027, 8, 23), WINTER = LocalDate.of(2028, 1, 15);
    static final Template.Step LETTRE = step(1, "lettre", true), CAQ = step(2, "caq", true), ARRIVEE = step(3, "arrivee", false);

    static Template.Step step(long id, String key, boolean doc) {
        return new Template.Step(id, key, (int) id, key + " (fr)", key + " (en)", "", "", null, doc, doc ? List.of("pdf") : List.of(),
                doc ? 1024 : 0, true, DueRule.none());
    }

    static Template template(long id, int version, LocalDate term, List<Template.Step> steps) {
        return new Template(id, 1, version, true, "Étudiant international", "International student", term, steps);
    }

    /** A step done {@code doneAfterDays} after enrolment, its document sent {@code reviewDays} before approval. */
    static Journey.StepStatus approved(Template.Step s, double doneAfterDays, double reviewDays) {
        Instant done = T0.plus(hours(doneAfterDays * 24));
        Journey.Document d = s.documentRequired() ? new Journey.Document(1, "x.pdf", "application/pdf", 10, "", done.minus(hours(reviewDays * 24))) : null;
        return new Journey.StepStatus(s, StepState.APPROVED, null, null, false, done, d);
    }

    static Duration hours(double h) {
        return Duration.ofMinutes(Math.round(h * 60));
    }

    static Journey.StepStatus at(Template.Step s, StepState state, boolean late) {
        return new Journey.StepStatus(s, state, state == StepState.REFUSED ? "flou" : null, null, late, state == StepState.TODO ? null : T0, null);
    }

    static Journey journey(Template t, Journey.StepStatus... steps) {
        return new Journey(new Journey.Enrolment(1, t.id(), 1, 1, "a@exemple.qc.ca", "A", "fr", T0, null), t, List.of(steps));
    }

    @Test
    void countsMediansStuckStepsAndConversionPerTerm() {
        Template v1 = template(1, 1, AUTUMN, List.of(LETTRE, CAQ));
        Template v2 = template(2, 2, AUTUMN, List.of(LETTRE, CAQ, ARRIVEE));
        Template winter = template(3, 3, WINTER, List.of(LETTRE, CAQ, ARRIVEE));
        List<Journey> all = new ArrayList<>(List.of(
                journey(v2, approved(LETTRE, 2, 1), approved(CAQ, 10, 4), approved(ARRIVEE, 20, 0)),
                journey(v2, approved(LETTRE, 4, 3), at(CAQ, StepState.REFUSED, false), at(ARRIVEE, StepState.TODO, false)),
                journey(v2, approved(LETTRE, 9, 2), at(CAQ, StepState.SUBMITTED, true), at(ARRIVEE, StepState.TODO, true)),
                journey(v1, at(LETTRE, StepState.TODO, true), at(CAQ, StepState.TODO, false)),
                journey(winter, approved(LETTRE, 1, 1), approved(CAQ, 1, 1), approved(ARRIVEE, 1, 0))));

        JourneyNumbers autumn = JourneyNumbers.of(v2, all, AUTUMN);
        assertThat(autumn.terms()).containsExactly(AUTUMN, WINTER);
        assertThat(autumn.enrolled()).isEqualTo(4);
        assertThat(autumn.complete()).isEqualTo(1);
        assertThat(autumn.conversion()).isEqualTo(0.25);
        JourneyNumbers.StepNumbers lettre = autumn.steps().get(0);
        assertThat(lettre.count(Standing.APPROVED)).isEqualTo(3);
        assertThat(lettre.count(Standing.LATE)).isEqualTo(1);
        assertThat(lettre.toDone()).as("median of 2, 4 and 9 days").isEqualTo(Duration.ofDays(4));
        assertThat(lettre.review()).as("median of 1, 3 and 2 days").isEqualTo(Duration.ofDays(2));
        JourneyNumbers.StepNumbers caq = autumn.steps().get(1);
        assertThat(caq.count(Standing.REFUSED)).isEqualTo(1);
        assertThat(caq.count(Standing.LATE)).as("late wins over submitted").isEqualTo(1);
        assertThat(caq.count(Standing.SUBMITTED)).isZero();
        assertThat(caq.count(Standing.TODO)).isEqualTo(1);
        assertThat(caq.toDone()).isEqualTo(Duration.ofDays(10));
        JourneyNumbers.StepNumbers arrivee = autumn.steps().get(2);
        assertThat(arrivee.count(Standing.TODO) + arrivee.count(Standing.LATE) + arrivee.count(Standing.APPROVED))
                .as("the applicant on version 1 has no such step").isEqualTo(3);
        assertThat(arrivee.review()).as("no document at this step").isNull();
        assertThat(autumn.stuck()).extracting(s -> s.step().key()).containsExactly("caq", "lettre", "arrivee");

        JourneyNumbers every = JourneyNumbers.of(v2, all, null);
        assertThat(every.enrolled()).isEqualTo(5);
        assertThat(every.complete()).isEqualTo(2);
        assertThat(every.steps().get(0).toDone()).as("median of 1, 2, 4 and 9 days: halfway between 2 and 4").isEqualTo(Duration.ofDays(3));
        assertThat(JourneyNumbers.of(v2, List.of(), null).conversion()).isZero();
        assertThat(JourneyNumbers.of(v2, List.of(), null).stuck()).isEmpty();
    }
}
