package io.guichet.inbox;

import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What the services' queues did and do, as counts with no personal data: arrivals per half-hour slot, the average
 * handling time, and the queue now (waiting, answered in time today, agents). Staffing forecasts from them and shows
 * them on the wallboard; the caller checks the reader's rights (a lead's, or the wallboard's signed link).
 */
public final class QueueFigures {
    /** Longer than this from assignment to resolution is a conversation left open, not handling time. */
    static final long MAX_HANDLING_SECONDS = 4 * 3600;

    private final Jdbi jdbi;

    public QueueFigures(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Conversations started in [from, to), by the start of their half-hour slot (slots with none are absent). */
    public Map<Instant, Integer> findArrivalsPerSlot(long serviceId, Instant from, Instant to) {
        Map<Instant, Integer> counts = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT to_timestamp(floor(extract(epoch FROM created_at) / 1800) * 1800) AS slot, count(*) AS n
                        FROM conversations WHERE service_id = :s AND created_at >= :from AND created_at < :to GROUP BY 1""")
                .bind("s", serviceId).bind("from", from.atOffset(ZoneOffset.UTC)).bind("to", to.atOffset(ZoneOffset.UTC))
                .map((rs, ctx) -> counts.put(rs.getObject("slot", OffsetDateTime.class).toInstant(), rs.getInt("n"))).list());
        return counts;
    }

    /** The average time from assignment to resolution of the conversations resolved in [from, to); empty when none. */
    public OptionalDouble findAverageHandlingSeconds(long serviceId, Instant from, Instant to) {
        Double avg = jdbi.withHandle(h -> h.createQuery("""
                        SELECT avg(extract(epoch FROM resolved_at - assigned_at)) FROM conversations
                        WHERE service_id = :s AND resolved_at >= :from AND resolved_at < :to AND assigned_at IS NOT NULL
                          AND resolved_at - assigned_at BETWEEN interval '1 second' AND make_interval(secs => :max)""")
                .bind("s", serviceId).bind("from", from.atOffset(ZoneOffset.UTC)).bind("to", to.atOffset(ZoneOffset.UTC))
                .bind("max", (double) MAX_HANDLING_SECONDS).mapTo(Double.class).one());
        return avg == null ? OptionalDouble.empty() : OptionalDouble.of(avg);
    }

    /** A conversation waiting now, for the first-response timers: ids and the time it joined its queue only. */
    public record Waiting(long conversationId, long serviceId, Instant since) {
    }

    /** Every conversation waiting now, oldest first. */
    public List<Waiting> findWaiting() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, service_id, queued_at FROM conversations WHERE status = 'waiting' ORDER BY queued_at, id")
                .map((rs, ctx) -> new Waiting(rs.getLong("id"), rs.getLong("service_id"), rs.getObject("queued_at", OffsetDateTime.class).toInstant())).list());
    }

    /**
     * A service's queue now: who waits and since when; of the conversations taken by an agent since {@code since}, how
     * many within the target (from joining the queue to an agent taking it); its agents on line, in a conversation, away.
     */
    public record QueueNow(long serviceId, int waiting, Instant oldestWaitingSince, int answered, int answeredWithinTarget,
                           int agentsOnline, int agentsInConversation, int agentsAway) {
    }

    /** One figure per service asked; {@code targetSeconds} by service id. */
    public List<QueueNow> findNow(Map<Long, Integer> targetSeconds, Instant since) {
        return jdbi.withHandle(h -> {
            Map<Long, Object[]> waiting = new HashMap<>();
            h.createQuery("SELECT service_id, count(*) AS n, min(queued_at) AS oldest FROM conversations WHERE status = 'waiting' GROUP BY service_id")
                    .map((rs, ctx) -> waiting.put(rs.getLong("service_id"), new Object[]{rs.getInt("n"),
                            rs.getObject("oldest", OffsetDateTime.class).toInstant()})).list();
            Map<Long, int[]> agents = new HashMap<>();
            h.createQuery("""
                            SELECT m.service_id,
                                   count(*) FILTER (WHERE p.online_until > now() AND p.wants_available) AS online,
                                   count(*) FILTER (WHERE p.online_until > now() AND p.open_count > 0) AS busy,
                                   count(*) FILTER (WHERE p.online_until > now() AND NOT p.wants_available) AS away
                            FROM service_members m JOIN agent_presence p ON p.staff_id = m.staff_id GROUP BY m.service_id""")
                    .map((rs, ctx) -> agents.put(rs.getLong("service_id"), new int[]{rs.getInt("online"), rs.getInt("busy"), rs.getInt("away")})).list();
            List<QueueNow> figures = new java.util.ArrayList<>();
            targetSeconds.forEach((service, target) -> {
                int[] answered = h.createQuery("""
                                SELECT count(*) AS n, count(*) FILTER (WHERE assigned_at - queued_at <= make_interval(secs => :t)) AS within
                                FROM conversations WHERE service_id = :s AND assigned_at >= :since""")
                        .bind("s", service).bind("t", (double) target).bind("since", since.atOffset(ZoneOffset.UTC))
                        .map((rs, ctx) -> new int[]{rs.getInt("n"), rs.getInt("within")}).one();
                Object[] w = waiting.getOrDefault(service, new Object[]{0, null});
                int[] a = agents.getOrDefault(service, new int[3]);
                figures.add(new QueueNow(service, (Integer) w[0], (Instant) w[1], answered[0], answered[1], a[0], a[1], a[2]));
            });
            return figures;
        });
    }
}
