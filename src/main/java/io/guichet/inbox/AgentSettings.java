package io.guichet.inbox;

import java.util.List;

/** How routing treats one staff member: their services, capacity and presence right now. */
public record AgentSettings(long staffId, List<Long> serviceIds, int maxConcurrent, boolean wantsAvailable,
                            boolean online, int openCount) {
    public boolean available() {
        return wantsAvailable && online;
    }
}
