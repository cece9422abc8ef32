package io.guichet.staffing;

import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Arrivals forecast per half-hour slot: the mean of the same weekday and wall-clock slot over the last {@code weeks}
 * weeks already past at {@code now} (a slot next week reads the last complete weeks). A week shifted by summer time keeps
 * its wall clock, as people's habits do.
 */
public final class Forecast {
    private Forecast() {
    }

    public static Map<Instant, Double> of(Map<Instant, Integer> history, List<Instant> slots, int weeks, ZoneId zone, Instant now) {
        return of(slot -> history.getOrDefault(slot, 0), slots, weeks, zone, now);
    }

    /**
     * The same with the exam calendar: {@code perStudent} contacts per student sitting per half hour. The students who sat
     * in the past slots are taken out of their history first (their contacts would otherwise count twice), then those
     * sitting in each slot to come are added.
     */
    public static Map<Instant, Double> withExams(Map<Instant, Integer> history, Map<Instant, Integer> satBefore, Map<Instant, Integer> sitting,
                                                 double perStudent, List<Instant> slots, int weeks, ZoneId zone, Instant now) {
        Map<Instant, Double> forecast = of(slot -> Math.max(0, history.getOrDefault(slot, 0) - perStudent * satBefore.getOrDefault(slot, 0)),
                slots, weeks, zone, now);
        forecast.replaceAll((slot, usual) -> usual + perStudent * sitting.getOrDefault(slot, 0));
        return forecast;
    }

    private static Map<Instant, Double> of(ToDoubleFunction<Instant> arrivals, List<Instant> slots, int weeks, ZoneId zone, Instant now) {
        if (weeks < 1) throw new IllegalArgumentException("at least one week of history");
        Map<Instant, Double> forecast = new LinkedHashMap<>();
        for (Instant slot : slots) {
            var wall = slot.atZone(zone).toLocalDateTime();
            int back = 1;
            while (wall.minusWeeks(back).atZone(zone).toInstant().isAfter(now.minusSeconds(1800))) back++; // that slot has not ended yet
            double sum = 0;
            for (int w = back; w < back + weeks; w++) sum += arrivals.applyAsDouble(wall.minusWeeks(w).atZone(zone).toInstant());
            forecast.put(slot, sum / weeks);
        }
        return forecast;
    }

    /** The first instant of history {@link #of} may read for slots from {@code first}. */
    public static Instant historyFrom(Instant first, Instant now, int weeks) {
        Instant earliest = first.isBefore(now) ? first : now;
        return earliest.minus(java.time.Duration.ofDays(7L * (weeks + 1) + 1));
    }
}
