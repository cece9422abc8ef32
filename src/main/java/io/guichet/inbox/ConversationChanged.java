package io.guichet.inbox;

import io.guichet.platform.bus.Notice;

/** A conversation was created, assigned, transferred, resolved or reopened. */
public record ConversationChanged(long conversationId, long serviceId) implements Notice {
}
