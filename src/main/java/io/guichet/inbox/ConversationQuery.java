package io.guichet.inbox;

import java.time.Instant;

/**
 * What a search over conversations asks; every part may be null (no filter). {@code text} is found in the messages
 * (notes included: only staff search) and in the contact's name or email; {@code status} is waiting, open, resolved
 * or snoozed (a snoozed conversation is none of the first two until it returns); {@code channel} is "widget" or an
 * origin's kind ("live"); {@code from} and {@code until} bound when it started.
 */
public record ConversationQuery(String text, Long contactId, Long serviceId, String status, String channel,
                                Instant from, Instant until, Long labelId, Long assigneeId) {
    public static final ConversationQuery EVERYTHING = new ConversationQuery(null, null, null, null, null, null, null, null, null);
    public static final String WIDGET = "widget";

    /** Whether it filters at all. */
    public boolean isEmpty() {
        return equals(EVERYTHING);
    }
}
