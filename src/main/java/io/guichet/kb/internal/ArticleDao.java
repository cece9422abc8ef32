package io.guichet.kb.internal;

import io.guichet.kb.Article;
import io.guichet.kb.Revision;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL of articles, their revisions, views and votes. */
public final class ArticleDao {
    private static final String COLUMNS = """
            id, lang, slug, title, body, service, tags, status, translation_group, source_kind, source_ref, revision,
            views, helpful_yes, helpful_no, updated_by, created_at, updated_at, published_at""";

    private final Handle h;

    public ArticleDao(Handle h) {
        this.h = h;
    }

    public record Fields(String lang, String slug, String title, String body, String service, List<String> tags,
                         Article.Status status) {
    }

    public long insert(Fields f, Long translationGroup, String sourceKind, String sourceRef, Long author) {
        long id = h.createUpdate("""
                        INSERT INTO kb_articles (lang, slug, title, body, service, tags, status, translation_group,
                                                 source_kind, source_ref, created_by, updated_by, published_at)
                        VALUES (:lang, :slug, :title, :body, :service, :tags, :status, :group, :kind, :ref, :author, :author,
                                CASE WHEN :status = 'published' THEN now() END)""")
                .bind("lang", f.lang()).bind("slug", f.slug()).bind("title", f.title()).bind("body", f.body())
                .bind("service", f.service()).bindArray("tags", String.class, f.tags()).bind("status", f.status().code())
                .bind("group", translationGroup).bind("kind", sourceKind).bind("ref", sourceRef).bind("author", author)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        if (translationGroup == null) {
            h.createUpdate("UPDATE kb_articles SET translation_group = id WHERE id = :id").bind("id", id).execute();
        }
        addRevision(id, 1, f, author);
        return id;
    }

    public void update(long id, Fields f, long author) {
        int revision = h.createQuery("""
                        UPDATE kb_articles SET lang = :lang, slug = :slug, title = :title, body = :body, service = :service,
                               tags = :tags, status = :status, revision = revision + 1, updated_by = :author, updated_at = now(),
                               published_at = CASE WHEN :status = 'published' THEN COALESCE(published_at, now()) ELSE published_at END
                        WHERE id = :id RETURNING revision""")
                .bind("id", id).bind("lang", f.lang()).bind("slug", f.slug()).bind("title", f.title()).bind("body", f.body())
                .bind("service", f.service()).bindArray("tags", String.class, f.tags()).bind("status", f.status().code())
                .bind("author", author).mapTo(Integer.class).one();
        addRevision(id, revision, f, author);
    }

    private void addRevision(long id, int revision, Fields f, Long author) {
        h.createUpdate("""
                        INSERT INTO kb_revisions (article_id, revision, title, body, status, author_id)
                        VALUES (:id, :rev, :title, :body, :status, :author)""")
                .bind("id", id).bind("rev", revision).bind("title", f.title()).bind("body", f.body())
                .bind("status", f.status().code()).bind("author", author).execute();
    }

    public Optional<Article> find(long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM kb_articles WHERE id = :id")
                .bind("id", id).map(ArticleDao::article).findOne();
    }

    /** Locks the row for an update, so that two editors' revisions get distinct numbers in order. */
    public Optional<Article> lock(long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM kb_articles WHERE id = :id FOR UPDATE")
                .bind("id", id).map(ArticleDao::article).findOne();
    }

    public Optional<Article> bySource(String kind, String ref) {
        return h.createQuery("SELECT " + COLUMNS + " FROM kb_articles WHERE source_kind = :k AND source_ref = :r")
                .bind("k", kind).bind("r", ref).map(ArticleDao::article).findOne();
    }

    /** The other-language article of the same translation group that is not retired. */
    public Optional<Article> translation(long group, String lang) {
        return h.createQuery("SELECT " + COLUMNS + " FROM kb_articles WHERE translation_group = :g AND lang = :l AND status <> 'retired'")
                .bind("g", group).bind("l", lang).map(ArticleDao::article).findOne();
    }

    public List<Article> published() {
        return h.createQuery("SELECT " + COLUMNS + " FROM kb_articles WHERE status = 'published'")
                .map(ArticleDao::article).list();
    }

    /** Staff's list: newest change first, optionally one language and one status. */
    /** Every article, newest change first (a help centre holds hundreds, a few thousand at most). */
    public List<Article> all(int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM kb_articles ORDER BY updated_at DESC, id DESC LIMIT :limit")
                .bind("limit", limit).map(ArticleDao::article).list();
    }

    /** Published articles of one language, most read first, for the help centre's home and categories. */
    public List<Article> popular(String lang, int limit) {
        return h.createQuery("SELECT " + COLUMNS + """
                         FROM kb_articles WHERE status = 'published' AND lang = :lang
                        ORDER BY views DESC, title LIMIT :limit""")
                .bind("lang", lang).bind("limit", limit).map(ArticleDao::article).list();
    }

    public List<Revision> revisions(long id) {
        return h.createQuery("""
                        SELECT revision, title, body, status, author_id, created_at FROM kb_revisions
                        WHERE article_id = :id ORDER BY revision DESC""")
                .bind("id", id)
                .map((rs, ctx) -> new Revision(rs.getInt("revision"), rs.getString("title"), rs.getString("body"),
                        Article.Status.fromCode(rs.getString("status")), (Long) rs.getObject("author_id"),
                        rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public void countView(long id) {
        h.createUpdate("UPDATE kb_articles SET views = views + 1 WHERE id = :id AND status = 'published'").bind("id", id).execute();
    }

    /**
     * One reader's vote on a published article: the first counts, a later one moves it to the other
     * answer. The article's row is locked first, so that concurrent votes keep the totals exact.
     */
    public void vote(long id, String reader, boolean helpful) {
        if (h.createQuery("SELECT id FROM kb_articles WHERE id = :id AND status = 'published' FOR UPDATE")
                .bind("id", id).mapTo(Long.class).findOne().isEmpty()) return;
        Optional<Boolean> before = h.createQuery("SELECT helpful FROM kb_votes WHERE article_id = :id AND reader = :reader")
                .bind("id", id).bind("reader", reader).mapTo(Boolean.class).findOne();
        if (before.isPresent() && before.get() == helpful) return;
        h.createUpdate("""
                        INSERT INTO kb_votes (article_id, reader, helpful) VALUES (:id, :reader, :helpful)
                        ON CONFLICT (article_id, reader)
                        DO UPDATE SET helpful = EXCLUDED.helpful, voted_at = now(), reason = NULL, comment = NULL""")
                .bind("id", id).bind("reader", reader).bind("helpful", helpful).execute();
        int yes = (helpful ? 1 : 0) - (before.orElse(false) ? 1 : 0);
        int no = (helpful ? 0 : 1) - (before.isPresent() && !before.get() ? 1 : 0);
        h.createUpdate("UPDATE kb_articles SET helpful_yes = helpful_yes + :yes, helpful_no = helpful_no + :no WHERE id = :id")
                .bind("id", id).bind("yes", yes).bind("no", no).execute();
    }

    /** Why a reader's "Non" did not help; false when that reader has no "Non" on the article (nothing to explain). */
    public boolean explain(long id, String reader, String reason, String comment) {
        return h.createUpdate("""
                        UPDATE kb_votes SET reason = :reason, comment = :comment
                        WHERE article_id = :id AND reader = :reader AND NOT helpful""")
                .bind("id", id).bind("reader", reader).bind("reason", reason).bind("comment", comment).execute() == 1;
    }

    /** One "Non" of the period, newest first, with the article it was given to (any status: a retired one still says why). */
    public record UnhelpfulVote(long articleId, String title, String lang, int helpfulYes, int helpfulNo, String reason,
                                String comment, Instant votedAt) {
    }

    public List<UnhelpfulVote> unhelpfulSince(Instant since, int limit) {
        return h.createQuery("""
                        SELECT a.id, a.title, a.lang, a.helpful_yes, a.helpful_no, v.reason, v.comment, v.voted_at
                          FROM kb_votes v JOIN kb_articles a ON a.id = v.article_id
                         WHERE NOT v.helpful AND v.voted_at >= :since
                         ORDER BY v.voted_at DESC LIMIT :limit""")
                .bind("since", Timestamp.from(since)).bind("limit", limit)
                .map((rs, ctx) -> new UnhelpfulVote(rs.getLong("id"), rs.getString("title"), rs.getString("lang"),
                        rs.getInt("helpful_yes"), rs.getInt("helpful_no"), rs.getString("reason"), rs.getString("comment"),
                        rs.getTimestamp("voted_at").toInstant()))
                .list();
    }

    private static Article article(ResultSet rs, StatementContext ctx) throws SQLException {
        return new Article(rs.getLong("id"), rs.getString("lang"), rs.getString("slug"), rs.getString("title"),
                rs.getString("body"), rs.getString("service"), strings(rs.getArray("tags")),
                Article.Status.fromCode(rs.getString("status")), (Long) rs.getObject("translation_group"),
                rs.getString("source_kind"), rs.getString("source_ref"), rs.getInt("revision"), rs.getLong("views"),
                rs.getInt("helpful_yes"), rs.getInt("helpful_no"), (Long) rs.getObject("updated_by"),
                instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("updated_at")),
                instant(rs.getTimestamp("published_at")));
    }

    static List<String> strings(Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
