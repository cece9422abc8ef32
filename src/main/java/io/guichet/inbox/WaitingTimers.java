package io.guichet.inbox;

import java.time.Instant;
import java.util.Optional;

/**
 * The first-response timer of a waiting conversation against its service's target (staffing's targets: "soon late" from
 * 80 % of it, "late" past it). The console flags and sorts its lists by it, knowing neither the targets nor the
 * thresholds; {@code App} hands it the implementation, {@link #NONE} flags nothing.
 */
public interface WaitingTimers {
    WaitingTimers NONE = (serviceId, waitingSince) -> Optional.empty();

    enum Level {
        ON_TIME, SOON, LATE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** Where the timer stands now, and when it reaches the next level ({@code nextAt}, null once late). */
    record Timer(Level level, int targetSeconds, Instant nextAt) {
    }

    /** The timer of a conversation of the service waiting since {@code waitingSince}; empty when it has no target. */
    Optional<Timer> timerOf(long serviceId, Instant waitingSince);
}
