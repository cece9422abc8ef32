package io.guichet.community;

import java.time.Instant;

/** A reverse-mentoring round: its name and how many mentees a mentor takes at most. */
public record Round(long id, String name, int maxMentees, Instant createdAt) {
}
