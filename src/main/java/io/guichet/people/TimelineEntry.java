package io.guichet.people;

import java.time.Instant;
import java.util.Map;

/**
 * One thing that happened with a contact, as the module that did it tells it: {@code module} and
 * {@code what} name the event ({@code "inbox"}, {@code "chat.resolved"}), {@code params} carry what the
 * sentence needs in either language (message key {@code timeline.<what>}), {@code refKind}/{@code refId}
 * the thing itself so the contact page can link to it. {@code staffId} is who did it, when staff did.
 */
public record TimelineEntry(long contactId, Instant at, String module, String what, Map<String, String> params,
                            String refKind, String refId, Long staffId) {
    public TimelineEntry {
        if (module == null || module.isBlank() || what == null || !what.matches("[a-z]+(\\.[a-z_]+)+"))
            throw new IllegalArgumentException("A timeline entry names its module and what happened as module.event, not " + what);
        params = params == null ? Map.of() : Map.copyOf(params);
    }

    /** The usual case: something that happened now, about a thing of the module, done by no one in particular. */
    public static TimelineEntry of(long contactId, String module, String what, Map<String, String> params, String refKind, String refId) {
        return new TimelineEntry(contactId, Instant.now(), module, what, params, refKind, refId, null);
    }
}
