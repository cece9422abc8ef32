package io.guichet.kb;

import java.time.Instant;

/** One saved version of an article: who saved it, when, and what it said. */
public record Revision(int number, String title, String body, Article.Status status, Long authorId, Instant createdAt) {
}
