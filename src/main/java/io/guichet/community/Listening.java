package io.guichet.community;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * "Tendre l'oreille": what the network talks about over a period, for staff. Words are the French analyser's terms
 * stored with each post (stop words gone, "inscriptions" and "inscription" one word), phrases are two consecutive
 * terms; "new this week" are the period's last seven days' terms unseen in the four weeks before. Questions are
 * threads opened in the period, answered when a reply is visible. Only visible posts count.
 */
public final class Listening {
    public static final int TOP = 20, MAX_DAYS = 366;

    private final Jdbi jdbi;
    private final ZoneId zone;

    public Listening(Jdbi jdbi, ZoneId zone) {
        this.jdbi = jdbi;
        this.zone = zone;
    }

    public record Period(LocalDate from, LocalDate to) {
        Instant start(ZoneId zone) {
            return from.atStartOfDay(zone).toInstant();
        }

        Instant end(ZoneId zone) {
            return to.plusDays(1).atStartOfDay(zone).toInstant();
        }
    }

    public Period period(String from, String to, LocalDate today) {
        try {
            LocalDate t = to == null || to.isBlank() ? today : LocalDate.parse(to.strip());
            LocalDate f = from == null || from.isBlank() ? t.minusDays(29) : LocalDate.parse(from.strip());
            if (f.isAfter(t)) throw ApiError.invalid("from", "from is on or before to");
            if (f.plusDays(MAX_DAYS).isBefore(t)) throw ApiError.invalid("to", "a period is at most " + MAX_DAYS + " days");
            return new Period(f, t);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("from", "from and to are dates such as 2026-11-01");
        }
    }

    public record Count(String value, int count) {
    }

    public record Question(long threadId, long groupId, String group, String title, int replies, Instant at) {
        public boolean answered() {
            return replies > 0;
        }
    }

    public record Growth(long groupId, String name, int joined, int members) {
    }

    public record Report(Period period, List<Count> terms, List<Count> phrases, List<Count> newThisWeek, List<Question> questions,
                         int unanswered, List<Count> activeMembers, List<Growth> growth) {
    }

    public Report accessListening(Staff staff, Period p) {
        Access.requireCommunity(staff);
        Instant start = p.start(zone), end = p.end(zone);
        Instant weekStart = end.minus(Duration.ofDays(7)), before = weekStart.minus(Duration.ofDays(28));
        return jdbi.withHandle(h -> {
            List<Count> terms = counts(h.createQuery("""
                    SELECT t AS v, count(*) AS n FROM community_posts p, unnest(p.terms) t
                    WHERE p.created_at >= :s AND p.created_at < :e AND p.status = 'visible' AND length(t) > 2
                    GROUP BY t ORDER BY n DESC, t LIMIT :top""").bind("s", start).bind("e", end).bind("top", TOP));
            List<Count> phrases = counts(h.createQuery("""
                    SELECT p.terms[i] || ' ' || p.terms[i + 1] AS v, count(*) AS n
                    FROM community_posts p, generate_subscripts(p.terms, 1) i
                    WHERE p.created_at >= :s AND p.created_at < :e AND p.status = 'visible' AND i < cardinality(p.terms)
                      AND p.terms[i] <> p.terms[i + 1]
                    GROUP BY 1 HAVING count(*) > 1 ORDER BY n DESC, v LIMIT :top""").bind("s", start).bind("e", end).bind("top", TOP));
            List<Count> fresh = counts(h.createQuery("""
                    SELECT t AS v, count(*) AS n FROM community_posts p, unnest(p.terms) t
                    WHERE p.created_at >= :w AND p.created_at < :e AND p.status = 'visible' AND length(t) > 2
                      AND NOT EXISTS (SELECT 1 FROM community_posts q WHERE q.created_at >= :b AND q.created_at < :w AND q.status = 'visible'
                                      AND q.terms @> ARRAY[t])
                    GROUP BY t ORDER BY n DESC, t LIMIT :top""").bind("w", weekStart).bind("e", end).bind("b", before).bind("top", TOP));
            List<Question> questions = h.createQuery("""
                    SELECT t.id, t.group_id, g.name, t.title, t.created_at,
                        (SELECT count(*) FROM community_posts r WHERE r.thread_id = t.id AND NOT r.opening AND r.status = 'visible') AS replies
                    FROM community_threads t JOIN community_groups g ON g.id = t.group_id
                    WHERE t.created_at >= :s AND t.created_at < :e
                      AND EXISTS (SELECT 1 FROM community_posts o WHERE o.thread_id = t.id AND o.opening AND o.status = 'visible')
                    ORDER BY replies, t.created_at DESC LIMIT 200""").bind("s", start).bind("e", end)
                    .map((rs, ctx) -> new Question(rs.getLong("id"), rs.getLong("group_id"), rs.getString("name"), rs.getString("title"),
                            rs.getInt("replies"), rs.getTimestamp("created_at").toInstant())).list();
            int unanswered = h.createQuery("""
                    SELECT count(*) FROM community_threads t WHERE t.created_at >= :s AND t.created_at < :e
                      AND EXISTS (SELECT 1 FROM community_posts o WHERE o.thread_id = t.id AND o.opening AND o.status = 'visible')
                      AND NOT EXISTS (SELECT 1 FROM community_posts r WHERE r.thread_id = t.id AND NOT r.opening AND r.status = 'visible')""")
                    .bind("s", start).bind("e", end).mapTo(Integer.class).one();
            List<Count> active = counts(h.createQuery("""
                    SELECT m.name AS v, count(*) AS n FROM community_posts p JOIN community_members m ON m.id = p.member_id
                    WHERE p.created_at >= :s AND p.created_at < :e AND p.status = 'visible' AND m.status = 'active'
                    GROUP BY m.id, m.name ORDER BY n DESC, m.name LIMIT 10""").bind("s", start).bind("e", end));
            List<Growth> growth = h.createQuery("""
                    SELECT g.id, g.name,
                        count(*) FILTER (WHERE gm.joined_at >= :s AND gm.joined_at < :e) AS joined,
                        count(gm.member_id) FILTER (WHERE gm.joined_at < :e) AS members
                    FROM community_groups g LEFT JOIN community_group_members gm ON gm.group_id = g.id
                    GROUP BY g.id, g.name ORDER BY joined DESC, g.name""").bind("s", start).bind("e", end)
                    .map((rs, ctx) -> new Growth(rs.getLong("id"), rs.getString("name"), rs.getInt("joined"), rs.getInt("members"))).list();
            return new Report(p, terms, phrases, fresh, questions, unanswered, active, growth);
        });
    }

    private static List<Count> counts(org.jdbi.v3.core.statement.Query q) {
        return q.map((rs, ctx) -> new Count(rs.getString("v"), rs.getInt("n"))).list();
    }
}
