package io.guichet.people;

import java.time.Instant;

/**
 * A person the institution talks with, in the cheap form read on every chat message (through a cache): what a
 * conversation needs to name them and answer in their language. The contact page reads {@link ContactRecord}.
 * {@code email} is the primary email, else the one the visitor typed in the chat (unverified).
 */
public record Contact(long id, String name, String email, String lang, Instant createdAt) {
    /** The name to show staff; visitors who gave none are shown by number. */
    public String displayName() {
        return displayName(id, name);
    }

    static String displayName(long id, String name) {
        return name == null || name.isBlank() ? "#" + id : name;
    }
}
