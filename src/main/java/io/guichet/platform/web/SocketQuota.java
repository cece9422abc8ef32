package io.guichet.platform.web;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At most so many open sockets per owner (a visitor, an address) on this node: one browser cannot
 * open a thousand sockets, nor one address fill a live wall's "people present". A refused socket is
 * closed with {@link #CLOSE_CODE}; every taken place is given back when its socket closes. Off with the
 * rate limits ({@code GUICHET_RATE_LIMITS=off}, for benchmarks from one machine).
 */
public final class SocketQuota {
    /** The WebSocket close code of a refused socket (like HTTP 429): clients do not retry at once. */
    public static final int CLOSE_CODE = 4429;
    private final boolean enabled;
    private final int max;
    private final ConcurrentHashMap<Object, AtomicInteger> open = new ConcurrentHashMap<>();

    public SocketQuota(boolean enabled, int max) {
        if (max < 1) throw new IllegalArgumentException("A quota allows at least one socket");
        this.enabled = enabled;
        this.max = max;
    }

    /** Takes a place for this owner, or says no when they already hold the maximum. */
    public boolean take(Object owner) {
        if (!enabled) return true;
        AtomicInteger count = open.computeIfAbsent(owner, k -> new AtomicInteger());
        if (count.incrementAndGet() <= max) return true;
        give(owner);
        return false;
    }

    public void give(Object owner) {
        if (!enabled) return;
        open.computeIfPresent(owner, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }
}
