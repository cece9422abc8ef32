package io.guichet.people;

import io.guichet.platform.web.Messages;

import java.time.Instant;

/**
 * A person the institution talks with, in the cheap form read on every chat message (through a cache): what a
 * conversation needs to name them and answer in their language. The contact page reads {@link ContactRecord}.
 * {@code email} is the primary email, else the one the visitor typed in the chat (unverified).
 */
public record Contact(long id, String name, String email, String lang, Instant createdAt) {
    /** How staff know the person: their name, else their email, else null (an anonymous visitor); for JSON. */
    public String label() {
        return label(name, email);
    }

    /** The title to show staff: {@link #label()}, else "Visiteur anonyme" — never a number. */
    public String displayName(Messages.Localizer t) {
        return displayName(label(), t);
    }

    static String label(String name, String email) {
        return name != null && !name.isBlank() ? name : email;
    }

    static String displayName(String label, Messages.Localizer t) {
        return label != null ? label : t.t("people.anonymous");
    }
}
