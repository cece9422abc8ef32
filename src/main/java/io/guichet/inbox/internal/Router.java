package io.guichet.inbox.internal;

import io.guichet.inbox.AgentLoads;
import io.guichet.inbox.HeldWork;
import io.guichet.inbox.Origin;
import io.guichet.inbox.RoutingEligibility;
import io.guichet.platform.web.ApiError;
import org.jdbi.v3.core.Handle;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assignment of waiting conversations to agents. Rows are locked conversation first, agent second,
 * everywhere, so concurrent routers never deadlock. A conversation another router holds is skipped
 * (it is being assigned); an agent row locked by another router is waited for and re-checked
 * (PostgreSQL re-evaluates the WHERE clause on the newest row version), so no agent ever goes over
 * their limit and no conversation is assigned twice, on any number of nodes.
 */
public final class Router {
    /** {@code queuedAt}: when the conversation started waiting, to measure how long it waited. */
    public record Assignment(long conversationId, long contactId, long staffId, Instant queuedAt) {
    }

    /** Waiting conversations read past this many in one pass, none fitting the agents there, wait for the next pass. */
    static final int MAX_SCANNED = 500;

    /**
     * Assigns up to {@code max} of the oldest waiting conversations of the service, each to the agent with the least
     * load at that moment (open conversations and the work they hold {@code elsewhere}, then the one who waited longest
     * since their last assignment: {@link AgentLoads}) that {@code eligibility} lets take it, in a handful of statements
     * whatever the batch size. A conversation no agent there may take is passed over (it keeps its place in the queue),
     * so the ones behind it are not held up.
     */
    public static List<Assignment> assignBatch(Handle h, long serviceId, int max, HeldWork elsewhere, RoutingEligibility eligibility) {
        List<Queued> page = waitingAfter(h, serviceId, null, max);
        if (page.isEmpty()) return List.of();
        List<AgentLoads.Load> agents = AgentLoads.findAvailable(h, serviceId, elsewhere);
        if (agents.isEmpty()) return List.of();
        RoutingEligibility.Judge judge = eligibility.judge(h, serviceId, agents.stream().map(AgentLoads.Load::staffId).toList());
        List<Assignment> done = new ArrayList<>();
        Map<Long, Integer> taken = new HashMap<>();
        int scanned = 0;
        while (true) {
            List<AgentLoads.Load> now = agents.stream().map(a -> new AgentLoads.Load(a.staffId(), a.openConversations() + taken.getOrDefault(a.staffId(), 0),
                    a.held(), a.maxConcurrent())).toList();
            for (var given : AgentLoads.share(page, now, (staffId, q) -> judge.mayTake(staffId, q.waiting())).entrySet()) {
                if (done.size() == max) break;
                Queued q = given.getKey();
                done.add(new Assignment(q.waiting().conversationId(), q.contactId(), given.getValue(), q.queuedAt()));
                taken.merge(given.getValue(), 1, Integer::sum);
            }
            scanned += page.size();
            boolean room = agents.stream().anyMatch(a -> a.load() + taken.getOrDefault(a.staffId(), 0) < a.maxConcurrent());
            if (done.size() == max || !room || page.size() < max || scanned >= MAX_SCANNED) break;
            page = waitingAfter(h, serviceId, page.getLast(), max);
            if (page.isEmpty()) break;
        }
        if (done.isEmpty()) return List.of();
        h.createUpdate("""
                        UPDATE conversations c SET status = 'open', assignee_id = v.staff, assigned_at = now(), resolved_at = NULL
                        FROM unnest(:ids, :staff) AS v(id, staff) WHERE c.id = v.id""")
                .bindArray("ids", Long.class, done.stream().map(Assignment::conversationId).toList())
                .bindArray("staff", Long.class, done.stream().map(Assignment::staffId).toList())
                .execute();
        h.createUpdate("""
                        UPDATE agent_presence p SET open_count = open_count + v.n, last_assigned_at = now()
                        FROM unnest(:staff, :n) AS v(staff, n) WHERE p.staff_id = v.staff""")
                .bindArray("staff", Long.class, List.copyOf(taken.keySet()))
                .bindArray("n", Integer.class, taken.keySet().stream().map(taken::get).toList())
                .execute();
        return done;
    }

    /** A waiting conversation as routing reads it, locked. */
    private record Queued(RoutingEligibility.Waiting waiting, long contactId, Instant queuedAt) {
    }

    /** The next {@code max} waiting conversations after {@code after} in the queue's order, locked; those another router holds are skipped. */
    private static List<Queued> waitingAfter(Handle h, long serviceId, Queued after, int max) {
        return h.createQuery("""
                        SELECT id, contact_id, queued_at, lang, origin_kind, origin_ref FROM conversations
                        WHERE service_id = :s AND status = 'waiting' AND (queued_at, id) > (:at, :id)
                        ORDER BY queued_at, id LIMIT :max FOR UPDATE SKIP LOCKED""")
                .bind("s", serviceId).bind("max", max)
                .bind("at", after == null ? OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC) : after.queuedAt().atOffset(ZoneOffset.UTC))
                .bind("id", after == null ? 0L : after.waiting().conversationId())
                .map((rs, ctx) -> new Queued(new RoutingEligibility.Waiting(rs.getLong("id"), serviceId, rs.getString("lang"),
                        rs.getString("origin_kind") == null ? null : new Origin(rs.getString("origin_kind"), rs.getString("origin_ref"))),
                        rs.getLong("contact_id"), rs.getObject("queued_at", OffsetDateTime.class).toInstant())).list();
    }

    /** Whether the agent has a free place, counting the work they hold elsewhere (the desk's callbacks); locks their presence. */
    public static boolean hasRoom(Handle h, long staffId, HeldWork elsewhere) {
        int free = h.createQuery("SELECT max_concurrent - open_count FROM agent_presence WHERE staff_id = :st FOR UPDATE")
                .bind("st", staffId).mapTo(Integer.class).findOne().orElse(0);
        return free > elsewhere.heldBy(h, List.of(staffId)).getOrDefault(staffId, 0);
    }

    /** Gives a place of the agent to a conversation the caller has locked; refuses over the limit, held work included. */
    public static void assignTo(Handle h, long conversationId, long staffId, HeldWork elsewhere) {
        if (!hasRoom(h, staffId, elsewhere)) throw ApiError.conflict("agent_full", "This agent has no free place for another conversation");
        take(h, staffId);
        new ConversationDao(h).setStatus(conversationId, "open", staffId);
    }

    private static void take(Handle h, long staffId) {
        h.createUpdate("UPDATE agent_presence SET open_count = open_count + 1, last_assigned_at = now() WHERE staff_id = :st")
                .bind("st", staffId).execute();
    }

    /** Frees the place a conversation held with its agent. */
    public static void release(Handle h, long staffId) {
        h.createUpdate("UPDATE agent_presence SET open_count = open_count - 1 WHERE staff_id = :st AND open_count > 0")
                .bind("st", staffId).execute();
    }

    private Router() {
    }
}
