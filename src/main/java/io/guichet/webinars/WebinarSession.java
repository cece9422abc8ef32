package io.guichet.webinars;

import java.time.Instant;
import java.util.List;

/**
 * One webinar or mini-talk: an occurrence of a series, a slot of an event (with its track) or a session of its own.
 * {@code capacity} null is unlimited; {@code registered} is the seats taken; {@code externalUrl} is the pasted
 * Teams/Zoom/Meet link used when no BigBlueButton is configured; {@code liveSessionId} is its Q&A wall (module live).
 */
public record WebinarSession(long id, Long seriesId, Long eventId, String track, String kind, String titleFr, String titleEn,
                             String descriptionFr, String descriptionEn, List<String> speakers, Integer capacity, String lang,
                             List<String> audiences, Instant startsAt, Instant endsAt, String externalUrl, Long liveSessionId,
                             int icsSequence, int registered, Instant cancelledAt) {
    public String title(String reader) {
        return "en".equals(reader) ? titleEn : titleFr;
    }

    public String description(String reader) {
        return "en".equals(reader) ? descriptionEn : descriptionFr;
    }

    public boolean isFull() {
        return capacity != null && registered >= capacity;
    }

    /** Seats still free; null when the session has no limit. */
    public Integer seatsLeft() {
        return capacity == null ? null : Math.max(0, capacity - registered);
    }
}
