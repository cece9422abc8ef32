package io.guichet.identity.internal;

import io.guichet.identity.Role;
import io.guichet.identity.Staff;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL of the identity module: staff accounts and their sessions. */
public final class StaffDao {
    public static final RowMapper<Staff> STAFF = (rs, ctx) -> new Staff(
            rs.getLong("id"), rs.getString("email"), rs.getString("name"),
            Role.fromCode(rs.getString("role")), rs.getString("lang"), rs.getBoolean("active"), rs.getBoolean("privacy_officer"));

    /** The columns {@link #STAFF} reads, bare and qualified by the alias {@code s} (for joins). */
    public static final String COLUMNS = "id, email, name, role, lang, active, privacy_officer";
    public static final String S_COLUMNS = "s.id, s.email, s.name, s.role, s.lang, s.active, s.privacy_officer";

    /** The credentials row of an account, for login only. */
    public record Credentials(Staff staff, String passwordHash) {
    }

    private final Handle h;

    public StaffDao(Handle h) {
        this.h = h;
    }

    public long count() {
        return h.createQuery("SELECT count(*) FROM staff").mapTo(Long.class).one();
    }

    public long insert(String email, String name, String passwordHash, Role role, String lang, String ssoProvider) {
        return h.createUpdate("""
                        INSERT INTO staff (email, name, password_hash, role, lang, sso_provider, last_seen_at)
                        VALUES (:email, :name, :hash, :role, :lang, :sso, CASE WHEN CAST(:sso AS text) IS NULL THEN NULL ELSE now() END)""")
                .bind("email", email).bind("name", name).bind("hash", passwordHash).bind("sso", ssoProvider)
                .bind("role", role.code()).bind("lang", lang)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public boolean emailTaken(String email) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM staff WHERE lower(email) = lower(:email))")
                .bind("email", email).mapTo(Boolean.class).one();
    }

    public Optional<Staff> byEmail(String email) {
        return h.createQuery("SELECT " + COLUMNS + " FROM staff WHERE lower(email) = lower(:email)").bind("email", email).map(STAFF).findOne();
    }

    public Optional<Staff> find(long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM staff WHERE id = :id")
                .bind("id", id).map(STAFF).findOne();
    }

    public List<Staff> all() {
        return h.createQuery("SELECT " + COLUMNS + " FROM staff ORDER BY lower(name)").map(STAFF).list();
    }

    public Optional<Credentials> credentials(String email) {
        return h.createQuery("SELECT " + COLUMNS + ", password_hash FROM staff WHERE lower(email) = lower(:email)")
                .bind("email", email)
                .map((rs, ctx) -> new Credentials(STAFF.map(rs, ctx), rs.getString("password_hash")))
                .findOne();
    }

    public void update(long id, String name, Role role, String lang, boolean active) {
        h.createUpdate("UPDATE staff SET name = :name, role = :role, lang = :lang, active = :active WHERE id = :id")
                .bind("id", id).bind("name", name).bind("role", role.code()).bind("lang", lang).bind("active", active)
                .execute();
    }

    public void updateLanguage(long id, String lang) {
        h.createUpdate("UPDATE staff SET lang = :lang WHERE id = :id").bind("id", id).bind("lang", lang).execute();
    }

    public void updatePassword(long id, String passwordHash) {
        h.createUpdate("UPDATE staff SET password_hash = :hash WHERE id = :id").bind("id", id).bind("hash", passwordHash).execute();
    }

    /** {@code ssoProvider} and {@code idToken}: the provider a session was opened through, null for a password. */
    public void insertSession(String tokenHash, long staffId, String kind, Instant expiresAt, String ssoProvider, String idToken) {
        h.createUpdate("""
                        INSERT INTO staff_sessions (token_hash, staff_id, kind, expires_at, sso_provider, id_token)
                        VALUES (:t, :s, :k, :e, :p, :i)""")
                .bind("t", tokenHash).bind("s", staffId).bind("k", kind).bind("e", expiresAt).bind("p", ssoProvider).bind("i", idToken)
                .execute();
    }

    public Optional<Staff> sessionStaff(String tokenHash) {
        return h.createQuery("SELECT " + S_COLUMNS + " FROM staff_sessions x "
                        + "JOIN staff s ON s.id = x.staff_id WHERE x.token_hash = :t AND x.expires_at > now() AND s.active")
                .bind("t", tokenHash).map(STAFF).findOne();
    }

    /** Deletes the session; the staff member it belonged to, if it existed. */
    public Optional<Long> deleteSession(String tokenHash) {
        return h.createQuery("DELETE FROM staff_sessions WHERE token_hash = :t RETURNING staff_id").bind("t", tokenHash)
                .mapTo(Long.class).findOne();
    }

    /** The server key of this name, made on first use; every node reads the same one. */
    public String serverKey(String name, String ifNew) {
        h.createUpdate("INSERT INTO identity_secrets (name, secret) VALUES (:n, :s) ON CONFLICT (name) DO NOTHING")
                .bind("n", name).bind("s", ifNew).execute();
        return h.createQuery("SELECT secret FROM identity_secrets WHERE name = :n").bind("n", name).mapTo(String.class).one();
    }

    public void deleteSessionsOfExcept(long staffId, String keptTokenHash) {
        h.createUpdate("DELETE FROM staff_sessions WHERE staff_id = :s AND token_hash <> :k").bind("s", staffId).bind("k", keptTokenHash).execute();
    }

    public void setPrivacyOfficer(long staffId, boolean officer) {
        h.createUpdate("UPDATE staff SET privacy_officer = :o WHERE id = :s").bind("s", staffId).bind("o", officer).execute();
    }

    public void deleteSessionsOf(long staffId) {
        h.createUpdate("DELETE FROM staff_sessions WHERE staff_id = :s").bind("s", staffId).execute();
    }
}
