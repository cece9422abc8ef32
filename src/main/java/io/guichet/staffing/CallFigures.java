package io.guichet.staffing;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The phone's history as staffing advice reads it (the desk's call events, through this port so staffing never reads
 * the desk's tables): calls arriving per half-hour slot and how long an answered call lasts. {@link #NONE}: no phones.
 */
public interface CallFigures {
    CallFigures NONE = new CallFigures() {
        @Override
        public Map<Instant, Integer> findCallsPerSlot(long serviceId, Instant from, Instant to) {
            return Map.of();
        }

        @Override
        public OptionalDouble findAverageCallSeconds(long serviceId, Instant from, Instant to) {
            return OptionalDouble.empty();
        }
    };

    /** Calls that rang (answered or missed) per half-hour slot (by its start) in [from, to); empty for a service with no phone line. */
    Map<Instant, Integer> findCallsPerSlot(long serviceId, Instant from, Instant to);

    /** The mean time from answer to hang-up of the calls answered in [from, to); empty with none. */
    OptionalDouble findAverageCallSeconds(long serviceId, Instant from, Instant to);
}
