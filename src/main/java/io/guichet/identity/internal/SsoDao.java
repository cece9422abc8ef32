package io.guichet.identity.internal;

import io.guichet.identity.Staff;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL of single sign-on: sign-ins under way, who a provider's subject is here, when each account was last seen. */
public final class SsoDao {
    /** A sign-in under way, as its state found it. */
    public record Pending(String provider, String nonce, String codeVerifier, String next) {
    }

    private final Handle h;

    public SsoDao(Handle h) {
        this.h = h;
    }

    public void insertPending(String stateHash, String provider, String nonce, String codeVerifier, String next, Instant expiresAt) {
        h.createUpdate("""
                        INSERT INTO sso_pending_logins (state_hash, provider, nonce, code_verifier, next_path, expires_at)
                        VALUES (:s, :p, :n, :v, :next, :e)""")
                .bind("s", stateHash).bind("p", provider).bind("n", nonce).bind("v", codeVerifier).bind("next", next).bind("e", expiresAt)
                .execute();
    }

    /** Takes the sign-in of this state once: a second callback with it finds nothing. */
    public Optional<Pending> takePending(String stateHash, String provider) {
        h.createUpdate("DELETE FROM sso_pending_logins WHERE expires_at < now()").execute();
        return h.createQuery("DELETE FROM sso_pending_logins WHERE state_hash = :s AND provider = :p AND expires_at > now()"
                        + " RETURNING provider, nonce, code_verifier, next_path")
                .bind("s", stateHash).bind("p", provider)
                .map((rs, ctx) -> new Pending(rs.getString("provider"), rs.getString("nonce"), rs.getString("code_verifier"), rs.getString("next_path")))
                .findOne();
    }

    public Optional<Staff> byExternalId(String provider, String subject) {
        return h.createQuery("SELECT " + StaffDao.S_COLUMNS + " FROM staff_external_ids x"
                        + " JOIN staff s ON s.id = x.staff_id WHERE x.provider = :p AND x.subject = :s")
                .bind("p", provider).bind("s", subject).map(StaffDao.STAFF).findOne();
    }

    public void link(String provider, String subject, long staffId) {
        h.createUpdate("INSERT INTO staff_external_ids (provider, subject, staff_id) VALUES (:p, :s, :id) ON CONFLICT DO NOTHING")
                .bind("p", provider).bind("s", subject).bind("id", staffId).execute();
    }

    public void seen(long staffId, String provider, Instant at) {
        h.createUpdate("UPDATE staff SET sso_provider = :p, last_seen_at = :at WHERE id = :id")
                .bind("id", staffId).bind("p", provider).bind("at", at).execute();
    }

    /** Active accounts of a provider not seen there since {@code before}. */
    public List<Staff> notSeenSince(Instant before) {
        return h.createQuery("SELECT " + StaffDao.COLUMNS + " FROM staff"
                        + " WHERE active AND sso_provider IS NOT NULL AND last_seen_at < :before")
                .bind("before", before).map(StaffDao.STAFF).list();
    }

    /** The provider a session was opened through and its ID token, if it was. */
    public Optional<SessionOrigin> sessionOrigin(String tokenHash) {
        return h.createQuery("SELECT sso_provider, id_token FROM staff_sessions WHERE token_hash = :t AND sso_provider IS NOT NULL")
                .bind("t", tokenHash).map((rs, ctx) -> new SessionOrigin(rs.getString("sso_provider"), rs.getString("id_token"))).findOne();
    }

    public record SessionOrigin(String provider, String idToken) {
    }
}
