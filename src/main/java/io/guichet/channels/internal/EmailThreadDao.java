package io.guichet.channels.internal;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** SQL of conversations' mail threads: their root and last Message-ID, and every Message-ID seen in them. */
public final class EmailThreadDao {
    private final Handle h;

    public EmailThreadDao(Handle h) {
        this.h = h;
    }

    public record Thread(String rootMessageId, String lastMessageId) {
    }

    public Optional<Thread> thread(long conversationId) {
        return h.createQuery("SELECT root_message_id, last_message_id FROM email_threads WHERE conversation_id = :c")
                .bind("c", conversationId).map((rs, ctx) -> new Thread(rs.getString(1), rs.getString(2))).findOne();
    }

    /** A mail of the thread, ours or the visitor's: the first is its root, each the one the next mail answers. */
    public void add(long conversationId, String messageId) {
        h.createUpdate("""
                        INSERT INTO email_threads (conversation_id, root_message_id, last_message_id) VALUES (:c, :m, :m)
                        ON CONFLICT (conversation_id) DO UPDATE SET last_message_id = excluded.last_message_id""")
                .bind("c", conversationId).bind("m", messageId).execute();
        h.createUpdate("INSERT INTO email_thread_messages (message_id, conversation_id) VALUES (:m, :c) ON CONFLICT DO NOTHING")
                .bind("c", conversationId).bind("m", messageId).execute();
    }

    /** The conversation of the newest of these Message-IDs that is in a thread (an answer's In-Reply-To and References). */
    public Optional<Long> conversationOf(List<String> messageIds) {
        if (messageIds.isEmpty()) return Optional.empty();
        return h.createQuery("""
                        SELECT t.conversation_id FROM unnest(:ids) WITH ORDINALITY AS a(id, n)
                        JOIN email_thread_messages t ON t.message_id = a.id ORDER BY a.n DESC LIMIT 1""")
                .bindArray("ids", String.class, messageIds.toArray()).mapTo(Long.class).findOne();
    }
}
