package io.guichet.channels.internal;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** SQL of inbound mail: stored raw first (once per Message-ID), then marked with what became of it. */
public final class InboundDao {
    private final Handle h;

    public InboundDao(Handle h) {
        this.h = h;
    }

    /** Stores the raw mail unless one with this Message-ID is already here; empty then (a redelivery). */
    public Optional<Long> store(String messageId, byte[] raw, int size) {
        return h.createQuery("""
                        INSERT INTO email_inbound (message_id, raw, size) VALUES (:m, :raw, :size)
                        ON CONFLICT (message_id) DO NOTHING RETURNING id""")
                .bind("m", messageId).bind("raw", raw).bind("size", size).mapTo(Long.class).findOne();
    }

    public record Stored(long id, byte[] raw, int size) {
    }

    /** The mails stored and not yet handled, oldest first, each locked so that one node handles it. */
    public List<Stored> waiting(int limit) {
        return h.createQuery("SELECT id, raw, size FROM email_inbound WHERE status = 'stored' ORDER BY id LIMIT :l FOR UPDATE SKIP LOCKED")
                .bind("l", limit).map((rs, ctx) -> new Stored(rs.getLong("id"), rs.getBytes("raw"), rs.getInt("size"))).list();
    }

    public void mark(long id, String status, String reason, String from, String subject, Long conversationId, Long contactId) {
        h.createUpdate("""
                        UPDATE email_inbound SET status = :s, reason = :r, from_address = :f, subject = :subject,
                               conversation_id = :c, contact_id = :contact, handled_at = now() WHERE id = :id""")
                .bind("id", id).bind("s", status).bind("r", reason).bind("f", from).bind("subject", subject)
                .bind("c", conversationId).bind("contact", contactId).execute();
    }

    public record Row(long id, String messageId, String status, String reason, String from, String subject, Long conversationId) {
    }

    private static final String ROW = "SELECT id, message_id, status, reason, from_address, subject, conversation_id FROM email_inbound ";
    private static final org.jdbi.v3.core.mapper.RowMapper<Row> ROWS = (rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getString(4), rs.getString(5), rs.getString(6), (Long) rs.getObject(7));

    public Optional<Row> find(long id) {
        return h.createQuery(ROW + "WHERE id = :id").bind("id", id).map(ROWS).findOne();
    }

    public Optional<byte[]> raw(long id) {
        return h.createQuery("SELECT raw FROM email_inbound WHERE id = :id").bind("id", id).mapTo(byte[].class).findOne();
    }

    /** The inbound mails of a conversation, oldest first: what staff may open raw. */
    public List<Row> ofConversation(long conversationId) {
        return h.createQuery(ROW + "WHERE conversation_id = :c ORDER BY id").bind("c", conversationId).map(ROWS).list();
    }
}
