package io.guichet.inbox.internal;

import io.guichet.platform.web.ApiError;
import org.jdbi.v3.core.Handle;

import java.util.Optional;

/**
 * Assignment of waiting conversations to agents. Rows are locked conversation first, agent second,
 * everywhere, so concurrent routers never deadlock. A conversation another router holds is skipped
 * (it is being assigned); an agent row locked by another router is waited for and re-checked
 * (PostgreSQL re-evaluates the WHERE clause on the newest row version), so no agent ever goes over
 * their limit and no conversation is assigned twice, on any number of nodes.
 */
public final class Router {
    /** {@code queuedAt}: when the conversation started waiting, to measure how long it waited. */
    public record Assignment(long conversationId, long staffId, java.time.Instant queuedAt) {
    }

    /** Assigns the oldest waiting conversation of the service to the best available agent, if both exist. */
    public static Optional<Assignment> assignNext(Handle h, long serviceId) {
        record Waiting(long id, java.time.Instant queuedAt) {
        }
        Optional<Waiting> conversation = h.createQuery("""
                        SELECT id, queued_at FROM conversations WHERE service_id = :s AND status = 'waiting'
                        ORDER BY queued_at, id LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .bind("s", serviceId)
                .map((rs, ctx) -> new Waiting(rs.getLong("id"), rs.getTimestamp("queued_at").toInstant())).findOne();
        if (conversation.isEmpty()) return Optional.empty();
        // Fewest open conversations first, then the one who waited longest since their last assignment.
        Optional<Long> agent = h.createQuery("""
                        SELECT p.staff_id FROM agent_presence p
                        JOIN service_members m ON m.staff_id = p.staff_id AND m.service_id = :s
                        WHERE p.wants_available AND p.online_until > now() AND p.open_count < p.max_concurrent
                        ORDER BY p.open_count, p.last_assigned_at, p.staff_id
                        LIMIT 1 FOR UPDATE OF p""")
                .bind("s", serviceId).mapTo(Long.class).findOne();
        if (agent.isEmpty()) return Optional.empty();
        take(h, agent.get());
        new ConversationDao(h).setStatus(conversation.get().id(), "open", agent.get());
        return Optional.of(new Assignment(conversation.get().id(), agent.get(), conversation.get().queuedAt()));
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
