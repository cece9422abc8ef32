package io.guichet.desk;

import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exam incidents counted by category, for the reports (insights): counts only, no personal data; the caller checks
 * the reader's rights. Read-only, so the reports never read the desk's tables themselves.
 */
public final class IncidentFigures {
    public static final List<String> CATEGORIES = List.of("connection", "platform", "proctoring", "outage", "lost_time", "other");

    private final Jdbi jdbi;

    public IncidentFigures(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Incidents opened in [from, to) per category, every category present (zero when none), in {@link #CATEGORIES} order. */
    public Map<String, Long> findByCategory(Instant from, Instant to) {
        Map<String, Long> counts = new LinkedHashMap<>();
        CATEGORIES.forEach(c -> counts.put(c, 0L));
        jdbi.useHandle(h -> h.createQuery("SELECT category, count(*) AS n FROM desk_incidents WHERE created_at >= :from AND created_at < :to GROUP BY category")
                .bind("from", Timestamp.from(from)).bind("to", Timestamp.from(to))
                .map((rs, ctx) -> counts.put(rs.getString("category"), rs.getLong("n"))).list());
        return counts;
    }
}
