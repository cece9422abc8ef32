package io.guichet.staffing;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forecast from a synthetic history in Toronto: Monday 8:00 drew 10, 12, 14, 16 then 18 arrivals over five weeks,
 * the last of them in summer time (Monday 8:00 is then 12:00 UTC, not 13:00). "Now" is Wednesday 17 March 2027, noon.
 */
class ForecastTest {
    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    static final Instant NOW = at(2027, 3, 17, 12, 0);

    static Instant at(int y, int m, int d, int h, int min) {
        return LocalDate.of(y, m, d).atTime(LocalTime.of(h, min)).atZone(TORONTO).toInstant();
    }

    static Map<Instant, Integer> history() {
        Map<Instant, Integer> h = new HashMap<>();
        int n = 10;
        for (LocalDate monday = LocalDate.of(2027, 2, 15); monday.isBefore(LocalDate.of(2027, 3, 16)); monday = monday.plusWeeks(1), n += 2) {
            h.put(monday.atTime(8, 0).atZone(TORONTO).toInstant(), n);
            h.put(monday.atTime(8, 30).atZone(TORONTO).toInstant(), 1);
        }
        h.put(at(2027, 3, 10, 14, 0), 7); // last Wednesday afternoon
        return h;
    }

    @Test
    void eachSlotIsTheMeanOfTheSameWallClockSlotOverTheLastFourWeeksPast() {
        Instant nextMonday = at(2027, 3, 22, 8, 0), inTwoWeeks = at(2027, 3, 29, 8, 0), thisAfternoon = at(2027, 3, 17, 14, 0),
                quiet = at(2027, 3, 22, 9, 0), half = at(2027, 3, 22, 8, 30);
        Map<Instant, Double> f = Forecast.of(history(), List.of(nextMonday, inTwoWeeks, thisAfternoon, quiet, half), 4, TORONTO, NOW);
        assertThat(f.get(nextMonday)).as("18, 16, 14, 12: the summer-time Monday counts at its wall clock").isEqualTo(15.0);
        assertThat(f.get(inTwoWeeks)).as("a week not yet lived is skipped, not counted as zero").isEqualTo(15.0);
        assertThat(f.get(thisAfternoon)).as("7 last week, nothing the three before").isEqualTo(7 / 4.0);
        assertThat(f.get(quiet)).isZero();
        assertThat(f.get(half)).isEqualTo(1.0);
        assertThat(Forecast.of(history(), List.of(nextMonday), 2, TORONTO, NOW).get(nextMonday)).isEqualTo(17.0);
    }

    @Test
    void theHistoryReadCoversEveryWeekTheForecastLooksAt() {
        Instant from = Forecast.historyFrom(at(2027, 3, 22, 0, 0), NOW, 4);
        assertThat(from).isBefore(at(2027, 2, 17, 8, 0));
        assertThat(Forecast.historyFrom(at(2027, 3, 1, 0, 0), NOW, 4)).isBefore(at(2027, 2, 1, 0, 0));
    }
}
