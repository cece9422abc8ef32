package io.guichet.identity;

import java.time.Instant;
import java.util.List;

/** An API token as the administrators' list shows it: never its secret. */
public record ApiToken(long id, String name, List<String> scopes, List<String> ipAllowList, Instant expiresAt,
                       Instant createdAt, Instant lastUsedAt, Instant revokedAt) {
    public boolean usable(Instant now) {
        return revokedAt == null && (expiresAt == null || expiresAt.isAfter(now));
    }
}
