package io.guichet.loadtest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every message the generator sends, keyed by its clientId: when it was sent and acknowledged,
 * and how many times its recipient received it. Loss and duplication are read from here.
 */
final class Ledger {
    static final class Entry {
        final String clientId;
        final boolean byVisitor;
        final boolean crossNode;
        final long sentAt;
        volatile long ackedAt;
        volatile String messageId;
        volatile String conversationId;
        final AtomicInteger deliveries = new AtomicInteger();

        Entry(String clientId, boolean byVisitor, boolean crossNode, long sentAt) {
            this.clientId = clientId;
            this.byVisitor = byVisitor;
            this.crossNode = crossNode;
            this.sentAt = sentAt;
        }
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    final Latencies ack = new Latencies();
    final Latencies visitorToAgent = new Latencies();
    final Latencies agentToVisitor = new Latencies();
    final Latencies crossNode = new Latencies();
    final Latencies assignment = new Latencies();
    final AtomicLong sent = new AtomicLong();
    final AtomicLong sentByVisitors = new AtomicLong();
    final AtomicLong acked = new AtomicLong();
    final AtomicLong delivered = new AtomicLong();
    final AtomicLong duplicated = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong retried = new AtomicLong();
    final AtomicLong recoveredByFetch = new AtomicLong();

    Entry sending(String clientId, boolean byVisitor, boolean crossNode) {
        Entry e = new Entry(clientId, byVisitor, crossNode, System.nanoTime());
        entries.put(clientId, e);
        sent.incrementAndGet();
        if (byVisitor) sentByVisitors.incrementAndGet();
        return e;
    }

    void acknowledged(Entry e, String conversationId, String messageId) {
        if (e.ackedAt != 0) return;
        e.conversationId = conversationId;
        e.messageId = messageId;
        e.ackedAt = System.nanoTime();
        ack.add(e.ackedAt - e.sentAt);
        acked.incrementAndGet();
    }

    /** The recipient saw this message: the first time counts a delivery, any other a duplicate. */
    void received(String clientId, boolean byFetch) {
        Entry e = clientId == null ? null : entries.get(clientId);
        if (e == null) return;
        if (e.deliveries.incrementAndGet() > 1) {
            duplicated.incrementAndGet();
            return;
        }
        long latency = System.nanoTime() - e.sentAt;
        delivered.incrementAndGet();
        if (byFetch) recoveredByFetch.incrementAndGet();
        (e.byVisitor ? visitorToAgent : agentToVisitor).add(latency);
        if (e.crossNode) crossNode.add(latency);
    }

    /** Acknowledged and not yet delivered. */
    long pending() {
        return entries.values().stream().filter(e -> e.ackedAt != 0 && e.deliveries.get() == 0).count();
    }

    Iterable<Entry> all() {
        return entries.values();
    }

    /** Starts a new measurement window (peak search), keeping what is still in flight. */
    void resetLatencies() {
        ack.clear();
        visitorToAgent.clear();
        agentToVisitor.clear();
        crossNode.clear();
    }
}
