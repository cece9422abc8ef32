package io.guichet.inbox;

import java.time.Instant;

/**
 * One message of a conversation; {@code seq} is gapless within the conversation. {@code attachment} is the file sent
 * with it, or null; the body of such a message is the file's name, so lists, search and mails still say what it is.
 */
public record Message(long id, long conversationId, int seq, Author author, Long authorStaffId, String body,
                      boolean internal, String clientId, Instant createdAt, Attachment attachment) {

    public Message withAttachment(Attachment a) {
        return new Message(id, conversationId, seq, author, authorStaffId, body, internal, clientId, createdAt, a);
    }

    public enum Author {
        VISITOR, AGENT, SYSTEM;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
