package io.guichet.live.internal;

import io.guichet.live.LiveSession;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Array;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL of live sessions and their participating services. */
public final class SessionDao {
    private static final String COLUMNS = """
            s.id, s.slug, s.title_fr, s.title_en, s.description_fr, s.description_en, s.starts_at, s.ends_at,
            s.pre_moderation, s.allow_anonymous, s.blocklist, s.started_at, s.ended_at, s.highlighted_question_id,
            s.peak_viewers,
            ARRAY(SELECT service_id FROM live_session_services WHERE session_id = s.id ORDER BY position) AS service_ids
            FROM live_sessions s""";

    private static final RowMapper<LiveSession> SESSION = (rs, ctx) -> new LiveSession(
            rs.getLong("id"), rs.getString("slug"), rs.getString("title_fr"), rs.getString("title_en"),
            rs.getString("description_fr"), rs.getString("description_en"),
            rs.getTimestamp("starts_at").toInstant(), rs.getTimestamp("ends_at").toInstant(),
            rs.getBoolean("pre_moderation"), rs.getBoolean("allow_anonymous"),
            List.of((String[]) rs.getArray("blocklist").getArray()),
            instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("ended_at")),
            (Long) rs.getObject("highlighted_question_id"), rs.getInt("peak_viewers"), longs(rs.getArray("service_ids")));

    private final Handle h;

    public SessionDao(Handle h) {
        this.h = h;
    }

    public record Fields(String slug, String titleFr, String titleEn, String descriptionFr, String descriptionEn,
                         Instant startsAt, Instant endsAt, boolean preModeration, boolean allowAnonymous,
                         List<String> blocklist, List<Long> serviceIds) {
    }

    public boolean slugTaken(String slug) {
        return h.createQuery("SELECT count(*) > 0 FROM live_sessions WHERE slug = :s").bind("s", slug).mapTo(Boolean.class).one();
    }

    public long insert(Fields f, long createdBy) {
        long id = h.createQuery("""
                        INSERT INTO live_sessions (slug, title_fr, title_en, description_fr, description_en, starts_at, ends_at,
                                                   pre_moderation, allow_anonymous, blocklist, created_by)
                        VALUES (:slug, :tfr, :ten, :dfr, :den, :starts, :ends, :pre, :anon, :block, :by) RETURNING id""")
                .bind("slug", f.slug()).bind("by", createdBy).bindMap(values(f)).bindArray("block", String.class, f.blocklist())
                .mapTo(Long.class).one();
        replaceServices(id, f.serviceIds());
        return id;
    }

    public void update(long id, Fields f) {
        h.createUpdate("""
                        UPDATE live_sessions SET title_fr = :tfr, title_en = :ten, description_fr = :dfr, description_en = :den,
                          starts_at = :starts, ends_at = :ends, pre_moderation = :pre, allow_anonymous = :anon, blocklist = :block
                        WHERE id = :id""")
                .bind("id", id).bindMap(values(f)).bindArray("block", String.class, f.blocklist()).execute();
        replaceServices(id, f.serviceIds());
    }

    private static java.util.Map<String, Object> values(Fields f) {
        return java.util.Map.of("tfr", f.titleFr(), "ten", f.titleEn(), "dfr", f.descriptionFr(), "den", f.descriptionEn(),
                "starts", Timestamp.from(f.startsAt()), "ends", Timestamp.from(f.endsAt()),
                "pre", f.preModeration(), "anon", f.allowAnonymous());
    }

    private void replaceServices(long id, List<Long> serviceIds) {
        h.createUpdate("DELETE FROM live_session_services WHERE session_id = :id").bind("id", id).execute();
        for (int i = 0; i < serviceIds.size(); i++) {
            h.createUpdate("INSERT INTO live_session_services (session_id, service_id, position) VALUES (:id, :s, :p)")
                    .bind("id", id).bind("s", serviceIds.get(i)).bind("p", i).execute();
        }
    }

    public Optional<LiveSession> bySlug(String slug) {
        return h.createQuery("SELECT " + COLUMNS + " WHERE s.slug = :slug").bind("slug", slug).map(SESSION).findOne();
    }

    public Optional<LiveSession> find(long id) {
        return h.createQuery("SELECT " + COLUMNS + " WHERE s.id = :id").bind("id", id).map(SESSION).findOne();
    }

    /** Locks the session row: start, end and highlight of one session are serialised. */
    public Optional<LiveSession> lockBySlug(String slug) {
        return h.createQuery("SELECT " + COLUMNS + " WHERE s.slug = :slug FOR UPDATE OF s").bind("slug", slug).map(SESSION).findOne();
    }

    public List<LiveSession> all() {
        return h.createQuery("SELECT " + COLUMNS + " ORDER BY s.starts_at DESC").map(SESSION).list();
    }

    public void markStarted(long id) {
        h.createUpdate("UPDATE live_sessions SET started_at = COALESCE(started_at, now()) WHERE id = :id").bind("id", id).execute();
    }

    public void markEnded(long id) {
        h.createUpdate("UPDATE live_sessions SET ended_at = COALESCE(ended_at, now()) WHERE id = :id").bind("id", id).execute();
    }

    public void highlight(long id, Long questionId) {
        h.createUpdate("UPDATE live_sessions SET highlighted_question_id = :q WHERE id = :id")
                .bind("id", id).bind("q", questionId).execute();
    }

    public void recordPeakViewers(long id, int viewers) {
        h.createUpdate("UPDATE live_sessions SET peak_viewers = :n WHERE id = :id AND peak_viewers < :n")
                .bind("id", id).bind("n", viewers).execute();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static List<Long> longs(Array array) throws SQLException {
        return Arrays.asList((Long[]) array.getArray());
    }
}
