package io.guichet.inbox.internal;

import io.guichet.inbox.Origin;
import io.guichet.people.TimelineEntry;
import io.guichet.services.ServiceQueue;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * What the inbox tells a contact's timeline (messages {@code timeline.chat.*}): a conversation started,
 * assigned, resolved — never each message, so the chat's hot path gains one INSERT per conversation at most.
 * Each refers to the conversation ({@code conversation}, its id), which the contact page links to.
 */
public final class TimelineEntries {
    public static final String MODULE = "inbox";
    public static final String CONVERSATION = "conversation";

    /** Service names are kept in both languages ({@code service}, {@code service_en}): the timeline is read in either. */
    public static TimelineEntry started(Instant at, long contactId, long conversationId, ServiceQueue service, Origin origin) {
        Map<String, String> params = new HashMap<>(Map.of("service", service.nameFr(), "service_en", service.nameEn()));
        boolean live = origin != null && Origin.LIVE.equals(origin.kind());
        if (live) params.put("session", origin.ref());
        return new TimelineEntry(contactId, at, MODULE, live ? "chat.started_live" : "chat.started", params,
                CONVERSATION, Long.toString(conversationId), null);
    }

    /** {@code staffId} is the one it was given to. */
    public static TimelineEntry assigned(Instant at, long contactId, long conversationId, long staffId) {
        return new TimelineEntry(contactId, at, MODULE, "chat.assigned", Map.of(), CONVERSATION, Long.toString(conversationId), staffId);
    }

    /** The outcome: whether anyone of the staff had answered the visitor before it was resolved. */
    public static TimelineEntry resolved(Instant at, long contactId, long conversationId, long staffId, boolean answered) {
        return new TimelineEntry(contactId, at, MODULE, answered ? "chat.resolved" : "chat.resolved_unanswered", Map.of(),
                CONVERSATION, Long.toString(conversationId), staffId);
    }

    private TimelineEntries() {
    }
}
