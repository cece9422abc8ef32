package io.guichet.staffing.web;

import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.Times;
import io.guichet.services.OpeningHours;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A week of a service as a grid of half-hour slots: a column per day, a row per wall-clock half hour the service opens
 * on some day of the week (its hours or the period in force); a cell is the slot's instant, or null when closed then.
 * The rota and the advice draw the same grid.
 */
public record WeekGrid(List<Day> days, List<LocalTime> rows, List<List<Instant>> cells) {
    public record Day(LocalDate date, String label, String longLabel) {
    }

    public static WeekGrid of(ServiceCatalogue services, ServiceQueue service, LocalDate monday, ZoneId zone, Localizer t) {
        List<Day> days = new ArrayList<>();
        List<List<OpeningHours>> open = new ArrayList<>();
        SortedSet<LocalTime> rows = new TreeSet<>();
        DateTimeFormatter shortDay = DateTimeFormatter.ofPattern("fr".equals(t.lang()) ? "EEE d MMM" : "EEE, MMM d", t.locale());
        DateTimeFormatter longDay = DateTimeFormatter.ofPattern("fr".equals(t.lang()) ? "EEEE d MMMM" : "EEEE, MMMM d", t.locale());
        for (int i = 0; i < 7; i++) {
            LocalDate d = monday.plusDays(i);
            days.add(new Day(d, d.format(shortDay), d.format(longDay)));
            ServiceCatalogue.Day hours = services.hoursOn(service, d);
            List<OpeningHours> h = hours.alwaysOpen() ? List.of(new OpeningHours(d.getDayOfWeek().getValue(), LocalTime.MIN, LocalTime.MAX)) : hours.hours();
            open.add(h);
            for (OpeningHours o : h) for (LocalTime s : slots(o)) rows.add(s);
        }
        List<List<Instant>> cells = new ArrayList<>();
        for (LocalTime row : rows) {
            List<Instant> line = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                LocalDate d = monday.plusDays(i);
                boolean isOpen = open.get(i).stream().anyMatch(o -> slots(o).contains(row));
                var local = d.atTime(row);
                // an hour that summer time skips has no slot
                boolean exists = zone.getRules().isValidOffset(local, zone.getRules().getOffset(local));
                line.add(isOpen && exists ? local.atZone(zone).toInstant() : null);
            }
            cells.add(line);
        }
        return new WeekGrid(days, List.copyOf(rows), cells);
    }

    private static List<LocalTime> slots(OpeningHours o) {
        List<LocalTime> slots = new ArrayList<>();
        for (LocalTime s = LocalTime.of(o.opens().getHour(), o.opens().getMinute() / 30 * 30); s.isBefore(o.closes()); s = s.plusMinutes(30)) {
            slots.add(s);
            if (s.plusMinutes(30).isBefore(s)) break; // past midnight
        }
        return slots;
    }

    public String time(LocalTime row, Localizer t) {
        return Times.clock(row, t);
    }
}
