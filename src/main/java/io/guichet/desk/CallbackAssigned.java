package io.guichet.desk;

import io.guichet.platform.bus.Notice;

/** A callback of the queue was given to an agent: their console tells them. */
public record CallbackAssigned(long callbackId, long staffId) implements Notice {
}
