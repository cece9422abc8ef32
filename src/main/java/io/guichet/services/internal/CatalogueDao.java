package io.guichet.services.internal;

import io.guichet.services.Closure;
import io.guichet.services.OpeningHours;
import io.guichet.services.ServiceQueue;
import org.jdbi.v3.core.Handle;

import java.sql.Array;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL of the institution's services, their weekly hours and their closures. */
public final class CatalogueDao {
    private final Handle h;

    public CatalogueDao(Handle h) {
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
        Map<Long, List<Closure>> closures = new HashMap<>();
        // From yesterday on: whatever the time zone, today's closure is among them, and past years' are not carried.
        h.createQuery("SELECT service_id, day, label FROM service_closures WHERE day >= CURRENT_DATE - 1 ORDER BY day")
                .map((rs, ctx) -> closures.computeIfAbsent(rs.getLong("service_id"), k -> new ArrayList<>())
                        .add(new Closure(rs.getObject("day", LocalDate.class), rs.getString("label"))))
                .list();
        return h.createQuery("SELECT id, slug, name_fr, name_en, languages, active FROM services ORDER BY id")
                .map((rs, ctx) -> new ServiceQueue(rs.getLong("id"), rs.getString("slug"), rs.getString("name_fr"),
                        rs.getString("name_en"), strings(rs.getArray("languages")), rs.getBoolean("active"),
                        hours.getOrDefault(rs.getLong("id"), List.of()), closures.getOrDefault(rs.getLong("id"), List.of())))
                .list();
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.asList((String[]) array.getArray());
    }

    /** Adds the closure, or renames it when the day was already closed. */
    public void putClosure(long serviceId, LocalDate day, String label) {
        h.createUpdate("""
                INSERT INTO service_closures (service_id, day, label) VALUES (:s, :d, :l)
                ON CONFLICT (service_id, day) DO UPDATE SET label = excluded.label""")
                .bind("s", serviceId).bind("d", day).bind("l", label).execute();
    }

    public void deleteClosure(long serviceId, LocalDate day) {
        h.createUpdate("DELETE FROM service_closures WHERE service_id = :s AND day = :d").bind("s", serviceId).bind("d", day).execute();
    }

    public void replaceHours(long serviceId, List<OpeningHours> hours) {
        h.createUpdate("DELETE FROM service_hours WHERE service_id = :s").bind("s", serviceId).execute();
        for (OpeningHours o : hours) {
            h.createUpdate("INSERT INTO service_hours (service_id, weekday, opens, closes) VALUES (:s, :d, :o, :c)")
                    .bind("s", serviceId).bind("d", o.weekday()).bind("o", o.opens()).bind("c", o.closes()).execute();
        }
    }
}
