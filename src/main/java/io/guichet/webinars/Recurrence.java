package io.guichet.webinars;

import io.guichet.platform.web.ApiError;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * When a series meets, as the institution says it: weekly on a weekday at a wall-clock time from one date to
 * another, or on an explicit list of dates at that time, less its exceptions (holidays, a week off). Times are
 * wall-clock times in the institution's zone, so "Friday 14:00" stays 14:00 across a daylight-saving change while
 * the instant moves by an hour. A time that does not exist on some date (in the spring gap) is refused, naming that
 * date; a time that exists twice (the autumn overlap) is the first of the two, as {@link ZonedDateTime#of} reads it.
 */
public record Recurrence(Kind kind, DayOfWeek weekday, LocalTime time, Duration length, LocalDate from, LocalDate until,
                         List<LocalDate> dates, Set<LocalDate> exceptions) {
    /** At most this many occurrences in one series: about two years of weekly meetings. */
    public static final int MAX_OCCURRENCES = 120;

    public enum Kind {WEEKLY, DATES}

    /** One meeting of the series: its local date and the instants it starts and ends. */
    public record Occurrence(LocalDate date, Instant startsAt, Instant endsAt) {
    }

    public Recurrence {
        Objects.requireNonNull(kind, "kind");
        if (time == null) throw ApiError.invalid("time", "time is required");
        if (length == null || length.isNegative() || length.isZero() || length.toHours() > 12)
            throw ApiError.invalid("minutes", "A session lasts from 1 minute to 12 hours");
        exceptions = exceptions == null ? Set.of() : Set.copyOf(exceptions);
        if (kind == Kind.WEEKLY) {
            if (weekday == null) throw ApiError.invalid("weekday", "weekday is required for a weekly series");
            if (from == null) throw ApiError.invalid("from", "from is required for a weekly series");
            if (until == null) throw ApiError.invalid("until", "until is required for a weekly series");
            if (until.isBefore(from)) throw ApiError.invalid("until", "until is before from");
            dates = List.of();
        } else {
            if (dates == null || dates.isEmpty()) throw ApiError.invalid("dates", "dates lists at least one date");
            dates = List.copyOf(new TreeSet<>(dates));
        }
    }

    public static Recurrence weekly(DayOfWeek weekday, LocalTime time, Duration length, LocalDate from, LocalDate until, Set<LocalDate> exceptions) {
        return new Recurrence(Kind.WEEKLY, weekday, time, length, from, until, null, exceptions);
    }

    public static Recurrence onDates(List<LocalDate> dates, LocalTime time, Duration length, Set<LocalDate> exceptions) {
        return new Recurrence(Kind.DATES, null, time, length, null, null, dates, exceptions);
    }

    /** The meetings in date order, in {@code zone}; {@code 422} naming {@code time} when one falls in a daylight-saving gap. */
    public List<Occurrence> occurrences(ZoneId zone) {
        List<Occurrence> out = new ArrayList<>();
        for (LocalDate date : localDates()) {
            if (exceptions.contains(date)) continue;
            if (out.size() == MAX_OCCURRENCES) throw ApiError.invalid("until", "A series holds at most " + MAX_OCCURRENCES + " sessions");
            Instant start = at(zone, date, time, "time");
            out.add(new Occurrence(date, start, start.plus(length)));
        }
        return out;
    }

    private List<LocalDate> localDates() {
        if (kind == Kind.DATES) return dates;
        List<LocalDate> all = new ArrayList<>();
        for (LocalDate d = from.with(TemporalAdjusters.nextOrSame(weekday)); !d.isAfter(until); d = d.plusWeeks(1)) {
            all.add(d);
            if (all.size() > MAX_OCCURRENCES + exceptions.size()) break;
        }
        return all;
    }

    /**
     * The instant of a wall-clock time in the zone; {@code 422} naming {@code field} when the clocks skip it (the
     * spring change: 2:30 does not exist on that night in Toronto). Shared with single sessions and fairs' slots.
     */
    public static Instant at(ZoneId zone, LocalDate date, LocalTime time, String field) {
        LocalDateTime local = LocalDateTime.of(date, time);
        if (zone.getRules().getValidOffsets(local).isEmpty()) {
            // its own code, so a form says it in its reader's words, next to the field
            throw new ApiError(422, "dst_gap", "The time " + time + " does not exist on " + date + " in " + zone.getId()
                    + ": the clocks skip it (daylight saving time); choose another time", field);
        }
        return ZonedDateTime.of(local, zone).toInstant();
    }
}
