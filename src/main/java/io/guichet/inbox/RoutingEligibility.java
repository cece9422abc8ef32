package io.guichet.inbox;

import org.jdbi.v3.core.Handle;

import java.util.Collection;

/**
 * "May this agent take this conversation?", asked by routing of the agents with room before it gives them a waiting
 * conversation (staffing's skills: languages, the exam platform, trained). The inbox does not know why an agent may
 * not: a conversation nobody may take waits in its queue, and is taken when an agent who may frees up. {@code App}
 * hands it the implementation; {@link #ANYONE} is routing by capacity alone.
 */
public interface RoutingEligibility {
    RoutingEligibility ANYONE = (h, serviceId, staffIds) -> (staffId, c) -> true;

    /** What routing knows of a waiting conversation when it chooses its agent (no personal data). */
    record Waiting(long conversationId, long serviceId, String lang, Origin origin) {
    }

    /** The rule for one routing batch, read once for the batch's agents. */
    interface Judge {
        boolean mayTake(long staffId, Waiting conversation);
    }

    /**
     * The rule for these agents of the service, read in routing's transaction ({@code h}: the implementation reads its
     * own tables with it, so a batch needs no second connection).
     */
    Judge judge(Handle h, long serviceId, Collection<Long> staffIds);
}
