package io.guichet.platform.mail;

import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A mail to queue: to whom (address, name, language), why ({@link Purpose}; the contact is required when
 * the purpose needs consent, and is told the outcome), what ({@link MailBody}: a template kind and its model)
 * and, for a reply in a thread, the {@code Message-ID} it answers and the thread's references; {@code fromName}
 * (the sender's display name, default the institution's), {@code replyTo} (where answers go, default the From) and the
 * files it carries ({@link MailAttachment}: single mails only, {@link Outbox#queueAll} refuses them).
 */
public record OutgoingMail(String to, String toName, String lang, Purpose purpose, Long contactId, String subject,
                           MailBody body, String inReplyTo, List<String> references, String fromName, String replyTo,
                           List<MailAttachment> attachments) {
    /** A Message-ID as RFC 5322 writes it: what In-Reply-To and References may hold (no space, so no header can be forged). */
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");

    /**
     * Refuses at the boundary what a header cannot carry: an address that is not one ({@code 422 invalid}, field
     * {@code to}), a line break or control character in the subject or name ({@code 422}), a thread id that is not a
     * Message-ID.
     */
    public OutgoingMail {
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(body, "body");
        if (Fields.optionalEmail("to", to) == null || !to.equals(to.strip()) || !sendable(to)) {
            throw ApiError.invalid("to", "to is not a valid email address");
        }
        Fields.required("subject", subject, 400);
        Fields.refuseControlCharacters("toName", toName, false);
        Fields.refuseControlCharacters("fromName", fromName, false);
        if (replyTo != null && !sendable(replyTo)) throw new IllegalArgumentException("replyTo is not a sendable address: " + replyTo);
        if (inReplyTo != null && !MESSAGE_ID.matcher(inReplyTo).matches()) throw new IllegalArgumentException("inReplyTo is not a Message-ID");
        if (references != null && !references.stream().allMatch(r -> MESSAGE_ID.matcher(r).matches())) {
            throw new IllegalArgumentException("references are Message-IDs");
        }
        if (!"fr".equals(lang) && !"en".equals(lang)) throw new IllegalArgumentException("lang is fr or en: " + lang);
        if (purpose.needsConsent() && contactId == null) throw new IllegalArgumentException("a " + purpose.key() + " mail needs its contact");
        references = references == null ? List.of() : List.copyOf(references);
        attachments = attachments == null ? List.of() : List.copyOf(attachments);
    }

    /** What the SMTP client will take (strict RFC 822, ASCII: servers without SMTPUTF8 are still common). */
    private static boolean sendable(String address) {
        try {
            jakarta.mail.internet.InternetAddress parsed = new jakarta.mail.internet.InternetAddress(address, true);
            parsed.validate();
            return parsed.getAddress().equals(address) && parsed.getPersonal() == null && address.chars().allMatch(c -> c < 128);
        } catch (jakarta.mail.internet.AddressException e) {
            return false;
        }
    }

    /** A mail that starts no thread. */
    public static OutgoingMail of(String to, String toName, String lang, Purpose purpose, Long contactId, String subject, MailBody body) {
        return new OutgoingMail(to, toName, lang, purpose, contactId, subject, body, null, List.of(), null, null, List.of());
    }

    /** The same mail as a reply to {@code inReplyTo}, within the thread of {@code references} (oldest first). */
    public OutgoingMail replyingTo(String inReplyTo, List<String> references) {
        return new OutgoingMail(to, toName, lang, purpose, contactId, subject, body, inReplyTo, references, fromName, replyTo, attachments);
    }

    /** The same mail signed by {@code fromName} and answered at {@code replyTo}. */
    public OutgoingMail from(String fromName, String replyTo) {
        return new OutgoingMail(to, toName, lang, purpose, contactId, subject, body, inReplyTo, references, fromName, replyTo, attachments);
    }

    /** The same mail carrying one more file. */
    public OutgoingMail attaching(MailAttachment file) {
        List<MailAttachment> all = new java.util.ArrayList<>(attachments);
        all.add(file);
        return new OutgoingMail(to, toName, lang, purpose, contactId, subject, body, inReplyTo, references, fromName, replyTo, all);
    }
}
