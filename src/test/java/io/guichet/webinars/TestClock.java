package io.guichet.webinars;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves: reminders and the join window are decided by it, never by waiting. */
final class TestClock extends Clock {
    private volatile Instant now;

    TestClock(Instant start) {
        this.now = start;
    }

    void set(Instant at) {
        now = at;
    }

    void advance(Duration d) {
        now = now.plus(d);
    }

    /** How the API writes {@code at} in the institution's zone (the test node's, Montréal), to the second. */
    String zoned(Instant at) {
        return at.atZone(ZoneId.of("America/Montreal")).toOffsetDateTime().toString();
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
