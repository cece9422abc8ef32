package io.guichet.platform.mail;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits for what a sender does on its own thread: the condition, checked every 50 ms, or a failure at the deadline. */
final class Eventually {
    static void until(Duration within, BooleanSupplier condition) {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) throw new AssertionError("not within " + within);
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    private Eventually() {
    }
}
