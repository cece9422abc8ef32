package io.guichet.identity;

import io.guichet.platform.bus.Notice;

/** An API token was revoked: every node forgets its cached copy at once, so the next request with it fails. */
public record ApiTokenRevoked(long tokenId) implements Notice {
}
