package io.guichet.webinars;

import java.time.Instant;

/** One person's place in one session: registered, waitlisted (in {@code arrival} order) or cancelled. */
public record Registration(long id, long sessionId, Long seriesRegistrationId, long contactId, String email, String name, String lang,
                           String clientId, Status status, long arrival, Instant createdAt) {
    public enum Status {
        REGISTERED, WAITLISTED, CANCELLED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }
}
