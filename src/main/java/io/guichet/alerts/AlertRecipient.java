package io.guichet.alerts;

import java.time.Instant;
import java.util.List;

/**
 * A person an alert reached: who, how to write to them (their number only when the alert took SMS), and their answer
 * ({@code none}, {@code safe}, {@code help}).
 */
public record AlertRecipient(long contactId, String name, String email, String lang, List<Long> mailIds, String state, String message,
                             String location, Instant openedAt, Instant answeredAt, Long conversationId, String phone) {
}
