package io.guichet.platform.web;

import io.guichet.platform.web.Messages.Localizer;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.FormatStyle;

/**
 * Every date and time a person reads or a client receives, in the institution's time zone
 * ({@code GUICHET_TIME_ZONE}): "9 h 05" / "9:05 a.m.", "1 mars 2026" / "Mar 1, 2026", ISO-8601 with
 * the zone's offset for JSON and {@code datetime} attributes, and the {@code datetime-local} values of
 * forms. Absent instants format as "".
 */
public record Times(ZoneId zone) {
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");
    private static final DateTimeFormatter SPREADSHEET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    /** For JSON: the instant with the zone's offset, or null. */
    public OffsetDateTime offset(Instant i) {
        return i == null ? null : i.atZone(zone).toOffsetDateTime();
    }

    /** For {@code datetime} attributes and scripts: ISO-8601 with the zone's offset. */
    public String iso(Instant i) {
        return i == null ? "" : offset(i).toString();
    }

    /**
     * For CSV cells: "2026-03-01 19:05:00", the zone's wall-clock time, which Excel, LibreOffice and Google
     * Sheets all read as a date and time (ISO's "T" and offset make them keep the text as is).
     */
    public String spreadsheet(Instant i) {
        return i == null ? "" : SPREADSHEET.format(i.atZone(zone));
    }

    /** "9 h 05" / "9:05 a.m." */
    public String clock(Instant i, Localizer t) {
        return i == null ? "" : clock(i.atZone(zone), t);
    }

    private static String clock(ZonedDateTime z, Localizer t) {
        return z.format(pattern(t, "H 'h' mm", "h:mm a"));
    }

    /** A wall-clock time (a service's opening): "8 h 30", "9 h" / "8:30 a.m.". */
    public static String clock(java.time.LocalTime time, Localizer t) {
        return time.format(time.getMinute() == 0 ? pattern(t, "H 'h'", "h a") : pattern(t, "H 'h' mm", "h:mm a"));
    }

    /** "1 mars 2026" / "Mar 1, 2026" */
    public String date(Instant i, Localizer t) {
        return i == null ? "" : date(i.atZone(zone).toLocalDate(), t);
    }

    public String date(LocalDate d, Localizer t) {
        return d.format(pattern(t, "d MMM yyyy", "MMM d, yyyy"));
    }

    /** "1 mars 2026" / "March 1, 2026": the month in full, for public pages. */
    public String longDate(Instant i, Localizer t) {
        return i == null ? "" : i.atZone(zone).format(pattern(t, "d MMMM yyyy", "MMMM d, yyyy"));
    }

    /** "dimanche 1 mars 2026" / "Sunday, March 1, 2026" */
    public String fullDate(Instant i, Localizer t) {
        return i == null ? "" : i.atZone(zone).format(DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(t.locale()));
    }

    /** "1 mars 2026 à 9 h 05" / "Mar 1, 2026 at 9:05 a.m." */
    public String dateTime(Instant i, Localizer t) {
        return i == null ? "" : date(i, t) + ("fr".equals(t.lang()) ? " à " : " at ") + clock(i, t);
    }

    /** A message's time: the clock today, else "1 mars, 9 h 05". */
    public String messageTime(Instant i, Localizer t) {
        if (i == null) return "";
        ZonedDateTime z = i.atZone(zone);
        if (z.toLocalDate().equals(LocalDate.now(zone))) return clock(z, t);
        return dayMonth(z, t) + ", " + clock(z, t);
    }

    /** How long ago, for lists: "à l’instant", "il y a 5 min", the clock today, "hier", then "1 mars". */
    public String relative(Instant i, Localizer t) {
        if (i == null) return "";
        Duration d = Duration.between(i, Instant.now());
        if (d.toMinutes() < 1) return t.t("time.now");
        if (d.toMinutes() < 60) return t.t("time.minutes", d.toMinutes());
        ZonedDateTime z = i.atZone(zone);
        LocalDate today = LocalDate.now(zone);
        if (z.toLocalDate().equals(today)) return clock(z, t);
        if (z.toLocalDate().equals(today.minusDays(1))) return t.t("time.yesterday");
        return dayMonth(z, t);
    }

    private static String dayMonth(ZonedDateTime z, Localizer t) {
        return z.format(pattern(t, "d MMM", "MMM d"));
    }

    /** The value of a {@code datetime-local} field: the zone's wall-clock time. */
    public String localInput(Instant i) {
        return i == null ? "" : LOCAL_INPUT.format(i.atZone(zone));
    }

    /** A {@code datetime-local} field read as the zone's wall-clock time; blank is null, anything else 422 naming the field. */
    public Instant parseLocalInput(String field, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date and time");
        }
    }

    private static DateTimeFormatter pattern(Localizer t, String fr, String en) {
        return DateTimeFormatter.ofPattern("fr".equals(t.lang()) ? fr : en, t.locale());
    }
}
