package io.guichet.platform.mail;

import java.util.Locale;

/**
 * Why a mail is sent, as Canada's anti-spam law sees it: a transactional mail (a password reset, a
 * registration confirmation) is always allowed; any other needs the contact's consent for its purpose.
 */
public enum Purpose {
    TRANSACTIONAL, NEWSLETTERS, EVENTS, SURVEYS, ALUMNI;

    /** The name used in the API, the database and message keys: {@code newsletters}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Purpose of(String key) {
        for (Purpose p : values()) if (p.key().equals(key)) return p;
        throw new IllegalArgumentException("Unknown purpose " + key);
    }

    public boolean needsConsent() {
        return this != TRANSACTIONAL;
    }
}
