package io.guichet.platform;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Remembers what a loader found for a few seconds, so a hot read (the token on every request) is not
 * a query every time. Absent results are never kept. Changes made on this node evict at once;
 * other nodes see them when the entry expires, which bounds how stale a read can be.
 */
public final class ShortLivedCache<K, V> {
    private record Entry<V>(V value, long expiresAt) {
    }

    private final Map<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final long ttlMillis;
    private final int maxSize;

    public ShortLivedCache(Clock clock, long ttlMillis, int maxSize) {
        this.clock = clock;
        this.ttlMillis = ttlMillis;
        this.maxSize = maxSize;
    }

    public Optional<V> get(K key, Function<K, Optional<V>> loader) {
        long now = clock.millis();
        Entry<V> e = entries.get(key);
        if (e != null && e.expiresAt() > now) return Optional.of(e.value());
        Optional<V> loaded = loader.apply(key);
        if (loaded.isEmpty()) {
            entries.remove(key);
        } else {
            if (entries.size() >= maxSize) entries.clear(); // crude but bounded; refills within one TTL
            entries.put(key, new Entry<>(loaded.get(), now + ttlMillis));
        }
        return loaded;
    }

    /** Keeps a value just written, so the next read needs no query (a token just created, read by its socket). */
    public void put(K key, V value) {
        if (entries.size() >= maxSize) entries.clear();
        entries.put(key, new Entry<>(value, clock.millis() + ttlMillis));
    }

    public void remove(K key) {
        entries.remove(key);
    }

    public void removeIf(Predicate<V> test) {
        entries.values().removeIf(e -> test.test(e.value()));
    }
}
