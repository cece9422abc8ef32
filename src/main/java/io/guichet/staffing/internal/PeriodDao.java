package io.guichet.staffing.internal;

import io.guichet.services.OpeningHours;
import io.guichet.services.OpeningPeriod;
import org.jdbi.v3.core.Handle;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of the opening periods. */
public final class PeriodDao {
    private final Handle h;

    public PeriodDao(Handle h) {
        this.h = h;
    }

    /** Serialises the writes of one service's periods, so that two overlapping ones are never both stored. */
    public void lockService(long serviceId) {
        h.createQuery("SELECT pg_advisory_xact_lock(hashtext('staffing_periods'), CAST(:s AS int))::text").bind("s", serviceId).mapTo(String.class).one();
    }

    public Optional<OpeningPeriod> overlapping(long serviceId, LocalDate first, LocalDate last, long exceptId) {
        return periods("WHERE service_id = :s AND first_day <= :last AND last_day >= :first AND id <> :except", Map.of(
                "s", serviceId, "first", first, "last", last, "except", exceptId)).stream().findFirst();
    }

    public long insert(OpeningPeriod p, long actor) {
        long id = h.createUpdate("""
                        INSERT INTO staffing_periods (service_id, label_fr, label_en, first_day, last_day, closed, created_by)
                        VALUES (:s, :fr, :en, :first, :last, :closed, :by)""")
                .bind("s", p.serviceId()).bind("fr", p.labelFr()).bind("en", p.labelEn()).bind("first", p.firstDay())
                .bind("last", p.lastDay()).bind("closed", p.closed()).bind("by", actor)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        insertHours(id, p.hours());
        return id;
    }

    public void update(long id, OpeningPeriod p) {
        h.createUpdate("""
                        UPDATE staffing_periods SET service_id = :s, label_fr = :fr, label_en = :en, first_day = :first,
                               last_day = :last, closed = :closed WHERE id = :id""")
                .bind("id", id).bind("s", p.serviceId()).bind("fr", p.labelFr()).bind("en", p.labelEn())
                .bind("first", p.firstDay()).bind("last", p.lastDay()).bind("closed", p.closed()).execute();
        h.createUpdate("DELETE FROM staffing_period_hours WHERE period_id = :id").bind("id", id).execute();
        insertHours(id, p.hours());
    }

    public boolean delete(long id) {
        return h.createUpdate("DELETE FROM staffing_periods WHERE id = :id").bind("id", id).execute() > 0;
    }

    private void insertHours(long periodId, List<OpeningHours> hours) {
        for (OpeningHours o : hours) {
            h.createUpdate("INSERT INTO staffing_period_hours (period_id, weekday, opens, closes) VALUES (:p, :d, :o, :c)")
                    .bind("p", periodId).bind("d", o.weekday()).bind("o", o.opens()).bind("c", o.closes()).execute();
        }
    }

    public Optional<OpeningPeriod> find(long id) {
        return periods("WHERE id = :id", Map.of("id", id)).stream().findFirst();
    }

    /** Every period ending yesterday or later: today's is among them whatever the time zone. */
    public List<OpeningPeriod> current() {
        return periods("WHERE last_day >= CURRENT_DATE - 1", Map.of());
    }

    private List<OpeningPeriod> periods(String where, Map<String, Object> args) {
        Map<Long, List<OpeningHours>> hours = new HashMap<>();
        var q = h.createQuery("""
                SELECT p.id, p.service_id, p.label_fr, p.label_en, p.first_day, p.last_day, p.closed, h.weekday, h.opens, h.closes
                FROM (SELECT * FROM staffing_periods %s) p LEFT JOIN staffing_period_hours h ON h.period_id = p.id
                ORDER BY p.service_id, p.first_day, h.weekday, h.opens""".formatted(where));
        args.forEach(q::bind);
        Map<Long, OpeningPeriod> byId = new java.util.LinkedHashMap<>();
        q.map((rs, ctx) -> {
            long id = rs.getLong("id");
            byId.computeIfAbsent(id, k -> {
                try {
                    return new OpeningPeriod(id, rs.getLong("service_id"), rs.getString("label_fr"), rs.getString("label_en"),
                            rs.getObject("first_day", LocalDate.class), rs.getObject("last_day", LocalDate.class), rs.getBoolean("closed"),
                            hours.computeIfAbsent(id, x -> new ArrayList<>()));
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
            });
            if (rs.getObject("weekday") != null) {
                hours.get(id).add(new OpeningHours(rs.getInt("weekday"), rs.getTime("opens").toLocalTime(), rs.getTime("closes").toLocalTime()));
            }
            return id;
        }).list();
        return byId.values().stream().map(p -> new OpeningPeriod(p.id(), p.serviceId(), p.labelFr(), p.labelEn(), p.firstDay(),
                p.lastDay(), p.closed(), List.copyOf(p.hours()))).toList();
    }
}
