package io.guichet.identity;

import io.guichet.identity.internal.ApiTokenDao;
import io.guichet.identity.internal.Cidr;
import io.guichet.platform.ShortLivedCache;
import io.guichet.platform.Tokens;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * API tokens of the integrations: created by an administrator with scopes, an optional expiry and an optional
 * allow-list of address blocks; the secret ({@code gt_} + 256 random bits) is shown once and only its SHA-256 kept.
 * A node caches a token it has checked for a few seconds; a revocation evicts it on every node through the bus
 * ({@link ApiTokenRevoked}), so the next request with it fails everywhere.
 */
public final class ApiTokens {
    public static final String PREFIX = "gt_";
    private static final int MAX_NAME = 100;
    private static final int MAX_BLOCKS = 20;
    /** The last use is written at most this often per token and node: not one write per request. */
    private static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final Jdbi jdbi;
    private final Clock clock;
    private final Bus bus;
    private final ShortLivedCache<String, ApiToken> cache;
    private final Map<Long, Instant> lastTouched = new ConcurrentHashMap<>();

    public ApiTokens(Jdbi jdbi, Clock clock, Bus bus) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.bus = bus;
        this.cache = new ShortLivedCache<>(clock, 5_000, 10_000);
        bus.subscribe(ApiTokenRevoked.class, n -> cache.removeIf(t -> t.id() == n.tokenId()));
    }

    /** What an administrator asks for; checked by {@link #doCreate}. */
    public record NewToken(String name, List<String> scopes, Instant expiresAt, List<String> ipAllowList) {
    }

    /** The new token's id and its secret, which is never shown again. */
    public record Created(long id, String secret, ApiToken token) {
    }

    public Created doCreate(Staff actor, NewToken t) {
        Access.requireApiTokens(actor);
        String name = Fields.required("name", t.name(), MAX_NAME);
        List<String> scopes = scopes(t.scopes());
        List<String> blocks = blocks(t.ipAllowList());
        if (t.expiresAt() != null && !t.expiresAt().isAfter(clock.instant())) {
            throw ApiError.invalid("expiresAt", "expiresAt must be in the future");
        }
        String secret = PREFIX + Tokens.random("", 32);
        long id = jdbi.inTransaction(h -> new ApiTokenDao(h).insert(name, Tokens.hash(secret), scopes, blocks, t.expiresAt(), actor.id()));
        ApiToken token = new ApiToken(id, name, scopes, blocks, t.expiresAt(), clock.instant(), null, null);
        return new Created(id, secret, token);
    }

    public List<ApiToken> accessAll(Staff viewer) {
        Access.requireApiTokens(viewer);
        return jdbi.withHandle(h -> new ApiTokenDao(h).all());
    }

    /** Revokes at once on every node; revoking a token already revoked changes nothing. */
    public void doRevoke(Staff actor, long id) {
        Access.requireApiTokens(actor);
        if (!jdbi.inTransaction(h -> new ApiTokenDao(h).revoke(id))) throw ApiError.notFound("Token");
        bus.publish(new ApiTokenRevoked(id));
    }

    /**
     * The integration behind a secret used from this address: empty when the secret is unknown, revoked, expired
     * or used from outside its allow-list. Records the use (at most once a minute per token on this node).
     */
    public Optional<ApiClient> findClient(String secret, String clientAddress) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) return Optional.empty();
        Optional<ApiToken> found = cache.get(Tokens.hash(secret), hash -> jdbi.withHandle(h -> new ApiTokenDao(h).usable(hash)));
        Instant now = clock.instant();
        if (found.isEmpty() || !found.get().usable(now) || !allowedFrom(found.get(), clientAddress)) return Optional.empty();
        ApiToken token = found.get();
        touch(token.id(), now);
        Set<Scope> scopes = EnumSet.noneOf(Scope.class);
        token.scopes().forEach(code -> Scope.of(code).ifPresent(scopes::add)); // a scope since removed from the code grants nothing
        return Optional.of(new ApiClient(token.id(), token.name(), scopes));
    }

    private static boolean allowedFrom(ApiToken token, String address) {
        return token.ipAllowList().isEmpty()
                || token.ipAllowList().stream().map(Cidr::parse).flatMap(Optional::stream).anyMatch(c -> c.contains(address));
    }

    private void touch(long id, Instant now) {
        Instant last = lastTouched.get(id);
        if (last != null && last.plus(TOUCH_EVERY).isAfter(now)) return;
        lastTouched.put(id, now);
        jdbi.useHandle(h -> new ApiTokenDao(h).touch(id, now));
    }

    private static List<String> scopes(List<String> asked) {
        if (asked == null || asked.isEmpty()) throw ApiError.invalid("scopes", "scopes must name at least one of " + String.join(", ", Scope.codes()));
        Set<String> scopes = new LinkedHashSet<>();
        for (String code : asked) {
            if (Scope.of(code).isEmpty()) {
                throw new ApiError(422, "unknown_scope", "scopes: unknown scope; known scopes: " + String.join(", ", Scope.codes()), "scopes");
            }
            scopes.add(code);
        }
        return new ArrayList<>(scopes);
    }

    private static List<String> blocks(List<String> asked) {
        if (asked == null) return List.of();
        if (asked.size() > MAX_BLOCKS) throw ApiError.invalid("ipAllowList", "ipAllowList takes at most " + MAX_BLOCKS + " blocks");
        List<String> blocks = new ArrayList<>();
        for (String block : asked) {
            if (Cidr.parse(block).isEmpty()) {
                throw ApiError.invalid("ipAllowList", "ipAllowList holds address blocks such as 192.0.2.0/24 or 2001:db8::/32");
            }
            blocks.add(block.strip());
        }
        return blocks;
    }
}
