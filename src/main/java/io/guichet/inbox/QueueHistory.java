package io.guichet.inbox;

import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;

/**
 * What a service's queue did, as counts with no personal data: arrivals per half-hour slot and the average handling
 * time. Staffing forecasts from them; the caller checks the reader's rights (a lead's).
 */
public final class QueueHistory {
    /** Longer than this from assignment to resolution is a conversation left open, not handling time. */
    static final long MAX_HANDLING_SECONDS = 4 * 3600;

    private final Jdbi jdbi;

    public QueueHistory(Jdbi jdbi) {
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
}
