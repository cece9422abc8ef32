package io.guichet.journeys;

import io.guichet.platform.web.ApiError;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Due dates: fixed, from the term start, from another step's completion; rules that count from a later step are refused. */
class DueDatesTest {
    static final LocalDate TERM = LocalDate.of(2027, 8, 23);
    static final List<DueDates.Rule> STEPS = List.of(
            new DueDates.Rule("lettre", new DueRule(DueRule.Kind.FIXED, LocalDate.of(2027, 3, 1), null, null)),
            new DueDates.Rule("caq", new DueRule(DueRule.Kind.STEP, null, 30, "lettre")),
            new DueDates.Rule("permis", new DueRule(DueRule.Kind.STEP, null, 45, "caq")),
            new DueDates.Rule("passeport", new DueRule(DueRule.Kind.TERM, null, -90, null)),
            new DueDates.Rule("arrivee", DueRule.none()));

    @Test
    void fixedAndTermDatesAreKnownFromTheStart() {
        Map<String, LocalDate> due = DueDates.of(STEPS, TERM, Map.of());
        assertThat(due).containsEntry("lettre", LocalDate.of(2027, 3, 1)).containsEntry("passeport", LocalDate.of(2027, 5, 25))
                .doesNotContainKeys("caq", "permis", "arrivee");
    }

    @Test
    void aStepDueAfterAnotherCountsFromTheDayThatOneWasDone() {
        Map<String, LocalDate> due = DueDates.of(STEPS, TERM, Map.of("lettre", LocalDate.of(2027, 2, 10)));
        assertThat(due).containsEntry("caq", LocalDate.of(2027, 3, 12)).doesNotContainKey("permis");
        due = DueDates.of(STEPS, TERM, Map.of("lettre", LocalDate.of(2027, 2, 10), "caq", LocalDate.of(2027, 3, 31)));
        assertThat(due).containsEntry("permis", LocalDate.of(2027, 5, 15));
    }

    @Test
    void aRuleNamingItselfALaterOrAnUnknownStepIsFound() {
        assertThat(DueDates.refuseForwardReferences(STEPS)).isNull();
        var forward = List.of(new DueDates.Rule("a", new DueRule(DueRule.Kind.STEP, null, 3, "b")), new DueDates.Rule("b", DueRule.none()));
        assertThat(DueDates.refuseForwardReferences(forward)).isEqualTo("a");
        var itself = List.of(new DueDates.Rule("a", new DueRule(DueRule.Kind.STEP, null, 3, "a")));
        assertThat(DueDates.refuseForwardReferences(itself)).isEqualTo("a");
    }

    @Test
    void incompleteRulesAreRefusedNamingTheirField() {
        assertThatThrownBy(() -> new DueRule(DueRule.Kind.FIXED, null, null, null)).isInstanceOf(ApiError.class)
                .extracting(e -> ((ApiError) e).field()).isEqualTo("due.date");
        assertThatThrownBy(() -> new DueRule(DueRule.Kind.TERM, null, 99_999, null)).extracting(e -> ((ApiError) e).field()).isEqualTo("due.days");
        assertThatThrownBy(() -> new DueRule(DueRule.Kind.STEP, null, 3, " ")).extracting(e -> ((ApiError) e).field()).isEqualTo("due.afterStep");
    }
}
