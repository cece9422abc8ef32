package io.guichet.platform.mail;

import java.time.Duration;
import java.time.Instant;

/**
 * The outbox at a glance, for {@code /health}'s details and {@code /metrics}: mails waiting to be sent, how
 * long the oldest has waited, and this node's last SMTP error (its reply code and words, no address or
 * password), null when the last try succeeded.
 */
public record MailStatus(boolean delivers, long queued, Duration oldestWait, String lastError, Instant lastErrorAt) {
}
