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

    /** Rating again replaces the first: the visitor changed their mind. */
    public Rating put(long conversationId, int score, String comment) {
        return h.createQuery("""
                        INSERT INTO conversation_ratings (conversation_id, score, comment) VALUES (:c, :s, :t)
                        ON CONFLICT (conversation_id) DO UPDATE SET score = excluded.score, comment = excluded.comment, rated_at = now()
                        RETURNING conversation_id, score, comment, rated_at""")
                .bind("c", conversationId).bind("s", score).bind("t", comment).map(RATING).one();
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
}
