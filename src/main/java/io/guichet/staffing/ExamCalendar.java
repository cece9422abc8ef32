package io.guichet.staffing;

import java.time.Instant;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The exam calendar as staffing advice reads it (the desk's sittings, through this port so staffing never reads the
 * desk's tables): students sitting a remote exam are the best predictor of the exam hotline's contacts. {@code App}
 * hands it the desk's implementation; {@link #NONE} is an institution with no exam helpdesk.
 */
public interface ExamCalendar {
    ExamCalendar NONE = new ExamCalendar() {
        @Override
        public Map<Instant, Integer> findStudentsSitting(long serviceId, Instant from, Instant to) {
            return Map.of();
        }

        @Override
        public OptionalDouble findContactsPerStudentSlot(long serviceId, String channel, Instant from, Instant to) {
            return OptionalDouble.empty();
        }
    };

    /**
     * Students sitting a remote exam in each half-hour slot (by its start) in [from, to), for this service's contacts:
     * the exam hotline's; empty for any other service.
     */
    Map<Instant, Integer> findStudentsSitting(long serviceId, Instant from, Instant to);

    /**
     * The hotline's contacts on {@code channel} ({@code chat}, {@code call}) per student sitting per half hour, measured
     * over the sittings held within [from, to): the incidents opened during them from a call, or from anything else for
     * chat; empty when there is nothing to measure yet.
     */
    OptionalDouble findContactsPerStudentSlot(long serviceId, String channel, Instant from, Instant to);
}
