package io.guichet.live.internal;

import io.guichet.live.LiveSession;
import io.guichet.live.Question;
import io.guichet.people.TimelineEntry;

import java.time.Instant;
import java.util.Map;

/**
 * What live tells the asker's timeline (messages {@code timeline.live.*}): a question asked (public or
 * private), answered on the wall, turned into a help-centre draft. Votes are not told: they are not the
 * person's story. Session titles are kept in both languages ({@code session}, {@code session_en}).
 */
public final class TimelineEntries {
    public static final String MODULE = "live";

    public static TimelineEntry asked(Instant at, LiveSession s, Question q) {
        return entry(at, s, q.contactId(), q.visibility() == Question.Visibility.PRIVATE ? "live.asked_private" : "live.asked", null);
    }

    public static TimelineEntry answered(Instant at, LiveSession s, Question q, long staffId) {
        return entry(at, s, q.contactId(), "live.answered", staffId);
    }

    /** The entry refers to the draft, which the contact page links to. */
    public static TimelineEntry articleDrafted(Instant at, LiveSession s, Question q, long articleId, long staffId) {
        return new TimelineEntry(q.contactId(), at, MODULE, "live.article_drafted", titles(s), "article", Long.toString(articleId), staffId);
    }

    private static TimelineEntry entry(Instant at, LiveSession s, long contactId, String what, Long staffId) {
        return new TimelineEntry(contactId, at, MODULE, what, titles(s), "live_session", s.slug(), staffId);
    }

    private static Map<String, String> titles(LiveSession s) {
        return Map.of("session", s.title("fr"), "session_en", s.title("en"));
    }

    private TimelineEntries() {
    }
}
