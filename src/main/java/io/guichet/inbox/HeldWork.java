package io.guichet.inbox;

import org.jdbi.v3.core.Handle;

import java.util.List;
import java.util.Map;

/**
 * Work another module gives agents that takes a place in the same capacity as their chats (the desk's callbacks are
 * "routed like chats": one {@code maxConcurrent} for both). Chat routing asks it how much each agent holds, so the
 * inbox never reads that module's tables; {@code App} hands it the module's implementation.
 */
@FunctionalInterface
public interface HeldWork {
    HeldWork NONE = (h, staffIds) -> Map.of();

    /** How many items each of these agents holds now (absent: none), read in the caller's transaction. */
    Map<Long, Integer> heldBy(Handle h, List<Long> staffIds);
}
