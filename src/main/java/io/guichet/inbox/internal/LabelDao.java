package io.guichet.inbox.internal;

import io.guichet.inbox.Label;
import io.guichet.inbox.LabelService;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL of labels and of the labels put on conversations. */
public final class LabelDao {
    private static final RowMapper<Label> LABEL = (rs, ctx) -> new Label(rs.getLong("id"), rs.getString("name"), rs.getString("colour"));
    private final Handle h;

    public LabelDao(Handle h) {
        this.h = h;
    }

    public List<Label> all() {
        return h.createQuery("SELECT id, name, colour FROM inbox_labels").map(LABEL).list();
    }

    public Optional<Label> find(long id) {
        return h.createQuery("SELECT id, name, colour FROM inbox_labels WHERE id = :id").bind("id", id).map(LABEL).findOne();
    }

    /** Whether another label has this name, case- and accent-blind. */
    public boolean nameTaken(String name, long exceptId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM inbox_labels WHERE people_fold(name) = people_fold(:n) AND id <> :id)")
                .bind("n", name).bind("id", exceptId).mapTo(Boolean.class).one();
    }

    public Label insert(String name, String colour) {
        return h.createQuery("INSERT INTO inbox_labels (name, colour) VALUES (:n, :c) RETURNING id, name, colour")
                .bind("n", name).bind("c", colour).map(LABEL).one();
    }

    public Optional<Label> update(long id, String name, String colour) {
        return h.createQuery("UPDATE inbox_labels SET name = :n, colour = :c WHERE id = :id RETURNING id, name, colour")
                .bind("id", id).bind("n", name).bind("c", colour).map(LABEL).findOne();
    }

    public boolean delete(long id) {
        return h.createUpdate("DELETE FROM inbox_labels WHERE id = :id").bind("id", id).execute() > 0;
    }

    public List<Long> ofConversation(long conversationId) {
        return h.createQuery("SELECT label_id FROM conversation_labels WHERE conversation_id = :c ORDER BY label_id")
                .bind("c", conversationId).mapTo(Long.class).list();
    }

    /** True when it was not there yet. */
    public boolean add(long conversationId, long labelId, long staffId) {
        return h.createUpdate("""
                        INSERT INTO conversation_labels (conversation_id, label_id, added_by) VALUES (:c, :l, :s)
                        ON CONFLICT DO NOTHING""")
                .bind("c", conversationId).bind("l", labelId).bind("s", staffId).execute() > 0;
    }

    public boolean remove(long conversationId, long labelId) {
        return h.createUpdate("DELETE FROM conversation_labels WHERE conversation_id = :c AND label_id = :l")
                .bind("c", conversationId).bind("l", labelId).execute() > 0;
    }

    /** Per label, the conversations started in [from, until) that carry it and how many of those are resolved. */
    public List<LabelService.LabelCount> counts(Instant from, Instant until) {
        return h.createQuery("""
                        SELECT l.id, l.name, l.colour, count(c.id) AS conversations, count(c.id) FILTER (WHERE c.status = 'resolved') AS resolved
                        FROM inbox_labels l
                        LEFT JOIN conversation_labels cl ON cl.label_id = l.id
                        LEFT JOIN conversations c ON c.id = cl.conversation_id AND c.created_at >= :from AND c.created_at < :until
                        GROUP BY l.id""")
                .bind("from", Timestamp.from(from)).bind("until", Timestamp.from(until))
                .map((rs, ctx) -> new LabelService.LabelCount(LABEL.map(rs, ctx), rs.getLong("conversations"), rs.getLong("resolved"))).list();
    }
}
