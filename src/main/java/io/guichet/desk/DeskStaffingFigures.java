package io.guichet.desk;

import io.guichet.platform.web.ApiError;
import io.guichet.services.ServiceCatalogue;
import io.guichet.staffing.CallFigures;
import io.guichet.staffing.ExamCalendar;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The desk's figures staffing advice reads, for the hotline's service only: its remote sittings as the
 * {@link ExamCalendar}, its call events as the {@link CallFigures}.
 */
public final class DeskStaffingFigures implements ExamCalendar, CallFigures {
    /** A sitting's half-hour slots (aligned as staffing's are), each with the sitting's number of students. */
    private static final String SITTING_SLOTS = """
            SELECT generate_series(date_bin('30 minutes', s.starts_at, TIMESTAMPTZ 'epoch'),
                                   s.starts_at + make_interval(mins => s.duration_minutes) - INTERVAL '1 microsecond', INTERVAL '30 minutes') AS slot,
                   (SELECT count(*) FROM desk_sitting_students st WHERE st.sitting_id = s.id) AS students
            FROM desk_sittings s
            WHERE s.mode = 'remote' AND s.starts_at < :to AND s.starts_at + make_interval(mins => s.duration_minutes) > :from""";

    private final Jdbi jdbi;
    private final ServiceCatalogue services;
    private final DeskSettings settings;

    public DeskStaffingFigures(Jdbi jdbi, ServiceCatalogue services, DeskSettings settings) {
        this.jdbi = jdbi;
        this.services = services;
        this.settings = settings;
    }

    private boolean isHotline(long serviceId) {
        try {
            return services.findBySlug(settings.serviceSlug()).id() == serviceId;
        } catch (ApiError none) {
            return false;
        }
    }

    @Override
    public Map<Instant, Integer> findStudentsSitting(long serviceId, Instant from, Instant to) {
        if (!isHotline(serviceId)) return Map.of();
        Map<Instant, Integer> students = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT slot, sum(students) FROM (" + SITTING_SLOTS + ") x WHERE slot >= :from AND slot < :to GROUP BY slot")
                .bind("from", utc(from)).bind("to", utc(to))
                .map((rs, c) -> students.put(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getInt(2))).list());
        return students;
    }

    @Override
    public OptionalDouble findContactsPerStudentSlot(long serviceId, String channel, Instant from, Instant to) {
        if (!isHotline(serviceId)) return OptionalDouble.empty();
        return jdbi.withHandle(h -> {
            // sittings held entirely within [from, to): their incidents over the half hours their students sat
            String held = "s.mode = 'remote' AND s.starts_at >= :from AND s.starts_at + make_interval(mins => s.duration_minutes) <= :to";
            String origin = channel.equals("call") ? "i.call_id IS NOT NULL" : "i.call_id IS NULL";
            long incidents = h.createQuery("SELECT count(*) FROM desk_incidents i JOIN desk_sittings s ON s.id = i.sitting_id WHERE " + origin + " AND " + held)
                    .bind("from", utc(from)).bind("to", utc(to)).mapTo(Long.class).one();
            long studentSlots = h.createQuery("""
                            SELECT coalesce(sum(ceil(s.duration_minutes / 30.0) * (SELECT count(*) FROM desk_sitting_students st WHERE st.sitting_id = s.id)), 0)
                            FROM desk_sittings s WHERE\s""" + held)
                    .bind("from", utc(from)).bind("to", utc(to)).mapTo(Long.class).one();
            return incidents == 0 || studentSlots == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) incidents / studentSlots);
        });
    }

    @Override
    public Map<Instant, Integer> findCallsPerSlot(long serviceId, Instant from, Instant to) {
        if (!isHotline(serviceId)) return Map.of();
        Map<Instant, Integer> calls = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT date_bin('30 minutes', first, TIMESTAMPTZ 'epoch'), count(*) FROM (
                            SELECT call_id, min(at) AS first FROM desk_call_events WHERE event IN ('ringing', 'missed') AND at >= :from AND at < :to
                            GROUP BY call_id) c
                        GROUP BY 1""")
                .bind("from", utc(from)).bind("to", utc(to))
                .map((rs, c) -> calls.put(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getInt(2))).list());
        return calls;
    }

    @Override
    public OptionalDouble findAverageCallSeconds(long serviceId, Instant from, Instant to) {
        if (!isHotline(serviceId)) return OptionalDouble.empty();
        Double avg = jdbi.withHandle(h -> h.createQuery("""
                        SELECT avg(extract(epoch FROM e.at - a.at)) FROM desk_call_events a
                        JOIN desk_call_events e ON e.call_id = a.call_id AND e.event = 'ended'
                        WHERE a.event = 'answered' AND a.at >= :from AND a.at < :to AND e.at > a.at""")
                .bind("from", utc(from)).bind("to", utc(to)).mapTo(Double.class).one());
        return avg == null ? OptionalDouble.empty() : OptionalDouble.of(avg);
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
