package io.guichet.identity.internal;

import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.Optional;

/** SQL of the mailed password reset links: one row each, spent once. */
public final class PasswordResetDao {
    private final Handle h;

    public PasswordResetDao(Handle h) {
        this.h = h;
    }

    public void insert(String tokenId, long staffId, Instant expiresAt) {
        h.createUpdate("INSERT INTO staff_password_resets (token_id, staff_id, expires_at) VALUES (:t, :s, :e)")
                .bind("t", tokenId).bind("s", staffId).bind("e", expiresAt).execute();
    }

    public Optional<Long> usableStaff(String tokenId) {
        return h.createQuery("SELECT staff_id FROM staff_password_resets WHERE token_id = :t AND used_at IS NULL AND expires_at > now()")
                .bind("t", tokenId).mapTo(Long.class).findOne();
    }

    /** Spends the link; false when it was already spent or has expired (two tabs at once: one wins). */
    public boolean spend(String tokenId) {
        return h.createUpdate("UPDATE staff_password_resets SET used_at = now() WHERE token_id = :t AND used_at IS NULL AND expires_at > now()")
                .bind("t", tokenId).execute() == 1;
    }
}
