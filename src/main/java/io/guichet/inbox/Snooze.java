package io.guichet.inbox;

import java.time.Instant;

/** A snoozed conversation returns at {@code until}, or when the visitor next writes if {@code until} is null. */
public record Snooze(Instant until) {
    public boolean untilReply() {
        return until == null;
    }
}
