package io.guichet.alerts;

import io.guichet.platform.bus.Notice;

/** An alert changed (drafted, sent, updated, closed, answered): its banner, its dashboard and the approvers refresh. */
public record AlertChanged(long alertId, String change, long authorId) implements Notice {
}
