package io.guichet.people;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Everything the contact page and the API show about a person. {@link Contact} is the cheap form read on every
 * chat message; this one is read when staff open or list contacts. Visitor tokens are never part of it.
 * {@code claimedEmails} are addresses a visitor typed in the chat, which prove nothing (see the package doc).
 * {@code fields} holds the values of the admin's custom fields by key: text and dates (ISO) as strings, numbers as
 * {@link java.math.BigDecimal}.
 */
public record ContactRecord(long id, String name, String lang, List<String> kinds, List<String> emails, List<String> phones,
                            String studentNumber, List<String> messengerIds, List<String> claimedEmails,
                            String programme, Integer graduationYear, String organisation, String city, String postalCode,
                            String country, List<String> tags, Map<String, Object> fields,
                            Instant createdAt, Instant updatedAt, Instant lastActivityAt) {
    public ContactRecord {
        kinds = List.copyOf(kinds);
        emails = List.copyOf(emails);
        phones = List.copyOf(phones);
        messengerIds = List.copyOf(messengerIds);
        claimedEmails = List.copyOf(claimedEmails);
        tags = List.copyOf(tags);
        fields = Map.copyOf(fields);
    }

    /** As {@link Contact#label()}. */
    public String label() {
        return Contact.label(name, email());
    }

    /** As {@link Contact#displayName}. */
    public String displayName(io.guichet.platform.web.Messages.Localizer t) {
        return Contact.displayName(label(), t);
    }

    /** The primary email: the first of {@link #emails}, else the one the visitor typed. */
    public String email() {
        return !emails.isEmpty() ? emails.getFirst() : claimedEmails.isEmpty() ? null : claimedEmails.getFirst();
    }
}
