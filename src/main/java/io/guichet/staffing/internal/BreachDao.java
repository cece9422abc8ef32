package io.guichet.staffing.internal;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL of the first-response breaches: each claimed once, counted per service. */
public final class BreachDao {
    private final Handle h;

    public BreachDao(Handle h) {
        this.h = h;
    }

    public record Breach(long conversationId, long serviceId, int targetSeconds) {
    }

    /** Claims the breaches not claimed yet (by this node or another) and returns those this call claimed. */
    public List<Breach> claim(Collection<Breach> breaches, Instant at) {
        if (breaches.isEmpty()) return List.of();
        return h.createQuery("""
                        INSERT INTO staffing_breaches (conversation_id, service_id, target_seconds, breached_at)
                        SELECT c, s, t, :at FROM unnest(:c, :s, :t) AS v(c, s, t)
                        ON CONFLICT DO NOTHING RETURNING conversation_id, service_id, target_seconds""")
                .bindArray("c", Long.class, breaches.stream().map(Breach::conversationId).toList())
                .bindArray("s", Long.class, breaches.stream().map(Breach::serviceId).toList())
                .bindArray("t", Integer.class, breaches.stream().map(Breach::targetSeconds).toList())
                .bind("at", at.atOffset(ZoneOffset.UTC))
                .map((rs, ctx) -> new Breach(rs.getLong(1), rs.getLong(2), rs.getInt(3))).list();
    }

    /** How many conversations of each service passed their target since {@code since}. */
    public Map<Long, Integer> countSince(Instant since) {
        Map<Long, Integer> counts = new HashMap<>();
        h.createQuery("SELECT service_id, count(*) FROM staffing_breaches WHERE breached_at >= :since GROUP BY service_id")
                .bind("since", since.atOffset(ZoneOffset.UTC))
                .map((rs, ctx) -> counts.put(rs.getLong(1), rs.getInt(2))).list();
        return counts;
    }
}
