package io.guichet.people;

import org.jdbi.v3.core.Handle;

/**
 * What another module holds about a person (the inbox its conversations, live its questions), for the
 * right of access and for erasure. Each module implements it in its service over its own tables; {@code App}
 * hands them to {@link PrivacyService}, so people depends on none of them.
 */
public interface PersonalData {
    /** The module's name, the key of its part of an export ({@code "inbox"}). */
    String module();

    /** Everything the module holds about the contact, as a JSON array (its own rows, with their nested parts). */
    String exportJson(Handle h, long contactId);

    /** Whether the module can erase now; a reason (the message of a 409) when it cannot. */
    default String refusesErasure(Handle h, long contactId, Erasure mode) {
        return null;
    }

    /**
     * Removes what names the person. {@code KEEP}: the records the institution must keep stay, under the
     * anonymous contact; {@code DELETE}: they go too.
     */
    void erase(Handle h, long contactId, Erasure mode);

    enum Erasure {
        KEEP, DELETE;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
