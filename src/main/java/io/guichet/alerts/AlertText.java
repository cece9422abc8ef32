package io.guichet.alerts;

/** One language's message: the short one (push, banner, subject: at most {@link Texts#SHORT_MAX} characters) and the long one (mail, page). */
public record AlertText(String shortText, String longText) {
}
