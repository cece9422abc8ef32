package io.guichet.webinars;

import java.time.Instant;
import java.util.Map;

/**
 * One person's place in one session: registered, waitlisted (in {@code arrival} order) or cancelled; {@code answers}
 * to the form's questions by question id ({@link RegistrationQuestion}); {@code postalCode}, Canadian and normalised, when given.
 */
public record Registration(long id, long sessionId, Long seriesRegistrationId, long contactId, String email, String name, String lang,
                           String clientId, Status status, long arrival, Instant createdAt, Map<String, Object> answers, String postalCode) {
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
