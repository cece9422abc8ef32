package io.guichet.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock the test sets: forecasts, periods in force and breach timers are decided by it, never by waiting. Its
 * {@link #withZone} views share the same instant, so code asking for the institution's zone still follows the test.
 */
public final class MovingClock extends Clock {
    private final AtomicReference<Instant> now;
    private final ZoneId zone;

    public MovingClock(Instant start) {
        this(new AtomicReference<>(start), ZoneOffset.UTC);
    }

    private MovingClock(AtomicReference<Instant> now, ZoneId zone) {
        this.now = now;
        this.zone = zone;
    }

    public void set(Instant at) {
        now.set(at);
    }

    public void advance(Duration d) {
        now.updateAndGet(t -> t.plus(d));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return zone;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new MovingClock(now, zone);
    }
}
