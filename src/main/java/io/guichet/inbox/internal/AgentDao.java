package io.guichet.inbox.internal;

import io.guichet.inbox.AgentSettings;
import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** SQL of agents: the services they work in, their capacity and presence. */
public final class AgentDao {
    private final Handle h;

    public AgentDao(Handle h) {
        this.h = h;
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

    /** No longer online: routing skips them until a socket of theirs opens again. */
    public void markOffline(long staffId) {
        h.createUpdate("UPDATE agent_presence SET online_until = now() WHERE staff_id = :st").bind("st", staffId).execute();
    }

    /** Extends the presence lease of agents connected to this node. */
    public void markOnline(List<Long> staffIds, int seconds) {
        if (staffIds.isEmpty()) return;
        h.createUpdate("UPDATE agent_presence SET online_until = now() + make_interval(secs => :s) WHERE staff_id = ANY(:ids)")
                .bind("s", seconds).bindArray("ids", Long.class, staffIds).execute();
    }

    /** Services with at least one member online and available (capacity aside: a full agent still answers soon). */
    public List<Long> servicesAnsweringNow() {
        return h.createQuery("""
                        SELECT DISTINCT m.service_id FROM service_members m JOIN agent_presence p ON p.staff_id = m.staff_id
                        WHERE p.wants_available AND p.online_until > now()""").mapTo(Long.class).list();
    }

    /** How many of the service's agents are online and available now. */
    public int availableAgents(long serviceId) {
        return h.createQuery("""
                        SELECT count(*) FROM service_members m JOIN agent_presence p ON p.staff_id = m.staff_id
                        WHERE m.service_id = :s AND p.wants_available AND p.online_until > now()""")
                .bind("s", serviceId).mapTo(Integer.class).one();
    }

    /** How many staff members each service has (services without any are absent). */
    public java.util.Map<Long, Integer> membersPerService() {
        java.util.Map<Long, Integer> counts = new java.util.HashMap<>();
        h.createQuery("SELECT service_id, count(*) AS n FROM service_members GROUP BY service_id")
                .map((rs, ctx) -> counts.put(rs.getLong("service_id"), rs.getInt("n"))).list();
        return counts;
    }
}
