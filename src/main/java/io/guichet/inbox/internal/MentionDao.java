package io.guichet.inbox.internal;

import io.guichet.inbox.Mention;
import org.jdbi.v3.core.Handle;

import java.util.List;

/** SQL of the mentions in internal notes. */
public final class MentionDao {
    private final Handle h;

    public MentionDao(Handle h) {
        this.h = h;
    }

    public void insert(long conversationId, long messageId, long staffId, long byStaffId) {
        h.createUpdate("""
                        INSERT INTO inbox_mentions (conversation_id, message_id, staff_id, by_staff_id) VALUES (:c, :m, :s, :by)
                        ON CONFLICT (message_id, staff_id) DO NOTHING""")
                .bind("c", conversationId).bind("m", messageId).bind("s", staffId).bind("by", byStaffId).execute();
    }

    /** The staff member's latest mentions with their conversation's service and assignee (the reader's right is checked on them). */
    public List<Mention> ofStaff(long staffId, int limit) {
        return h.createQuery("""
                        SELECT i.id, i.conversation_id, i.message_id, i.by_staff_id, left(m.body, 140) AS excerpt, i.created_at,
                               i.read_at IS NULL AS unread, c.service_id, c.assignee_id, c.contact_id
                        FROM inbox_mentions i JOIN messages m ON m.id = i.message_id JOIN conversations c ON c.id = i.conversation_id
                        WHERE i.staff_id = :s ORDER BY i.created_at DESC, i.id DESC LIMIT :l""")
                .bind("s", staffId).bind("l", limit)
                .map((rs, ctx) -> new Mention(rs.getLong("id"), rs.getLong("conversation_id"), rs.getLong("message_id"), rs.getLong("by_staff_id"),
                        rs.getString("excerpt"), rs.getTimestamp("created_at").toInstant(), rs.getBoolean("unread"), rs.getLong("service_id"),
                        (Long) rs.getObject("assignee_id"), rs.getLong("contact_id")))
                .list();
    }

    /** Opening the conversation reads its mentions of this person; how many were unread. */
    public int markRead(long staffId, long conversationId) {
        return h.createUpdate("UPDATE inbox_mentions SET read_at = now() WHERE staff_id = :s AND conversation_id = :c AND read_at IS NULL")
                .bind("s", staffId).bind("c", conversationId).execute();
    }
}
