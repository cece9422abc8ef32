package io.guichet.inbox.internal;

import io.guichet.inbox.Rating;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL of the visitors' ratings of their conversations. */
public final class RatingDao {
    private static final RowMapper<Rating> RATING = (rs, ctx) -> new Rating(rs.getLong("conversation_id"), rs.getInt("score"),
            rs.getString("comment"), rs.getTimestamp("rated_at").toInstant());

    private final Handle h;

    public RatingDao(Handle h) {
        this.h = h;
    }

    /** One rating per conversation: empty when it was already rated (the first stays). */
    public Optional<Rating> insertOnce(long conversationId, int score, String comment) {
        return h.createQuery("""
                        INSERT INTO conversation_ratings (conversation_id, score, comment) VALUES (:c, :s, :t)
                        ON CONFLICT (conversation_id) DO NOTHING
                        RETURNING conversation_id, score, comment, rated_at""")
                .bind("c", conversationId).bind("s", score).bind("t", comment).map(RATING).findOne();
    }

    /** The visitor was asked ({@code widget}, {@code mail}, or {@code none}: they could not be); false when they already were. */
    public boolean markAsked(long conversationId, String way) {
        return h.createUpdate("INSERT INTO conversation_rating_asks (conversation_id, way) VALUES (:c, :w) ON CONFLICT DO NOTHING")
                .bind("c", conversationId).bind("w", way).execute() == 1;
    }

    public Optional<String> askedWay(long conversationId) {
        return h.createQuery("SELECT way FROM conversation_rating_asks WHERE conversation_id = :c").bind("c", conversationId)
                .mapTo(String.class).findOne();
    }

    /** A resolved conversation nobody asked for a rating yet, and the contact to ask. */
    public record Unasked(long conversationId, long contactId, long serviceId, String lang) {
    }

    /** Resolved in [since, before), not rated, never asked (the widget did not draw the form), oldest first. */
    public List<Unasked> unasked(Instant since, Instant before, int limit) {
        return h.createQuery("""
                        SELECT c.id, c.contact_id, c.service_id, c.lang FROM conversations c
                        WHERE c.status = 'resolved' AND c.resolved_at >= :since AND c.resolved_at < :before
                          AND NOT EXISTS (SELECT 1 FROM conversation_ratings r WHERE r.conversation_id = c.id)
                          AND NOT EXISTS (SELECT 1 FROM conversation_rating_asks a WHERE a.conversation_id = c.id)
                        ORDER BY c.resolved_at LIMIT :l""")
                .bind("since", java.sql.Timestamp.from(since)).bind("before", java.sql.Timestamp.from(before)).bind("l", limit)
                .map((rs, ctx) -> new Unasked(rs.getLong("id"), rs.getLong("contact_id"), rs.getLong("service_id"), rs.getString("lang"))).list();
    }

    public Optional<Rating> find(long conversationId) {
        return h.createQuery("SELECT conversation_id, score, comment, rated_at FROM conversation_ratings WHERE conversation_id = :c")
                .bind("c", conversationId).map(RATING).findOne();
    }

    /** How many ratings of each score a service got in [from, until): one row per service and score. */
    public record Count(long serviceId, int score, long count) {
    }

    public List<Count> counts(Instant from, Instant until) {
        return h.createQuery("""
                        SELECT c.service_id, r.score, count(*) AS n FROM conversation_ratings r JOIN conversations c ON c.id = r.conversation_id
                        WHERE r.rated_at >= :from AND r.rated_at < :until GROUP BY c.service_id, r.score""")
                .bind("from", java.sql.Timestamp.from(from)).bind("until", java.sql.Timestamp.from(until))
                .map((rs, ctx) -> new Count(rs.getLong("service_id"), rs.getInt("score"), rs.getLong("n"))).list();
    }

    /** Ratings of one score in one group: {@code kind} service, agent, day or channel (total for all), {@code key} its value. */
    public record Grouped(String kind, String key, int score, long count) {
    }

    /** The ratings given in [from, until) ({@code serviceId} null: all), per service, agent, day of the zone and channel. */
    public List<Grouped> grouped(Instant from, Instant until, Long serviceId, String zone) {
        // the day and channel are computed once below, so GROUPING names the very expressions grouped
        return h.createQuery("""
                        SELECT service_id, assignee_id, day, channel, score,
                               GROUPING(service_id) AS gs, GROUPING(assignee_id) AS ga, GROUPING(day) AS gd, GROUPING(channel) AS gc, count(*) AS n
                        FROM (SELECT c.service_id, c.assignee_id, (r.rated_at AT TIME ZONE :z)::date AS day, %s AS channel, r.score
                              FROM conversation_ratings r JOIN conversations c ON c.id = r.conversation_id
                              WHERE r.rated_at >= :from AND r.rated_at < :until AND (CAST(:s AS bigint) IS NULL OR c.service_id = :s)) x
                        GROUP BY GROUPING SETS ((service_id, score), (assignee_id, score), (day, score), (channel, score), (score))"""
                        .formatted(io.guichet.inbox.ReportFigures.CHANNEL_SQL))
                .bind("z", zone).bind("from", java.sql.Timestamp.from(from)).bind("until", java.sql.Timestamp.from(until)).bind("s", serviceId)
                .map((rs, ctx) -> {
                    String kind, key;
                    if (rs.getInt("gs") == 0) { kind = "service"; key = rs.getString("service_id"); }
                    else if (rs.getInt("ga") == 0) { kind = "agent"; key = rs.getString("assignee_id"); }
                    else if (rs.getInt("gd") == 0) { kind = "day"; key = rs.getString("day"); }
                    else if (rs.getInt("gc") == 0) { kind = "channel"; key = rs.getString("channel"); }
                    else { kind = "total"; key = ""; }
                    return new Grouped(kind, key, rs.getInt("score"), rs.getLong("n"));
                }).list();
    }

    /** A rating with its comment, where it was given. */
    public record Commented(long conversationId, long serviceId, Long assigneeId, String channel, int score, String comment, Instant ratedAt) {
    }

    /** The ratings with a comment given in [from, until), newest first, {@code limit} from {@code offset}. */
    public List<Commented> comments(Instant from, Instant until, Long serviceId, int offset, int limit) {
        return h.createQuery("""
                        SELECT r.conversation_id, c.service_id, c.assignee_id, %s AS channel, r.score, r.comment, r.rated_at
                        FROM conversation_ratings r JOIN conversations c ON c.id = r.conversation_id
                        WHERE r.comment IS NOT NULL AND r.rated_at >= :from AND r.rated_at < :until AND (CAST(:s AS bigint) IS NULL OR c.service_id = :s)
                        ORDER BY r.rated_at DESC, r.conversation_id DESC OFFSET :o LIMIT :l""".formatted(io.guichet.inbox.ReportFigures.CHANNEL_SQL))
                .bind("from", java.sql.Timestamp.from(from)).bind("until", java.sql.Timestamp.from(until)).bind("s", serviceId)
                .bind("o", offset).bind("l", limit)
                .map((rs, ctx) -> new Commented(rs.getLong("conversation_id"), rs.getLong("service_id"), (Long) rs.getObject("assignee_id", Long.class),
                        rs.getString("channel"), rs.getInt("score"), rs.getString("comment"), rs.getTimestamp("rated_at").toInstant())).list();
    }
}
