package io.guichet.webinars;

import io.guichet.platform.web.ApiError;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Series meet at the institution's wall-clock time, whatever daylight saving does to the instant. */
class RecurrenceTest {
    static final ZoneId TORONTO = ZoneId.of("America/Toronto");

    @Test
    void aWeeklyFridaySessionStaysAtTwoInTheAfternoonAcrossTheAutumnChangeWhileItsInstantMovesAnHour() {
        // 2026-11-01: clocks go back in Toronto (EDT −4 → EST −5)
        Recurrence fridays = Recurrence.weekly(DayOfWeek.FRIDAY, LocalTime.of(14, 0), Duration.ofHours(1),
                LocalDate.of(2026, 10, 20), LocalDate.of(2026, 11, 13), Set.of(LocalDate.of(2026, 11, 6)));
        List<Recurrence.Occurrence> o = fridays.occurrences(TORONTO);
        assertThat(o).extracting(Recurrence.Occurrence::date)
                .containsExactly(LocalDate.of(2026, 10, 23), LocalDate.of(2026, 10, 30), LocalDate.of(2026, 11, 13));
        assertThat(o.get(0).startsAt()).isEqualTo(Instant.parse("2026-10-23T18:00:00Z"));
        assertThat(o.get(1).startsAt()).isEqualTo(Instant.parse("2026-10-30T18:00:00Z"));
        assertThat(o.get(2).startsAt()).as("after the change, 14:00 is 19:00 UTC").isEqualTo(Instant.parse("2026-11-13T19:00:00Z"));
        assertThat(o.get(2).endsAt()).isEqualTo(Instant.parse("2026-11-13T20:00:00Z"));
        assertThat(o).allSatisfy(x -> assertThat(x.startsAt().atZone(TORONTO).toLocalTime()).isEqualTo(LocalTime.of(14, 0)));
    }

    @Test
    void wednesdaysAtHalfPastOneAcrossTheSpringChange() {
        // 2027-03-14: clocks go forward (EST −5 → EDT −4)
        List<Recurrence.Occurrence> o = Recurrence.weekly(DayOfWeek.WEDNESDAY, LocalTime.of(13, 30), Duration.ofMinutes(60),
                LocalDate.of(2027, 3, 8), LocalDate.of(2027, 3, 20), Set.of()).occurrences(TORONTO);
        assertThat(o).extracting(Recurrence.Occurrence::startsAt)
                .containsExactly(Instant.parse("2027-03-10T18:30:00Z"), Instant.parse("2027-03-17T17:30:00Z"));
    }

    @Test
    void aTimeInTheSpringGapIsRefusedNamingTheDateAndTheField() {
        // Sunday 2027-03-14, 02:30 does not exist in Toronto
        Recurrence sundays = Recurrence.weekly(DayOfWeek.SUNDAY, LocalTime.of(2, 30), Duration.ofMinutes(30),
                LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31), Set.of());
        assertThatThrownBy(() -> sundays.occurrences(TORONTO)).isInstanceOfSatisfying(ApiError.class, e -> {
            assertThat(e.status()).isEqualTo(422);
            assertThat(e.field()).isEqualTo("time");
            assertThat(e.getMessage()).contains("2027-03-14").contains("does not exist").contains("daylight saving");
        });
        // the same rule is fine once the gap's date is an exception
        Recurrence skipping = Recurrence.weekly(DayOfWeek.SUNDAY, LocalTime.of(2, 30), Duration.ofMinutes(30),
                LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 31), Set.of(LocalDate.of(2027, 3, 14)));
        assertThat(skipping.occurrences(TORONTO)).hasSize(3);
    }

    @Test
    void aTimeThatHappensTwiceInTheAutumnIsTheFirstOfTheTwo() {
        Instant start = Recurrence.at(TORONTO, LocalDate.of(2026, 11, 1), LocalTime.of(1, 30), "time");
        assertThat(start).isEqualTo(Instant.parse("2026-11-01T05:30:00Z")); // 01:30 EDT, not 01:30 EST
    }

    @Test
    void anExplicitListOfDatesIsSortedDeduplicatedAndLessItsExceptions() {
        List<Recurrence.Occurrence> o = Recurrence.onDates(List.of(LocalDate.of(2027, 2, 3), LocalDate.of(2027, 1, 27), LocalDate.of(2027, 2, 3),
                LocalDate.of(2027, 2, 10)), LocalTime.of(13, 30), Duration.ofMinutes(60), Set.of(LocalDate.of(2027, 2, 10))).occurrences(TORONTO);
        assertThat(o).extracting(Recurrence.Occurrence::date).containsExactly(LocalDate.of(2027, 1, 27), LocalDate.of(2027, 2, 3));
    }

    @Test
    void badRulesAreRefusedNamingTheirField() {
        assertThatThrownBy(() -> Recurrence.weekly(DayOfWeek.FRIDAY, LocalTime.NOON, Duration.ofHours(1), LocalDate.of(2027, 2, 1), LocalDate.of(2027, 1, 1), Set.of()))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("until"));
        assertThatThrownBy(() -> Recurrence.weekly(null, LocalTime.NOON, Duration.ofHours(1), LocalDate.of(2027, 1, 1), LocalDate.of(2027, 2, 1), Set.of()))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("weekday"));
        assertThatThrownBy(() -> Recurrence.onDates(List.of(), LocalTime.NOON, Duration.ofHours(1), Set.of()))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("dates"));
        assertThatThrownBy(() -> Recurrence.onDates(List.of(LocalDate.of(2027, 1, 1)), LocalTime.NOON, Duration.ofHours(13), Set.of()))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("minutes"));
        Recurrence forever = Recurrence.weekly(DayOfWeek.MONDAY, LocalTime.NOON, Duration.ofHours(1), LocalDate.of(2027, 1, 1), LocalDate.of(2040, 1, 1), Set.of());
        assertThatThrownBy(() -> forever.occurrences(TORONTO)).isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.field()).isEqualTo("until"));
    }
}
