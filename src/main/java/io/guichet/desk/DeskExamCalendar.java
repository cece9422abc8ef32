package io.guichet.desk;

import io.guichet.platform.web.ApiError;
import io.guichet.services.ServiceCatalogue;
import io.guichet.staffing.ExamCalendar;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalDouble;

/** The desk's sittings as staffing's {@link ExamCalendar}: remote sittings only, for the hotline's service only. */
public final class DeskExamCalendar implements ExamCalendar {
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

    public DeskExamCalendar(Jdbi jdbi, ServiceCatalogue services, DeskSettings settings) {
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
    public OptionalDouble findContactsPerStudentSlot(long serviceId, Instant from, Instant to) {
        if (!isHotline(serviceId)) return OptionalDouble.empty();
        return jdbi.withHandle(h -> {
            // sittings held entirely within [from, to): their incidents over the half hours their students sat
            String held = "s.mode = 'remote' AND s.starts_at >= :from AND s.starts_at + make_interval(mins => s.duration_minutes) <= :to";
            long incidents = h.createQuery("SELECT count(*) FROM desk_incidents i JOIN desk_sittings s ON s.id = i.sitting_id WHERE " + held)
                    .bind("from", utc(from)).bind("to", utc(to)).mapTo(Long.class).one();
            long studentSlots = h.createQuery("""
                            SELECT coalesce(sum(ceil(s.duration_minutes / 30.0) * (SELECT count(*) FROM desk_sitting_students st WHERE st.sitting_id = s.id)), 0)
                            FROM desk_sittings s WHERE\s""" + held)
                    .bind("from", utc(from)).bind("to", utc(to)).mapTo(Long.class).one();
            return incidents == 0 || studentSlots == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) incidents / studentSlots);
        });
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}
