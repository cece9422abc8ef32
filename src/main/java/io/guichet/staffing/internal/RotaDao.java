package io.guichet.staffing.internal;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** SQL of the rota (half-hour slots), of the staff's skills and of the skills each service's conversations need. */
public final class RotaDao {
    private final Handle h;

    public RotaDao(Handle h) {
        this.h = h;
    }

    /** Who works in each slot of [from, to), by slot start. */
    public Map<Instant, List<Long>> slots(long serviceId, Instant from, Instant to) {
        Map<Instant, List<Long>> slots = new TreeMap<>();
        h.createQuery("""
                        SELECT slot_start, staff_id FROM staffing_shifts
                        WHERE service_id = :s AND slot_start >= :from AND slot_start < :to ORDER BY slot_start, staff_id""")
                .bind("s", serviceId).bind("from", utc(from)).bind("to", utc(to))
                .map((rs, ctx) -> slots.computeIfAbsent(rs.getObject("slot_start", OffsetDateTime.class).toInstant(),
                        k -> new java.util.ArrayList<>()).add(rs.getLong("staff_id")))
                .list();
        return slots;
    }

    /** One staff member's slots in [from, to), of every service: service id by slot start. */
    public List<Map.Entry<Instant, Long>> slotsOf(long staffId, Instant from, Instant to) {
        return h.createQuery("""
                        SELECT slot_start, service_id FROM staffing_shifts
                        WHERE staff_id = :st AND slot_start >= :from AND slot_start < :to ORDER BY slot_start, service_id""")
                .bind("st", staffId).bind("from", utc(from)).bind("to", utc(to))
                .map((rs, ctx) -> Map.entry(rs.getObject("slot_start", OffsetDateTime.class).toInstant(), rs.getLong("service_id")))
                .list();
    }

    public void replaceSlot(long serviceId, Instant start, Collection<Long> staffIds) {
        h.createUpdate("DELETE FROM staffing_shifts WHERE service_id = :s AND slot_start = :t").bind("s", serviceId).bind("t", utc(start)).execute();
        insert(serviceId, start, staffIds);
    }

    public void clear(long serviceId, Instant from, Instant to) {
        h.createUpdate("DELETE FROM staffing_shifts WHERE service_id = :s AND slot_start >= :from AND slot_start < :to")
                .bind("s", serviceId).bind("from", utc(from)).bind("to", utc(to)).execute();
    }

    public void insert(long serviceId, Instant start, Collection<Long> staffIds) {
        var batch = h.prepareBatch("INSERT INTO staffing_shifts (service_id, slot_start, staff_id) VALUES (:s, :t, :st) ON CONFLICT DO NOTHING");
        for (long id : staffIds) batch.bind("s", serviceId).bind("t", utc(start)).bind("st", id).add();
        if (!staffIds.isEmpty()) batch.execute();
    }

    public Set<String> skills(long staffId) {
        return new TreeSet<>(h.createQuery("SELECT skill FROM staffing_skills WHERE staff_id = :st").bind("st", staffId).mapTo(String.class).list());
    }

    public Map<Long, Set<String>> skills(Collection<Long> staffIds) {
        Map<Long, Set<String>> skills = new TreeMap<>();
        if (staffIds.isEmpty()) return skills;
        h.createQuery("SELECT staff_id, skill FROM staffing_skills WHERE staff_id = ANY(:ids) ORDER BY skill")
                .bindArray("ids", Long.class, staffIds)
                .map((rs, ctx) -> skills.computeIfAbsent(rs.getLong("staff_id"), k -> new TreeSet<>()).add(rs.getString("skill"))).list();
        return skills;
    }

    public void replaceSkills(long staffId, Set<String> skills) {
        h.createUpdate("DELETE FROM staffing_skills WHERE staff_id = :st").bind("st", staffId).execute();
        for (String s : skills) h.createUpdate("INSERT INTO staffing_skills (staff_id, skill) VALUES (:st, :k)").bind("st", staffId).bind("k", s).execute();
    }

    public Set<String> serviceSkills(long serviceId) {
        return new TreeSet<>(h.createQuery("SELECT skill FROM staffing_service_skills WHERE service_id = :s").bind("s", serviceId).mapTo(String.class).list());
    }

    public void replaceServiceSkills(long serviceId, Set<String> skills) {
        h.createUpdate("DELETE FROM staffing_service_skills WHERE service_id = :s").bind("s", serviceId).execute();
        for (String k : skills) h.createUpdate("INSERT INTO staffing_service_skills (service_id, skill) VALUES (:s, :k)").bind("s", serviceId).bind("k", k).execute();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}
