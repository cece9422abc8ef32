package io.guichet.platform.mail;

import java.util.List;
import java.util.Objects;

/**
 * A mail to queue: to whom (address, name, language), why ({@link Purpose}; the contact is required when
 * the purpose needs consent, and is told the outcome), what ({@link MailBody}: a template kind and its model)
 * and, for a reply in a thread, the {@code Message-ID} it answers and the thread's references.
 */
public record OutgoingMail(String to, String toName, String lang, Purpose purpose, Long contactId, String subject,
                           MailBody body, String inReplyTo, List<String> references) {
    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        if (!"fr".equals(lang) && !"en".equals(lang)) throw new IllegalArgumentException("lang is fr or en: " + lang);
        if (purpose.needsConsent() && contactId == null) throw new IllegalArgumentException("a " + purpose.key() + " mail needs its contact");
        references = references == null ? List.of() : List.copyOf(references);
    }

    /** A mail that starts no thread. */
    public static OutgoingMail of(String to, String toName, String lang, Purpose purpose, Long contactId, String subject, MailBody body) {
        return new OutgoingMail(to, toName, lang, purpose, contactId, subject, body, null, List.of());
    }

    /** The same mail as a reply to {@code inReplyTo}, within the thread of {@code references} (oldest first). */
    public OutgoingMail replyingTo(String inReplyTo, List<String> references) {
        return new OutgoingMail(to, toName, lang, purpose, contactId, subject, body, inReplyTo, references);
    }
}
