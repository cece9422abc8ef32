package io.guichet.inbox;

import io.guichet.platform.bus.Notice;

/** A message was stored (by the visitor, an agent, or the system for a change of state). */
public record MessageSent(long conversationId, long messageId) implements Notice {
}
