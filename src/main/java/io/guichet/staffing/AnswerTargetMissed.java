package io.guichet.staffing;

import io.guichet.platform.bus.Notice;

/** A waiting conversation passed its service's first-response target (told once); the leads see it live. */
public record AnswerTargetMissed(long conversationId, long serviceId, int targetSeconds) implements Notice {
}
