package io.guichet.desk;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.inbox.AgentLoads;
import io.guichet.inbox.AgentService;
import io.guichet.inbox.HeldWork;
import io.guichet.inbox.RoutingEligibility;
import io.guichet.people.Contact;
import io.guichet.people.ContactDraft;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.services.ServiceCatalogue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The callback queue: missed calls and visitors' requests from the chat widget, each given to an agent of the hotline's
 * service like a chat is, by the inbox's {@code AgentLoads} (online, available, with room; fewest open first — open
 * conversations and callbacks held, one capacity for both: chat routing counts callbacks through {@link #HELD} —
 * then routing's order), the others waiting oldest first until someone has room. "Called back" closes one.
 */
public final class CallbackQueue {
    /** Advisory lock key: one routing pass at a time across nodes, so no agent is given more than their room. */
    private static final long ROUTING_LOCK = 0x6465736b_63616c6cL;
    private static final int ROUTE_SECONDS = 15;
    public static final int MAX_LIST = 500;
    private static final String SELECT_CALLBACK = "SELECT id, call_id, phone, requested_at, source, contact_id, assignee_id, assigned_at FROM desk_callbacks";

    /** A callback to make: {@code source} missed (a call) or web (the widget); {@code assigneeId} null while it waits. */
    public record Callback(long id, String callId, String phone, Instant requestedAt, String source, Long contactId, Long assigneeId,
                           Instant assignedAt) {
    }

    /** What the widget needs to offer a callback: the hotline's service and the wait from which it is offered. */
    public record Offer(String serviceSlug, int minWaitMinutes, boolean enabled) {
    }

    private final Jdbi jdbi;
    private final ServiceCatalogue services;
    private final DeskSettings settings;
    private final Clock clock;
    private final Bus bus;
    private final AgentService agents;
    private final RoutingEligibility eligibility;
    private ScheduledExecutorService job;

    /**
     * {@code eligibility}: who may take what (staffing's skills, the inbox's port, the same one chat routing asks): a
     * callback is judged as a waiting chat of the hotline in the caller's language.
     */
    public CallbackQueue(Jdbi jdbi, ServiceCatalogue services, DeskSettings settings, Clock clock, Bus bus, AgentService agents,
                         RoutingEligibility eligibility) {
        this.jdbi = jdbi;
        this.eligibility = eligibility;
        this.agents = agents;
        this.services = services;
        this.settings = settings;
        this.clock = clock;
        this.bus = bus;
    }

    /** A routing pass every few seconds on every node: agents come on line and free room without telling the desk. */
    public void start() {
        job = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("desk-callbacks").factory());
        job.scheduleWithFixedDelay(() -> {
            try {
                doRoute();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(CallbackQueue.class).warn("The callbacks' routing pass failed; it runs again in {} s", ROUTE_SECONDS, e);
            }
        }, ROUTE_SECONDS, ROUTE_SECONDS, TimeUnit.SECONDS);
    }

    public void close() {
        if (job != null) job.shutdownNow();
    }

    /** The hotline's service, if it exists and is active. */
    private Optional<Long> serviceId() {
        try {
            return Optional.of(services.findBySlug(settings.serviceSlug()).id());
        } catch (ApiError e) {
            return Optional.empty();
        }
    }

    /**
     * Adds a missed call to the queue in the caller's transaction (the call's events are recorded there): the number in
     * E.164 when it reads as one, as the contact's is (an anonymous or odd one is kept as the PBX sent it), and whose it is.
     */
    static void addMissed(Handle h, String callId, String phone, Instant at, Caller caller) {
        h.createUpdate("""
                        INSERT INTO desk_callbacks (call_id, phone, requested_at, source, contact_id, lang)
                        VALUES (:call, :phone, :at, 'missed', :contact, :lang) ON CONFLICT (call_id) DO NOTHING""")
                .bind("call", callId).bind("phone", e164OrAsIs(phone)).bind("at", Timestamp.from(at))
                .bind("contact", caller == null ? null : caller.contactId()).bind("lang", caller == null ? null : lang(caller.lang())).execute();
    }

    /** Whose number called, and the language they are answered in. */
    record Caller(long contactId, String lang) {
    }

    private static String lang(String lang) {
        return "fr".equals(lang) || "en".equals(lang) ? lang : null;
    }

    private static String e164OrAsIs(String phone) {
        try {
            return ContactDraft.phone("from", phone);
        } catch (ApiError notOne) {
            return phone;
        }
    }

    // ---------------------------------------------------------------- routing

    /**
     * The callbacks each agent holds, for chat routing: they take a place in the same capacity as chats (the inbox's
     * port, so it never reads this table). Read in the router's transaction.
     */
    public static final HeldWork HELD = (h, staffIds) -> {
        Map<Long, Integer> held = new HashMap<>();
        h.createQuery("SELECT assignee_id, count(*) FROM desk_callbacks WHERE done_at IS NULL AND assignee_id = ANY(:ids) GROUP BY assignee_id")
                .bindArray("ids", Long.class, staffIds).map((rs, c) -> held.put(rs.getLong(1), rs.getInt(2))).list();
        return held;
    };

    /** Gives waiting callbacks to the hotline's agents with room; how many were given. */
    public int doRoute() {
        Optional<Long> service = serviceId();
        if (service.isEmpty()) return 0;
        Instant now = clock.instant();
        Map<Long, Long> given = jdbi.inTransaction(h -> {
            h.execute("SELECT pg_advisory_xact_lock(?)", ROUTING_LOCK);
            record Queued(long id, RoutingEligibility.Waiting asChat) {
            }
            List<Queued> waiting = h.createQuery("""
                            SELECT id, lang FROM desk_callbacks WHERE done_at IS NULL AND assignee_id IS NULL ORDER BY requested_at, id LIMIT 200""")
                    .map((rs, c) -> new Queued(rs.getLong("id"), new RoutingEligibility.Waiting(0, service.get(), rs.getString("lang"), null))).list();
            if (waiting.isEmpty()) return Map.<Long, Long>of();
            // the same rule and locks as chat routing: load = open chats + callbacks held, fewest first, skills respected
            List<AgentLoads.Load> loads = AgentLoads.findAvailable(h, service.get(), HELD);
            RoutingEligibility.Judge judge = eligibility.judge(h, service.get(), loads.stream().map(AgentLoads.Load::staffId).toList());
            Map<Long, Long> to = new LinkedHashMap<>();
            AgentLoads.share(waiting, loads, (staff, q) -> judge.mayTake(staff, q.asChat())).forEach((q, staff) -> to.put(q.id(), staff));
            to.forEach((callback, staff) -> h.createUpdate("UPDATE desk_callbacks SET assignee_id = :s, assigned_at = :now WHERE id = :id")
                    .bind("s", staff).bind("now", Timestamp.from(now)).bind("id", callback).execute());
            return to;
        });
        given.forEach((callback, staff) -> bus.publish(new CallbackAssigned(callback, staff)));
        return given.size();
    }

    // ---------------------------------------------------------------- the helpdesk's list

    /** Every callback not made yet: the viewer's first, then those waiting for someone (oldest first), then colleagues'. */
    public List<Callback> accessOpen(Staff viewer) {
        Access.requireDesk(viewer);
        return jdbi.withHandle(h -> h.createQuery("""
                        %s WHERE done_at IS NULL
                        ORDER BY CASE WHEN assignee_id = :me THEN 0 WHEN assignee_id IS NULL THEN 1 ELSE 2 END, requested_at, id LIMIT :max""".formatted(SELECT_CALLBACK))
                .bind("me", viewer.id()).bind("max", MAX_LIST).map((rs, c) -> callback(rs)).list());
    }

    private static Callback callback(java.sql.ResultSet rs) throws java.sql.SQLException {
        long contact = rs.getLong("contact_id");
        Long contactId = rs.wasNull() ? null : contact;
        long assignee = rs.getLong("assignee_id");
        Long assigneeId = rs.wasNull() ? null : assignee;
        Timestamp assigned = rs.getTimestamp("assigned_at");
        return new Callback(rs.getLong("id"), rs.getString("call_id"), rs.getString("phone"), rs.getTimestamp("requested_at").toInstant(),
                rs.getString("source"), contactId, assigneeId, assigned == null ? null : assigned.toInstant());
    }

    /** Marks a callback done by {@code actor} (theirs or a colleague's); done already is 409. Its agent's room is free again. */
    public void doCalledBack(Staff actor, long callbackId) {
        Access.requireDesk(actor);
        List<Long> heldBy = jdbi.withHandle(h -> h.createUpdate("UPDATE desk_callbacks SET done_at = :now, done_by = :by WHERE id = :id AND done_at IS NULL")
                .bind("now", Timestamp.from(clock.instant())).bind("by", actor.id()).bind("id", callbackId)
                .executeAndReturnGeneratedKeys("assignee_id").map((rs, c) -> {
                    long staff = rs.getLong(1);
                    return rs.wasNull() ? -1L : staff;
                }).list());
        if (heldBy.isEmpty()) throw ApiError.conflict("done", "This call was called back already");
        doRoute(); // waiting callbacks first, then what room is left goes to waiting chats
        if (heldBy.getFirst() >= 0) agents.doRoomFreed(heldBy.getFirst());
    }

    // ---------------------------------------------------------------- the widget's request

    public Offer findOffer() {
        return new Offer(settings.serviceSlug(), settings.callbackWaitMinutes(), serviceId().isPresent());
    }

    /** The visitor's request as stored, and whether this call made it (false: their open request already waited). */
    public record Requested(Callback callback, boolean created) {
    }

    /**
     * A visitor asks to be called back at {@code phone} (Québec's and other North American ways of writing it are
     * normalised to E.164). One open request per visitor: asking again while one waits returns it, with the new number.
     */
    public Requested doRequest(Contact visitor, String phone) {
        if (!findOffer().enabled()) throw ApiError.notFound("Callbacks");
        String raw = Fields.required("phone", phone, 40);
        String e164 = ContactDraft.phone("phone", raw);
        Instant now = clock.instant();
        Requested r = jdbi.inTransaction(h -> {
            Optional<Long> open = h.createQuery("SELECT id FROM desk_callbacks WHERE contact_id = :c AND source = 'web' AND done_at IS NULL FOR UPDATE")
                    .bind("c", visitor.id()).mapTo(Long.class).findOne();
            long id;
            if (open.isPresent()) {
                id = open.get();
                h.createUpdate("UPDATE desk_callbacks SET phone = :p, lang = :lang WHERE id = :id").bind("p", e164).bind("lang", lang(visitor.lang()))
                        .bind("id", id).execute();
            } else {
                id = h.createUpdate("INSERT INTO desk_callbacks (phone, requested_at, source, contact_id, lang) VALUES (:p, :now, 'web', :c, :lang)")
                        .bind("p", e164).bind("now", Timestamp.from(now)).bind("c", visitor.id()).bind("lang", lang(visitor.lang())).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
            }
            Callback c = h.createQuery(SELECT_CALLBACK + " WHERE id = :id")
                    .bind("id", id).map((rs, x) -> callback(rs)).one();
            return new Requested(c, open.isEmpty());
        });
        if (r.created()) doRoute();
        return r;
    }

    /** The agent a callback was given to, for the frame that tells them (no viewer: the frame's predicate checks them). */
    public Optional<Callback> findCallback(long id) {
        return jdbi.withHandle(h -> h.createQuery(SELECT_CALLBACK + " WHERE id = :id")
                .bind("id", id).map((rs, c) -> callback(rs)).findOne());
    }
}
