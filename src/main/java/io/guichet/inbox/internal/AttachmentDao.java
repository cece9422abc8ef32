package io.guichet.inbox.internal;

import io.guichet.inbox.Attachment;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/** SQL of the files sent in conversations. */
public final class AttachmentDao {
    private final Handle h;

    public AttachmentDao(Handle h) {
        this.h = h;
    }

    public Attachment insert(long conversationId, long messageId, String name, String contentType, byte[] data) {
        long id = h.createQuery("""
                        INSERT INTO inbox_attachments (conversation_id, message_id, name, content_type, size, data)
                        VALUES (:c, :m, :n, :t, :s, :d) RETURNING id""")
                .bind("c", conversationId).bind("m", messageId).bind("n", name).bind("t", contentType).bind("s", data.length)
                .bind("d", data).mapTo(Long.class).one();
        return new Attachment(id, name, contentType, data.length);
    }

    /** The file's description and its conversation (whose rights decide who may read it). */
    public record Located(Attachment attachment, long conversationId, boolean internal) {
    }

    public Optional<Located> find(long id) {
        return h.createQuery("""
                        SELECT a.id, a.name, a.content_type, a.size, a.conversation_id, m.internal
                        FROM inbox_attachments a JOIN messages m ON m.id = a.message_id WHERE a.id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new Located(new Attachment(rs.getLong("id"), rs.getString("name"), rs.getString("content_type"),
                        rs.getInt("size")), rs.getLong("conversation_id"), rs.getBoolean("internal")))
                .findOne();
    }

    /** Copies the bytes to {@code out} from the row's stream (the driver holds one row, at most the size limit, not a list of them). */
    public void copyTo(long id, OutputStream out) {
        h.createQuery("SELECT data FROM inbox_attachments WHERE id = :id").bind("id", id).map((rs, ctx) -> {
            try (InputStream in = rs.getBinaryStream("data")) {
                return in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }).findOne();
    }

    /** Erasure: the files of every conversation of the contact go, whatever else is kept (a screenshot is personal data). */
    public void deleteOfContact(long contactId) {
        h.createUpdate("DELETE FROM inbox_attachments WHERE conversation_id IN (SELECT id FROM conversations WHERE contact_id = :c)")
                .bind("c", contactId).execute();
    }
}
