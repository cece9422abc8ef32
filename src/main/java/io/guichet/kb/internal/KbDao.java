package io.guichet.kb.internal;

import io.guichet.kb.SavedReply;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL of synonyms, saved replies, gaps and widget events. */
public final class KbDao {
    private final Handle h;

    public KbDao(Handle h) {
        this.h = h;
    }

    // ---------------------------------------------------------------- synonyms

    public Optional<String> synonyms(String lang) {
        return h.createQuery("SELECT rules FROM kb_synonyms WHERE lang = :l").bind("l", lang).mapTo(String.class).findOne();
    }

    public void saveSynonyms(String lang, String rules, long author) {
        h.createUpdate("""
                        INSERT INTO kb_synonyms (lang, rules, updated_by) VALUES (:l, :r, :a)
                        ON CONFLICT (lang) DO UPDATE SET rules = excluded.rules, updated_by = excluded.updated_by, updated_at = now()""")
                .bind("l", lang).bind("r", rules).bind("a", author).execute();
    }

    // ---------------------------------------------------------------- saved replies

    /** The replies of these services and the person's own, personal ones first. */
    public List<SavedReply> replies(long ownerId, List<String> services) {
        return h.createQuery("""
                        SELECT id, name, body, service, owner_id FROM kb_saved_replies
                        WHERE owner_id = :owner OR service = ANY(:services)
                        ORDER BY owner_id IS NULL, name""")
                .bind("owner", ownerId).bindArray("services", String.class, services)
                .map((rs, ctx) -> new SavedReply(rs.getLong("id"), rs.getString("name"), rs.getString("body"),
                        rs.getString("service"), (Long) rs.getObject("owner_id")))
                .list();
    }

    public Optional<SavedReply> reply(long id) {
        return h.createQuery("SELECT id, name, body, service, owner_id FROM kb_saved_replies WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new SavedReply(rs.getLong("id"), rs.getString("name"), rs.getString("body"),
                        rs.getString("service"), (Long) rs.getObject("owner_id")))
                .findOne();
    }

    public boolean replyNameTaken(String name, String service, Long ownerId) {
        return h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM kb_saved_replies
                        WHERE name = :n AND COALESCE(service, '') = COALESCE(:s, '') AND COALESCE(owner_id, 0) = COALESCE(:o, 0))""")
                .bind("n", name).bind("s", service).bind("o", ownerId).mapTo(Boolean.class).one();
    }

    public long insertReply(String name, String body, String service, Long ownerId, long author) {
        return h.createUpdate("""
                        INSERT INTO kb_saved_replies (name, body, service, owner_id, created_by)
                        VALUES (:n, :b, :s, :o, :a)""")
                .bind("n", name).bind("b", body).bind("s", service).bind("o", ownerId).bind("a", author)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public void deleteReply(long id) {
        h.createUpdate("DELETE FROM kb_saved_replies WHERE id = :id").bind("id", id).execute();
    }

    // ---------------------------------------------------------------- gaps and deflection

    public record GapRow(String lang, String query, String terms, String source, Instant at) {
    }

    public void insertGap(String lang, String query, String terms, String source) {
        h.createUpdate("INSERT INTO kb_gaps (lang, query, terms, source) VALUES (:l, :q, :t, :s)")
                .bind("l", lang).bind("q", query).bind("t", terms).bind("s", source).execute();
    }

    public List<GapRow> gapsSince(Instant since, int limit) {
        return h.createQuery("""
                        SELECT lang, query, terms, source, created_at FROM kb_gaps
                        WHERE created_at >= :since ORDER BY created_at DESC LIMIT :limit""")
                .bind("since", Timestamp.from(since)).bind("limit", limit)
                .map((rs, ctx) -> new GapRow(rs.getString("lang"), rs.getString("query"), rs.getString("terms"),
                        rs.getString("source"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public void insertWidgetEvent(String visitorKey, String kind, Long articleId) {
        h.createUpdate("INSERT INTO kb_widget_events (visitor_key, kind, article_id) VALUES (:k, :kind, :a)")
                .bind("k", visitorKey).bind("kind", kind).bind("a", articleId).execute();
    }

    /** Visitors who opened a suggested article since then, and those of them who started a chat after opening one. */
    public int[] deflectionSince(Instant since) {
        return h.createQuery("""
                        WITH opened AS (
                            SELECT visitor_key, min(created_at) AS first_open FROM kb_widget_events
                            WHERE kind = 'opened' AND created_at >= :since GROUP BY visitor_key)
                        SELECT count(*) AS opened,
                               count(*) FILTER (WHERE EXISTS (SELECT 1 FROM kb_widget_events c
                                   WHERE c.visitor_key = o.visitor_key AND c.kind = 'chat' AND c.created_at >= o.first_open)) AS chatted
                        FROM opened o""")
                .bind("since", Timestamp.from(since))
                .map((rs, ctx) -> new int[]{rs.getInt("opened"), rs.getInt("chatted")}).one();
    }
}
