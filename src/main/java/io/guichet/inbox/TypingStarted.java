package io.guichet.inbox;

import io.guichet.platform.bus.Notice;

/** Someone is typing in a conversation (at most one notice a second per socket); never stored. */
public record TypingStarted(long conversationId, boolean byVisitor) implements Notice {
}
