package io.guichet.identity.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Growing waits after consecutive failed logins, per key (an email, known or not, and a client address): the
 * first few failures are free, then each one doubles the wait up to a ceiling. Nothing is ever locked for
 * good, so an attacker cannot lock the owner out for long, and unknown emails behave like known ones.
 */
public final class LoginThrottle {
    private final int freeFailures;
    private final Duration firstWait;
    private final Duration longestWait;
    private final Clock clock;
    private final Map<String, State> states = new ConcurrentHashMap<>();

    private record State(int failures, long lastFailureMillis, long waitUntilMillis) {
    }

    public LoginThrottle(int freeFailures, Duration firstWait, Duration longestWait, Clock clock) {
        this.freeFailures = freeFailures;
        this.firstWait = firstWait;
        this.longestWait = longestWait;
        this.clock = clock;
    }

    /** Seconds to wait before this key may try again, 0 when it may try now. */
    public long secondsToWait(String key) {
        State s = states.get(key);
        if (s == null) return 0;
        long left = s.waitUntilMillis() - clock.millis();
        return left <= 0 ? 0 : (left + 999) / 1000;
    }

    public void failed(String key) {
        if (states.size() > 100_000) states.clear(); // bounded memory under a flood of new keys
        long now = clock.millis();
        states.compute(key, (k, s) -> {
            // Failures far apart are forgotten: a quiet period of twice the longest wait starts the count afresh.
            boolean recent = s != null && now - s.lastFailureMillis() < longestWait.toMillis() * 2;
            int failures = (recent ? s.failures() : 0) + 1;
            return new State(failures, now, now + waitAfter(failures).toMillis());
        });
    }

    public void succeeded(String key) {
        states.remove(key);
    }

    Duration waitAfter(int failures) {
        if (failures < freeFailures) return Duration.ZERO;
        int doublings = Math.min(20, failures - freeFailures);
        Duration wait = firstWait.multipliedBy(1L << doublings);
        return wait.compareTo(longestWait) > 0 ? longestWait : wait;
    }
}
