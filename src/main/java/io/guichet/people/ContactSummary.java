package io.guichet.people;

import java.time.Instant;
import java.util.List;

/** A contact's side of a duplicate comparison: what staff read to tell whether two records are the same person. */
public record ContactSummary(long id, String name, String city, String programme, List<String> kinds, List<String> emails,
                             List<String> phones, Instant createdAt, Instant lastActivityAt) {
    public String displayName() {
        return name == null || name.isBlank() ? "#" + id : name;
    }
}
