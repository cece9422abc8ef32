package io.guichet.people;

import java.time.Instant;
import java.util.List;

/** A contact's side of a duplicate comparison: what staff read to tell whether two records are the same person. */
public record ContactSummary(long id, String name, String city, String programme, List<String> kinds, List<String> emails,
                             List<String> phones, Instant createdAt, Instant lastActivityAt) {
    /** As {@link Contact#label()}. */
    public String label() {
        return Contact.label(name, emails.isEmpty() ? null : emails.getFirst());
    }

    /** As {@link Contact#displayName}. */
    public String displayName(io.guichet.platform.web.Messages.Localizer t) {
        return Contact.displayName(label(), t);
    }
}
