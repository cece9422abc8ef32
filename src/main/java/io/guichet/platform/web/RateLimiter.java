package io.guichet.platform.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Token buckets per key (an IP, a visitor) on this node. A refused call learns how many seconds to
 * wait, for the {@code Retry-After} header.
 */
public final class RateLimiter {
    private final boolean enabled;
    private final int perMinute;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(boolean enabled, int perMinute) {
        this.enabled = enabled;
        this.perMinute = perMinute;
    }

    /** Takes one token for the key, or throws a 429 with the wait in seconds. */
    public void acquire(String key) {
        if (!enabled) return;
        if (buckets.size() > 100_000) buckets.clear(); // bounded memory under a flood of new keys
        long retryAfterSeconds = buckets.computeIfAbsent(key, k -> new Bucket(perMinute)).take(System.nanoTime(), perMinute);
        if (retryAfterSeconds > 0) throw new RateLimited(retryAfterSeconds);
    }

    public static final class RateLimited extends ApiError {
        private final long retryAfterSeconds;

        public RateLimited(long retryAfterSeconds) {
            super(429, "rate_limited", "Too many requests; retry in " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }

    private static final class Bucket {
        private double tokens;
        private long lastNanos = System.nanoTime();

        Bucket(int capacity) {
            this.tokens = capacity;
        }

        synchronized long take(long now, int perMinute) {
            double refill = (now - lastNanos) / 60e9 * perMinute;
            tokens = Math.min(perMinute, tokens + refill);
            lastNanos = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return (long) Math.ceil((1 - tokens) * 60.0 / perMinute);
        }
    }
}
