package io.guichet.identity.internal;

import io.guichet.identity.ApiToken;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL of the API tokens. */
public final class ApiTokenDao {
    private static final String COLUMNS = "id, name, scopes, ip_allow_list, expires_at, created_at, last_used_at, revoked_at";
    private static final RowMapper<ApiToken> TOKEN = (rs, ctx) -> new ApiToken(rs.getLong("id"), rs.getString("name"),
            Arrays.asList((String[]) rs.getArray("scopes").getArray()), Arrays.asList((String[]) rs.getArray("ip_allow_list").getArray()),
            instant(rs.getTimestamp("expires_at")), instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("last_used_at")),
            instant(rs.getTimestamp("revoked_at")));

    private final Handle h;

    public ApiTokenDao(Handle h) {
        this.h = h;
    }

    public long insert(String name, String secretHash, List<String> scopes, List<String> ipAllowList, Instant expiresAt, long createdBy) {
        return h.createUpdate("""
                        INSERT INTO api_tokens (name, secret_hash, scopes, ip_allow_list, expires_at, created_by)
                        VALUES (:name, :hash, :scopes, :ips, :expires, :by)""")
                .bind("name", name).bind("hash", secretHash).bind("scopes", scopes.toArray(String[]::new))
                .bind("ips", ipAllowList.toArray(String[]::new)).bind("expires", expiresAt)
                .bind("by", createdBy == 0 ? null : createdBy)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    public List<ApiToken> all() {
        return h.createQuery("SELECT " + COLUMNS + " FROM api_tokens ORDER BY revoked_at IS NOT NULL, created_at DESC, id DESC")
                .map(TOKEN).list();
    }

    /** The token whose secret hashes to this, if it is neither revoked nor expired. */
    public Optional<ApiToken> usable(String secretHash) {
        return h.createQuery("SELECT " + COLUMNS + " FROM api_tokens WHERE secret_hash = :h AND revoked_at IS NULL"
                        + " AND (expires_at IS NULL OR expires_at > now())")
                .bind("h", secretHash).map(TOKEN).findOne();
    }

    /** Revokes it; false when there is no such token (revoking twice is not an error). */
    public boolean revoke(long id) {
        return h.createUpdate("UPDATE api_tokens SET revoked_at = coalesce(revoked_at, now()) WHERE id = :id").bind("id", id).execute() == 1;
    }

    public void touch(long id, Instant at) {
        h.createUpdate("UPDATE api_tokens SET last_used_at = :at WHERE id = :id AND (last_used_at IS NULL OR last_used_at < :at)")
                .bind("id", id).bind("at", at).execute();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
