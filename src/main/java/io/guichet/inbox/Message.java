package io.guichet.inbox;

import java.time.Instant;

/** One message of a conversation; {@code seq} is gapless within the conversation. */
public record Message(long id, long conversationId, int seq, Author author, Long authorStaffId, String body,
                      boolean internal, String clientId, Instant createdAt) {

    public enum Author {
        VISITOR, AGENT, SYSTEM;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
