package io.guichet.people.internal;

import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** SQL of the codes that confirm a visitor's email ({@code contact_email_codes}). */
public final class EmailCodeDao {
    private final Handle h;

    public EmailCodeDao(Handle h) {
        this.h = h;
    }

    /** A code waiting to be typed back. */
    public record Code(long id, String email, String shown, String salt, String hash, int attempts) {
    }

    /** Serialises the codes sent to one address, so that the hourly limit holds under a flood. */
    public void lock(String email) {
        h.createQuery("SELECT pg_advisory_xact_lock(hashtext(:key))").bind("key", "email-code:" + email).mapTo(String.class).one();
    }

    public int sentTo(String email, Instant since) {
        return h.createQuery("SELECT count(*) FROM contact_email_codes WHERE email = :e AND created_at > :since")
                .bind("e", email).bind("since", Timestamp.from(since)).mapTo(Integer.class).one();
    }

    public int sentBy(long contactId, Instant since) {
        return h.createQuery("SELECT count(*) FROM contact_email_codes WHERE contact_id = :c AND created_at > :since")
                .bind("c", contactId).bind("since", Timestamp.from(since)).mapTo(Integer.class).one();
    }

    /** A new code replaces the visitor's earlier ones. */
    public void retire(long contactId, Instant now) {
        h.createUpdate("UPDATE contact_email_codes SET expires_at = :now WHERE contact_id = :c AND used_at IS NULL AND expires_at > :now")
                .bind("c", contactId).bind("now", Timestamp.from(now)).execute();
    }

    public void insert(long contactId, String email, String shown, String salt, String hash, Instant now, Instant expiresAt) {
        h.createUpdate("""
                        INSERT INTO contact_email_codes (contact_id, email, shown, salt, code_hash, created_at, expires_at)
                        VALUES (:c, :e, :s, :salt, :hash, :now, :exp)""")
                .bind("now", Timestamp.from(now))
                .bind("c", contactId).bind("e", email).bind("s", shown).bind("salt", salt).bind("hash", hash)
                .bind("exp", Timestamp.from(expiresAt)).execute();
    }

    /** The visitor's live code (unused, unexpired, tries left), locked: two tries at once count as two. */
    public Optional<Code> pending(long contactId, Instant now) {
        return h.createQuery("""
                        SELECT id, email, shown, salt, code_hash, attempts FROM contact_email_codes
                        WHERE contact_id = :c AND used_at IS NULL AND expires_at > :now AND attempts < :max
                        ORDER BY created_at DESC, id DESC LIMIT 1 FOR UPDATE""")
                .bind("c", contactId).bind("now", Timestamp.from(now)).bind("max", io.guichet.people.EmailConfirmations.MAX_ATTEMPTS)
                .map((rs, ctx) -> new Code(rs.getLong("id"), rs.getString("email"), rs.getString("shown"), rs.getString("salt"),
                        rs.getString("code_hash"), rs.getInt("attempts")))
                .findOne();
    }

    public void tried(long id) {
        h.createUpdate("UPDATE contact_email_codes SET attempts = attempts + 1 WHERE id = :id").bind("id", id).execute();
    }

    public void use(long id, Instant now) {
        h.createUpdate("UPDATE contact_email_codes SET used_at = :now WHERE id = :id").bind("id", id).bind("now", Timestamp.from(now)).execute();
    }
}
