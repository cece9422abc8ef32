package io.guichet.kb;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * An article readers said did not help: its "Non" of the period, its totals, what was missing
 * (reason code → count, in {@link KbService#VOTE_REASONS}'s order) and the latest comments.
 */
public record Unhelpful(long articleId, String title, String lang, int noInPeriod, int helpfulYes, int helpfulNo,
                        Map<String, Integer> reasons, List<String> comments, Instant lastSeen) {
}
