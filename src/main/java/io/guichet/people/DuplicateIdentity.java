package io.guichet.people;

import io.guichet.platform.web.ApiError;

/**
 * An email, phone or student number given for a contact is already another contact's identity (409 {@code duplicate}).
 * {@code existingId} is that contact, for whoever may read every contact (null otherwise: an agent learns that the
 * address is taken, not by whom).
 */
public final class DuplicateIdentity extends ApiError {
    private final Long existingId;

    public DuplicateIdentity(String field, String value, Long existingId) {
        super(409, "duplicate", field + ": " + value + " is already another contact's", field);
        this.existingId = existingId;
    }

    public Long existingId() {
        return existingId;
    }
}
