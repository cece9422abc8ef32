package io.guichet.platform.mail;

import io.guichet.platform.Markdown;

/**
 * What a mail says: a template kind and its model. The kind names two JTE templates, {@code mail/<kind>.jte}
 * (the HTML part, escaped) and {@code jte-text/mail/<kind>.jte} (the plain-text part); both receive the
 * frame ({@link MailFrame}: institution, language, unsubscribe link) as {@code frame} and this model as
 * {@code model}. A module adds a kind by adding its two templates.
 */
public record MailBody(String kind, Object model) {
    public MailBody {
        if (kind == null || !kind.matches("[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*")) throw new IllegalArgumentException("kind: " + kind);
    }

    /** The generic kind: a message staff wrote (or a bulk message), its Markdown rendered safely once. */
    public static MailBody written(String markdown) {
        return new MailBody("message", Written.of(markdown));
    }

    /** A staff-written body as safe HTML (commonmark, then the sanitiser's allow-list) and as plain text. */
    public record Written(String html, String text) {
        public static Written of(String markdown) {
            return new Written(Markdown.html(markdown), Markdown.text(markdown));
        }
    }
}
