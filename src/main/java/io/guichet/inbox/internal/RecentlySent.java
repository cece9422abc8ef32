package io.guichet.inbox.internal;

import io.guichet.inbox.Delivery;

import java.util.LinkedHashMap;
import java.util.Map;

/** The last messages this node stored, so its own sockets get them without a query. */
public final class RecentlySent {
    private static final int KEPT = 4_096;
    private final Map<Long, Delivery> byMessageId = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Delivery> eldest) {
            return size() > KEPT;
        }
    };

    public synchronized void remember(Delivery d) {
        byMessageId.put(d.message().id(), d);
    }

    public synchronized Delivery get(long messageId) {
        return byMessageId.get(messageId);
    }
}
