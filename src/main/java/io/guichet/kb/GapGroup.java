package io.guichet.kb;

import java.time.Instant;
import java.util.List;

/** Similar searches or visitor questions that found nothing good: what to write next, most frequent first. */
public record GapGroup(String lang, int count, List<String> examples, Instant lastSeen, int fromChat) {
}
