package io.guichet.inbox.internal;

import io.guichet.inbox.AgentLoads;
import io.guichet.inbox.HeldWork;
import io.guichet.platform.web.ApiError;
import org.jdbi.v3.core.Handle;

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
    public record Assignment(long conversationId, long contactId, long staffId, java.time.Instant queuedAt) {
    }

    /**
     * Assigns up to {@code max} of the oldest waiting conversations of the service, each to the agent
     * with the least load at that moment (open conversations and the work they hold {@code elsewhere},
     * then the one who waited longest since their last assignment: {@link AgentLoads}), in a handful of
     * statements whatever the batch size.
     */
    public static List<Assignment> assignBatch(Handle h, long serviceId, int max, HeldWork elsewhere) {
        List<Assignment> waiting = h.createQuery("""
                        SELECT id, contact_id, queued_at FROM conversations WHERE service_id = :s AND status = 'waiting'
                        ORDER BY queued_at, id LIMIT :max FOR UPDATE SKIP LOCKED""")
                .bind("s", serviceId).bind("max", max)
                .map((rs, ctx) -> new Assignment(rs.getLong("id"), rs.getLong("contact_id"), 0, rs.getTimestamp("queued_at").toInstant())).list();
        if (waiting.isEmpty()) return List.of();
        List<AgentLoads.Load> agents = AgentLoads.findAvailable(h, serviceId, elsewhere);
        if (agents.isEmpty()) return List.of();
        List<Assignment> done = new ArrayList<>();
        Map<Long, Integer> taken = new HashMap<>();
        AgentLoads.share(waiting, agents).forEach((w, staffId) -> {
            done.add(new Assignment(w.conversationId(), w.contactId(), staffId, w.queuedAt()));
            taken.merge(staffId, 1, Integer::sum);
        });
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

    /** Gives a place of the agent to a conversation the caller has locked; refuses over the limit. */
    public static void assignTo(Handle h, long conversationId, long staffId) {
        boolean hasRoom = h.createQuery("""
                        SELECT open_count < max_concurrent FROM agent_presence WHERE staff_id = :st FOR UPDATE""")
                .bind("st", staffId).mapTo(Boolean.class).findOne().orElse(false);
        if (!hasRoom) throw ApiError.conflict("agent_full", "This agent has no free place for another conversation");
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
