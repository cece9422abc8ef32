package io.guichet.inbox;

import io.guichet.platform.bus.Notice;

/** A colleague was mentioned in an internal note: {@code staffId} is told, on whichever node their console is open. */
public record MentionMade(long conversationId, long messageId, long staffId) implements Notice {
}
