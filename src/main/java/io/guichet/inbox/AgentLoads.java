package io.guichet.inbox;

import io.guichet.inbox.internal.AgentDao;
import org.jdbi.v3.core.Handle;

import java.util.List;

/**
 * Who of a service may take more work now, as chat routing sees them: online, available and under their capacity,
 * fewest open conversations first (then the one who waited longest since their last assignment). Another module that
 * routes its own work to the same people (the desk's callbacks) reads them here instead of copying the rule.
 */
public final class AgentLoads {
    /** An agent with room: their open conversations now and how many they take at once. */
    public record Load(long staffId, int openConversations, int maxConcurrent) {
    }

    private AgentLoads() {
    }

    /** The service's agents with room, in routing's order, read in the caller's transaction. */
    public static List<Load> findAvailable(Handle h, long serviceId) {
        return new AgentDao(h).withRoom(serviceId);
    }
}
