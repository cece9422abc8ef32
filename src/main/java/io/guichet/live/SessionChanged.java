package io.guichet.live;

import io.guichet.platform.bus.Notice;

/** A session was created, edited, started, ended, or changed its highlighted question. */
public record SessionChanged(long sessionId) implements Notice {
}
