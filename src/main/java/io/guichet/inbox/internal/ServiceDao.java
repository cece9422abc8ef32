package io.guichet.inbox.internal;

import io.guichet.inbox.AgentSettings;
import io.guichet.inbox.OpeningHours;
import io.guichet.inbox.ServiceQueue;
import org.jdbi.v3.core.Handle;

import java.sql.Array;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** SQL of services, their hours and members, and agents' routing state. */
public final class ServiceDao {
    private final Handle h;

    public ServiceDao(Handle h) {
        this.h = h;
    }

    public long insert(String slug, String nameFr, String nameEn, List<String> languages) {
        return h.createUpdate("INSERT INTO services (slug, name_fr, name_en, languages) VALUES (:s, :fr, :en, :langs)")
                .bind("s", slug).bind("fr", nameFr).bind("en", nameEn)
                .bindArray("langs", String.class, languages)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public void update(long id, String nameFr, String nameEn, List<String> languages, boolean active) {
        h.createUpdate("UPDATE services SET name_fr = :fr, name_en = :en, languages = :langs, active = :a WHERE id = :id")
                .bind("id", id).bind("fr", nameFr).bind("en", nameEn).bindArray("langs", String.class, languages)
                .bind("a", active).execute();
    }

    public boolean slugTaken(String slug) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM services WHERE slug = :s)").bind("s", slug).mapTo(Boolean.class).one();
    }

    public List<ServiceQueue> all() {
        Map<Long, List<OpeningHours>> hours = new HashMap<>();
        h.createQuery("SELECT service_id, weekday, opens, closes FROM service_hours ORDER BY weekday, opens")
                .map((rs, ctx) -> {
                    hours.computeIfAbsent(rs.getLong("service_id"), k -> new ArrayList<>()).add(new OpeningHours(
                            rs.getInt("weekday"), rs.getTime("opens").toLocalTime(), rs.getTime("closes").toLocalTime()));
                    return null;
                }).list();
        return h.createQuery("SELECT id, slug, name_fr, name_en, languages, active FROM services ORDER BY name_fr")
                .map((rs, ctx) -> new ServiceQueue(rs.getLong("id"), rs.getString("slug"), rs.getString("name_fr"),
                        rs.getString("name_en"), strings(rs.getArray("languages")), rs.getBoolean("active"),
                        hours.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    public void replaceHours(long serviceId, List<OpeningHours> hours) {
        h.createUpdate("DELETE FROM service_hours WHERE service_id = :s").bind("s", serviceId).execute();
        for (OpeningHours o : hours) {
            h.createUpdate("INSERT INTO service_hours (service_id, weekday, opens, closes) VALUES (:s, :d, :o, :c)")
                    .bind("s", serviceId).bind("d", o.weekday()).bind("o", o.opens()).bind("c", o.closes()).execute();
        }
    }

    public void setMembership(long staffId, List<Long> serviceIds, int maxConcurrent) {
        h.createUpdate("DELETE FROM service_members WHERE staff_id = :st").bind("st", staffId).execute();
        for (long serviceId : serviceIds) {
            h.createUpdate("INSERT INTO service_members (service_id, staff_id) VALUES (:s, :st)")
                    .bind("s", serviceId).bind("st", staffId).execute();
        }
        h.createUpdate("""
                        INSERT INTO agent_presence (staff_id, max_concurrent) VALUES (:st, :m)
                        ON CONFLICT (staff_id) DO UPDATE SET max_concurrent = excluded.max_concurrent""")
                .bind("st", staffId).bind("m", maxConcurrent).execute();
    }

    public List<Long> servicesOf(long staffId) {
        return h.createQuery("SELECT service_id FROM service_members WHERE staff_id = :st ORDER BY service_id")
                .bind("st", staffId).mapTo(Long.class).list();
    }

    public Optional<AgentSettings> agent(long staffId) {
        List<Long> services = servicesOf(staffId);
        return h.createQuery("""
                        SELECT max_concurrent, wants_available, online_until > now() AS online, open_count
                        FROM agent_presence WHERE staff_id = :st""")
                .bind("st", staffId)
                .map((rs, ctx) -> new AgentSettings(staffId, services, rs.getInt("max_concurrent"),
                        rs.getBoolean("wants_available"), rs.getBoolean("online"), rs.getInt("open_count")))
                .findOne();
    }

    public void setWantsAvailable(long staffId, boolean available) {
        h.createUpdate("UPDATE agent_presence SET wants_available = :a WHERE staff_id = :st")
                .bind("st", staffId).bind("a", available).execute();
    }

    /** Extends the presence lease of agents connected to this node. */
    public void markOnline(List<Long> staffIds, int seconds) {
        if (staffIds.isEmpty()) return;
        h.createUpdate("UPDATE agent_presence SET online_until = now() + make_interval(secs => :s) WHERE staff_id = ANY(:ids)")
                .bind("s", seconds).bindArray("ids", Long.class, staffIds).execute();
    }
}
