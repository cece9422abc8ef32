package io.guichet.live;

import io.guichet.platform.bus.Notice;

/** A question was asked, approved, edited, merged, answered or dismissed. */
public record QuestionChanged(long sessionId, long questionId) implements Notice {
}
