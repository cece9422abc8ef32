package io.guichet.people;

import java.time.Instant;

/** A person the institution talks with: here, someone who opened the chat on the web site. */
public record Contact(long id, String name, String email, String lang, Instant createdAt) {
    /** The name to show staff; visitors who gave none are shown by number. */
    public String displayName() {
        return name == null || name.isBlank() ? "#" + id : name;
    }
}
