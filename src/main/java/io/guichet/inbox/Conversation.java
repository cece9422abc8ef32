package io.guichet.inbox;

import java.time.Instant;

/**
 * A conversation between a contact and a service, as staff and the visitor's panel see it.
 * {@code liveSession} is the slug of the live Q&A session it was asked in, or null.
 */
public record Conversation(long id, long serviceId, String serviceSlug, long contactId,
                           Status status, Long assigneeId, boolean offline, String lang,
                           int lastSeq, Instant createdAt, Instant lastMessageAt, String preview, String liveSession) {

    public enum Status {
        WAITING, OPEN, RESOLVED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromCode(String code) {
            for (Status s : values()) if (s.code().equals(code)) return s;
            throw new IllegalArgumentException("Unknown status " + code);
        }
    }
}
