package io.guichet.desk;

import java.time.Instant;

/**
 * A student's incident during a sitting, as recorded by the helpdesk: who was told when ({@code notifiedAt}), who
 * acknowledged, whether it escalated to the faculty's back-up contact, and the outcome once decided.
 * {@code studentHasEmail} false: the student is mailed nothing (known by student number only) and the helpdesk gives
 * them their page's link in the chat or on the phone.
 */
public record Incident(long id, String clientId, Sitting sitting, long contactId, String studentName, Category category, String description,
                       Instant startedAt, Long conversationId, String callId, boolean afterEnd, Instant createdAt, Instant notifiedAt,
                       Instant acknowledgedAt, String acknowledgedBy, Instant escalatedAt, Outcome outcome, boolean studentHasEmail) {
    /** How the student rated the handling of their incident, once, after its outcome (1 to 5, a comment or null). */
    public record Rating(int score, String comment, Instant at) {
    }

    public enum State {
        OPEN, ESCALATED, ACKNOWLEDGED, DECIDED;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static State of(String key) {
            for (State s : values()) if (s.key().equals(key)) return s;
            return null;
        }
    }

    public State state() {
        if (outcome != null) return State.DECIDED;
        if (acknowledgedAt != null) return State.ACKNOWLEDGED;
        return escalatedAt != null ? State.ESCALATED : State.OPEN;
    }
}
