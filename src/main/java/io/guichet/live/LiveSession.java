package io.guichet.live;

import java.time.Instant;
import java.util.List;

/**
 * A live Q&A night. It is live from its start (by hand, or at {@code startsAt}) until its end (by hand,
 * or at {@code endsAt}); an ended session never reopens.
 */
public record LiveSession(long id, String slug, String titleFr, String titleEn, String descriptionFr, String descriptionEn,
                          Instant startsAt, Instant endsAt, boolean preModeration, boolean allowAnonymous,
                          List<String> blocklist, Instant startedAt, Instant endedAt, Long highlightedQuestionId,
                          int peakViewers, List<Long> serviceIds) {

    public enum Phase {
        UPCOMING, LIVE, ENDED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public Phase phase(Instant now) {
        if (endedAt != null || !now.isBefore(endsAt)) return Phase.ENDED;
        if (startedAt != null || !now.isBefore(startsAt)) return Phase.LIVE;
        return Phase.UPCOMING;
    }

    public String title(String lang) {
        return "en".equals(lang) ? titleEn : titleFr;
    }

    public String description(String lang) {
        return "en".equals(lang) ? descriptionEn : descriptionFr;
    }
}
