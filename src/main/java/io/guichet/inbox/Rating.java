package io.guichet.inbox;

import java.time.Instant;

/** The visitor's rating of a resolved conversation: 1 (very badly) to 5 (very well), and what they added, or null. */
public record Rating(long conversationId, int score, String comment, Instant ratedAt) {
}
