package io.guichet.inbox;

import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The conversations' figures for the reports (insights), computed by SQL on the database, with no personal data: per
 * day or week of the institution's zone and per channel — arrivals, answered (a first public staff reply), within
 * the service's target, average and 90th percentile of the wait (from the start to that reply), abandoned (resolved
 * with no reply: the visitor left before an answer), handling time (assignment to resolution, as {@link QueueFigures}),
 * ratings. The caller checks the reader's rights. Indexes: V088.
 */
public final class ReportFigures {
    /** The channel of a conversation: a live night's private question, a message left out of hours, or a chat. */
    public static final String CHANNEL_SQL = "CASE WHEN c.origin_kind = 'live' THEN 'live' WHEN c.offline THEN 'offline' ELSE 'chat' END";
    public static final List<String> CHANNELS = List.of("chat", "offline", "live");
    public enum Unit { DAY, WEEK }

    private final Jdbi jdbi;

    public ReportFigures(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * One group of conversations: {@code bucket} (the first day of the day or week; null for the whole period) and
     * {@code channel} (null for all). Averages are null when nothing was measured.
     */
    public record Figures(LocalDate bucket, String channel, long arrivals, long answered, long withinTarget, Double averageWaitSeconds,
                          Double p90WaitSeconds, long abandoned, Double averageHandlingSeconds, long rated, Double averageScore) {
        /** Answered within target, of those answered; null when none was. */
        public Double withinTargetShare() {
            return answered == 0 ? null : (double) withinTarget / answered;
        }

        /** Abandoned, of the arrivals; null when none arrived. */
        public Double abandonedShare() {
            return arrivals == 0 ? null : (double) abandoned / arrivals;
        }
    }

    /**
     * The conversations started in [from, to) ({@code serviceId} null: every service), grouped per bucket and channel,
     * per bucket, per channel and in all (one query, grouping sets). {@code targetSeconds}: each service's answer target,
     * {@code defaultTarget} for the others.
     */
    public List<Figures> findFigures(Instant from, Instant to, Long serviceId, ZoneId zone, Unit unit, Map<Long, Integer> targetSeconds,
                                     int defaultTarget) {
        List<Long> ids = new ArrayList<>(targetSeconds.keySet());
        List<Integer> secs = ids.stream().map(targetSeconds::get).toList();
        return jdbi.withHandle(h -> h.createQuery("""
                        WITH c AS (
                          SELECT c.status, c.assigned_at, c.resolved_at, %s AS channel,
                                 date_trunc(:unit, c.created_at AT TIME ZONE :zone)::date AS bucket,
                                 CAST(extract(epoch FROM c.first_reply_at - c.created_at) AS float8) AS wait,
                                 coalesce(tg.seconds, :dflt) AS target, r.score
                          FROM conversations c
                          LEFT JOIN unnest(CAST(:ids AS bigint[]), CAST(:secs AS int[])) AS tg(service_id, seconds) ON tg.service_id = c.service_id
                          LEFT JOIN conversation_ratings r ON r.conversation_id = c.id
                          WHERE c.created_at >= :from AND c.created_at < :to AND (CAST(:s AS bigint) IS NULL OR c.service_id = :s))
                        SELECT bucket, channel, GROUPING(bucket) AS no_bucket, GROUPING(channel) AS no_channel,
                               count(*) AS arrivals, count(wait) AS answered, count(*) FILTER (WHERE wait <= target) AS within,
                               avg(wait) AS avg_wait, percentile_cont(0.9) WITHIN GROUP (ORDER BY wait) AS p90,
                               count(*) FILTER (WHERE wait IS NULL AND status = 'resolved') AS abandoned,
                               avg(CAST(extract(epoch FROM resolved_at - assigned_at) AS float8)) FILTER (WHERE status = 'resolved'
                                   AND resolved_at - assigned_at BETWEEN interval '1 second' AND make_interval(secs => :max)) AS handling,
                               count(score) AS rated, CAST(avg(score) AS float8) AS avg_score
                        FROM c GROUP BY GROUPING SETS ((bucket, channel), (bucket), (channel), ())
                        ORDER BY no_bucket, bucket, no_channel, channel""".formatted(CHANNEL_SQL))
                .bind("unit", unit == Unit.DAY ? "day" : "week").bind("zone", zone.getId()).bind("dflt", defaultTarget)
                .bindArray("ids", Long.class, ids).bindArray("secs", Integer.class, secs)
                .bind("from", Timestamp.from(from)).bind("to", Timestamp.from(to)).bind("s", serviceId)
                .bind("max", (double) QueueFigures.MAX_HANDLING_SECONDS)
                .map((rs, ctx) -> new Figures(rs.getInt("no_bucket") == 1 ? null : rs.getObject("bucket", LocalDate.class),
                        rs.getInt("no_channel") == 1 ? null : rs.getString("channel"), rs.getLong("arrivals"), rs.getLong("answered"),
                        rs.getLong("within"), (Double) rs.getObject("avg_wait", Double.class), (Double) rs.getObject("p90", Double.class),
                        rs.getLong("abandoned"), (Double) rs.getObject("handling", Double.class), rs.getLong("rated"),
                        (Double) rs.getObject("avg_score", Double.class)))
                .list());
    }

    /** Arrivals in one half-hour slot of the day (the zone's wall clock) on one channel, over the period. */
    public record SlotArrivals(LocalTime slot, String channel, long arrivals) {
    }

    public List<SlotArrivals> findArrivalsBySlot(Instant from, Instant to, Long serviceId, ZoneId zone) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT make_time(extract(hour FROM l)::int, (extract(minute FROM l)::int / 30) * 30, 0) AS slot, channel, count(*) AS n
                        FROM (SELECT c.created_at AT TIME ZONE :zone AS l, %s AS channel FROM conversations c
                              WHERE c.created_at >= :from AND c.created_at < :to AND (CAST(:s AS bigint) IS NULL OR c.service_id = :s)) x
                        GROUP BY 1, 2 ORDER BY 1, 2""".formatted(CHANNEL_SQL))
                .bind("zone", zone.getId()).bind("from", Timestamp.from(from)).bind("to", Timestamp.from(to)).bind("s", serviceId)
                .map((rs, ctx) -> new SlotArrivals(rs.getObject("slot", LocalTime.class), rs.getString("channel"), rs.getLong("n"))).list());
    }
}
