package io.guichet.alerts;

import java.time.Instant;

/** A follow-up (to everyone or to those who have not answered) or the all-clear, in the order sent. */
public record AlertUpdate(long id, long alertId, int seq, boolean allClear, Texts texts, boolean onlyUnanswered, Instant at) {
}
