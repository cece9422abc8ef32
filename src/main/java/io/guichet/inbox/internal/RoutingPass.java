package io.guichet.inbox.internal;

import io.guichet.inbox.ConversationChanged;
import io.guichet.inbox.RoutingEligibility;
import io.guichet.inbox.HeldWork;
import io.guichet.people.PeopleService;
import io.guichet.platform.bus.Bus;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Assigns waiting conversations of services while agents have room, after any change that can free
 * or need an agent. On each node one thread at a time drains a service: a caller that finds a drain
 * under way asks it for one more pass and returns, so a burst of new conversations does not become a
 * herd of routers queueing on the same rows. (0: idle, 1: draining, 2: draining and asked for another pass.)
 */
public final class RoutingPass {
    private static final Logger log = LoggerFactory.getLogger(RoutingPass.class);
    /** Up to this many assignments share one transaction, so a burst costs few commits. */
    private static final int ASSIGNMENTS_PER_COMMIT = 20;

    private final Jdbi jdbi;
    private final Bus bus;
    private final Clock clock;
    private final Timer assignmentWait;
    private final PeopleService people;
    private final HeldWork elsewhere;
    private final RoutingEligibility eligibility;
    private final Map<Long, AtomicInteger> draining = new ConcurrentHashMap<>();

    /**
     * {@code elsewhere}: the work other modules give agents in the same capacity as chats (the desk's callbacks);
     * {@code eligibility}: who may take which conversation beyond having room (staffing's skills), {@link RoutingEligibility#ANYONE} for none.
     */
    public RoutingPass(Jdbi jdbi, Bus bus, Clock clock, MeterRegistry meters, PeopleService people, HeldWork elsewhere, RoutingEligibility eligibility) {
        this.people = people;
        this.elsewhere = elsewhere;
        this.eligibility = eligibility;
        this.jdbi = jdbi;
        this.bus = bus;
        this.clock = clock;
        this.assignmentWait = Timer.builder("guichet.assignment.wait")
                .description("Time a conversation waited in its queue before an agent was assigned")
                .publishPercentileHistogram().register(meters);
    }

    /** Whether the agent has room for one more conversation, the work they hold elsewhere counted; locks their presence. */
    public boolean hasRoom(Handle h, long staffId) {
        return Router.hasRoom(h, staffId, elsewhere);
    }

    /** Gives the agent a conversation the caller has locked, by hand (a transfer, a reopening); refuses over their room. */
    public void assignTo(Handle h, long conversationId, long staffId) {
        Router.assignTo(h, conversationId, staffId, elsewhere);
    }

    /**
     * Asks for a routing pass of these services and returns at once: the pass runs on its own virtual
     * thread, so the write that asked for it is acknowledged without waiting for assignments.
     */
    public void drain(List<Long> serviceIds) {
        for (long serviceId : serviceIds) {
            AtomicInteger state = draining.computeIfAbsent(serviceId, k -> new AtomicInteger());
            if (state.getAndUpdate(v -> v == 0 ? 1 : 2) != 0) continue; // a pass under way will run once more
            Thread.ofVirtual().name("routing-" + serviceId).start(() -> drainWhileAsked(serviceId, state));
        }
    }

    private void drainWhileAsked(long serviceId, AtomicInteger state) {
        try {
            do {
                state.set(1);
                drainOnce(serviceId);
            } while (!state.compareAndSet(1, 0));
        } catch (RuntimeException e) {
            state.set(0);
            log.warn("Routing of service {} deferred to the next pass: {}", serviceId, e.getMessage());
        }
    }

    private void drainOnce(long serviceId) {
        while (true) {
            List<Router.Assignment> batch = jdbi.inTransaction(h -> {
                List<Router.Assignment> done = Router.assignBatch(h, serviceId, ASSIGNMENTS_PER_COMMIT, elsewhere, eligibility);
                // One statement for the batch's timeline entries, in the assignments' transaction.
                people.doRecord(h, done.stream().map(a -> TimelineEntries.assigned(clock.instant(), a.contactId(), a.conversationId(), a.staffId())).toList());
                return done;
            });
            for (Router.Assignment a : batch) {
                assignmentWait.record(Duration.between(a.queuedAt(), clock.instant()));
                bus.publish(new ConversationChanged(a.conversationId(), serviceId, ConversationChanged.Change.ASSIGNED, a.staffId(), null));
            }
            if (batch.size() < ASSIGNMENTS_PER_COMMIT) return;
        }
    }

    /** The safety net: every service with a waiting conversation gets a routing pass. */
    public void drainAll() {
        drain(jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT service_id FROM conversations WHERE status = 'waiting'")
                .mapTo(Long.class).list()));
    }
}
