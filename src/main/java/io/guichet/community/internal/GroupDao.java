package io.guichet.community.internal;

import io.guichet.community.Group;
import io.guichet.community.Post;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Groups, their members, threads and posts. */
public final class GroupDao {
    static final RowMapper<Group> GROUP = (rs, ctx) -> new Group(rs.getLong("id"), rs.getString("slug"), rs.getString("name"),
            rs.getString("description"), rs.getString("kind"), rs.getInt("members"), rs.getTimestamp("created_at").toInstant());
    static final RowMapper<Post> POST = (rs, ctx) -> new Post(rs.getLong("id"), rs.getLong("thread_id"), (Long) rs.getObject("member_id"),
            (Long) rs.getObject("staff_id"), rs.getString("author"), rs.getBoolean("opening"), rs.getString("body"), rs.getString("status"),
            rs.getInt("reports"), rs.getBoolean("helpful"), (Long) rs.getObject("article_id"), rs.getTimestamp("created_at").toInstant());
    private static final String GROUPS = """
            SELECT g.*, (SELECT count(*) FROM community_group_members gm JOIN community_members m ON m.id = gm.member_id
                         WHERE gm.group_id = g.id AND m.status = 'active') AS members FROM community_groups g""";
    private static final String POSTS = """
            SELECT p.*, COALESCE(NULLIF(m.name, ''), p.staff_name, '') AS author FROM community_posts p
            LEFT JOIN community_members m ON m.id = p.member_id""";

    private final Handle h;

    public GroupDao(Handle h) {
        this.h = h;
    }

    public long insertGroup(String slug, String name, String description, String kind, Instant now) {
        return h.createQuery("INSERT INTO community_groups (slug, name, description, kind, created_at) VALUES (:slug, :name, :d, :kind, :now) "
                        + "ON CONFLICT (slug) DO UPDATE SET name = community_groups.name RETURNING id")
                .bind("slug", slug).bind("name", name).bind("d", description).bind("kind", kind).bind("now", now).mapTo(Long.class).one();
    }

    public List<Group> groups() {
        return h.createQuery(GROUPS + " ORDER BY g.name").map(GROUP).list();
    }

    public Optional<Group> group(long id) {
        return h.createQuery(GROUPS + " WHERE g.id = :id").bind("id", id).map(GROUP).findOne();
    }

    public void join(long groupId, long memberId, Instant now) {
        h.createUpdate("INSERT INTO community_group_members (group_id, member_id, joined_at) VALUES (:g, :m, :now) ON CONFLICT DO NOTHING")
                .bind("g", groupId).bind("m", memberId).bind("now", now).execute();
    }

    public boolean isIn(long groupId, long memberId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM community_group_members WHERE group_id = :g AND member_id = :m)")
                .bind("g", groupId).bind("m", memberId).mapTo(Boolean.class).one();
    }

    public List<Long> groupsOf(long memberId) {
        return h.createQuery("SELECT group_id FROM community_group_members WHERE member_id = :m").bind("m", memberId).mapTo(Long.class).list();
    }

    public long insertThread(long groupId, String title, Instant now) {
        return h.createQuery("INSERT INTO community_threads (group_id, title, created_at) VALUES (:g, :t, :now) RETURNING id")
                .bind("g", groupId).bind("t", title).bind("now", now).mapTo(Long.class).one();
    }

    public record ThreadRow(long id, long groupId, String title, boolean locked, Instant createdAt) {
    }

    public Optional<ThreadRow> thread(long id) {
        return h.createQuery("SELECT id, group_id, title, locked, created_at FROM community_threads WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new ThreadRow(rs.getLong("id"), rs.getLong("group_id"), rs.getString("title"), rs.getBoolean("locked"),
                        rs.getTimestamp("created_at").toInstant())).findOne();
    }

    public List<ThreadRow> threads(long groupId, int limit) {
        return h.createQuery("SELECT id, group_id, title, locked, created_at FROM community_threads WHERE group_id = :g ORDER BY created_at DESC, id DESC LIMIT :n")
                .bind("g", groupId).bind("n", limit)
                .map((rs, ctx) -> new ThreadRow(rs.getLong("id"), rs.getLong("group_id"), rs.getString("title"), rs.getBoolean("locked"),
                        rs.getTimestamp("created_at").toInstant())).list();
    }

    public void lock(long threadId, boolean locked) {
        h.createUpdate("UPDATE community_threads SET locked = :l WHERE id = :id").bind("id", threadId).bind("l", locked).execute();
    }

    public long insertPost(long threadId, Long memberId, Long staffId, String staffName, boolean opening, String body, String status, List<String> terms, Instant now) {
        return h.createQuery("""
                INSERT INTO community_posts (thread_id, member_id, staff_id, staff_name, opening, body, status, terms, created_at)
                VALUES (:t, :m, :s, :sn, :o, :b, :status, :terms, :now) RETURNING id""")
                .bind("t", threadId).bind("m", memberId).bind("s", staffId).bind("sn", staffName).bind("o", opening).bind("b", body).bind("status", status)
                .bindArray("terms", String.class, terms).bind("now", now).mapTo(Long.class).one();
    }

    public List<Post> posts(long threadId) {
        return h.createQuery(POSTS + " WHERE p.thread_id = :t ORDER BY p.opening DESC, p.id").bind("t", threadId).map(POST).list();
    }

    public Optional<Post> post(long id) {
        return h.createQuery(POSTS + " WHERE p.id = :id").bind("id", id).map(POST).findOne();
    }

    public List<Post> awaiting(int limit) {
        return h.createQuery(POSTS + " WHERE p.status = 'held' OR (p.reports > 0 AND p.status = 'visible') ORDER BY p.id LIMIT :n")
                .bind("n", limit).map(POST).list();
    }

    public int visiblePostsBy(long memberId) {
        return h.createQuery("SELECT count(*) FROM community_posts WHERE member_id = :m AND status = 'visible'").bind("m", memberId)
                .mapTo(Integer.class).one();
    }

    public void setStatus(long postId, String status) {
        h.createUpdate("UPDATE community_posts SET status = :s WHERE id = :id").bind("id", postId).bind("s", status).execute();
    }

    public void report(long postId) {
        h.createUpdate("UPDATE community_posts SET reports = reports + 1 WHERE id = :id").bind("id", postId).execute();
    }

    public void helpful(long postId, boolean helpful) {
        h.createUpdate("UPDATE community_posts SET helpful = :h WHERE id = :id").bind("id", postId).bind("h", helpful).execute();
    }

    public void captured(long postId, long articleId) {
        h.createUpdate("UPDATE community_posts SET article_id = :a WHERE id = :id").bind("id", postId).bind("a", articleId).execute();
    }

    public Optional<Long> contactOf(Long memberId) {
        if (memberId == null) return Optional.empty();
        return h.createQuery("SELECT contact_id FROM community_members WHERE id = :m AND contact_id IS NOT NULL").bind("m", memberId)
                .mapTo(Long.class).findOne();
    }
}
