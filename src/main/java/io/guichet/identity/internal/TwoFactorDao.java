package io.guichet.identity.internal;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Optional;

/** SQL of two-factor authentication: the TOTP secret, its last accepted step, the recovery codes. */
public final class TwoFactorDao {
    /** An account's TOTP state: its secret, whether enrolment was confirmed, the last time step accepted. */
    public record Totp(String secret, boolean enabled, Long lastStep) {
    }

    private final Handle h;

    public TwoFactorDao(Handle h) {
        this.h = h;
    }

    public Optional<Totp> totp(long staffId) {
        return h.createQuery("SELECT totp_secret, totp_enabled_at IS NOT NULL AS enabled, totp_last_step FROM staff WHERE id = :id AND totp_secret IS NOT NULL")
                .bind("id", staffId).map((rs, ctx) -> new Totp(rs.getString("totp_secret"), rs.getBoolean("enabled"),
                        rs.getObject("totp_last_step") == null ? null : rs.getLong("totp_last_step"))).findOne();
    }

    public void setPendingSecret(long staffId, String secret) {
        h.createUpdate("UPDATE staff SET totp_secret = :s, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = :id")
                .bind("id", staffId).bind("s", secret).execute();
    }

    public void enable(long staffId, long step) {
        h.createUpdate("UPDATE staff SET totp_enabled_at = now(), totp_last_step = :step WHERE id = :id").bind("id", staffId).bind("step", step).execute();
    }

    /** Accepts this step if it is later than the last one accepted (a code works once); whether it was. */
    public boolean acceptStep(long staffId, long step) {
        return h.createUpdate("UPDATE staff SET totp_last_step = :step WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)")
                .bind("id", staffId).bind("step", step).execute() == 1;
    }

    public void replaceRecoveryCodes(long staffId, List<String> hashes) {
        h.createUpdate("DELETE FROM staff_recovery_codes WHERE staff_id = :id").bind("id", staffId).execute();
        var batch = h.prepareBatch("INSERT INTO staff_recovery_codes (staff_id, code_hash) VALUES (:id, :h)");
        hashes.forEach(hash -> batch.bind("id", staffId).bind("h", hash).add());
        batch.execute();
    }

    /** Uses a recovery code once; whether it was one not yet used. */
    public boolean useRecoveryCode(long staffId, String hash) {
        return h.createUpdate("UPDATE staff_recovery_codes SET used_at = now() WHERE staff_id = :id AND code_hash = :h AND used_at IS NULL")
                .bind("id", staffId).bind("h", hash).execute() == 1;
    }

    public int recoveryCodesLeft(long staffId) {
        return h.createQuery("SELECT count(*) FROM staff_recovery_codes WHERE staff_id = :id AND used_at IS NULL").bind("id", staffId)
                .mapTo(Integer.class).one();
    }

    public void disable(long staffId) {
        h.createUpdate("UPDATE staff SET totp_secret = NULL, totp_enabled_at = NULL, totp_last_step = NULL WHERE id = :id").bind("id", staffId).execute();
        h.createUpdate("DELETE FROM staff_recovery_codes WHERE staff_id = :id").bind("id", staffId).execute();
    }
}
