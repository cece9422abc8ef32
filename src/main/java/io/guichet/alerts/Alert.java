package io.guichet.alerts;

import java.time.Instant;
import java.util.List;

/**
 * An alert as stored: a {@code draft} until a second person approves it, then {@code sending} (its banner shown, its
 * mails leaving, acknowledgements coming in) until the all-clear closes it.
 */
public record Alert(long id, Long templateId, Status status, String category, String severity, Audience audience, List<String> channels,
                    String helpService, Texts texts, long createdBy, String createdByName, Instant createdAt, Long approvedBy,
                    String approvedByName, Instant approvedAt, boolean approvedAlone, Instant closedAt, boolean singlePersonTemplate) {
    public enum Status {
        DRAFT, SENDING, CLOSED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status of(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    /** The channels an alert may take; SMS only once the institution's gateway is set (alerts settings). */
    public static final List<String> CHANNELS = List.of("mail", "banner", "push");

    public boolean isOpen() {
        return status == Status.SENDING;
    }
}
