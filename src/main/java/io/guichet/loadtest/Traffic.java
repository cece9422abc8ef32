package io.guichet.loadtest;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** What the simulated visitors and agents share during a run: the ledger and who talks to whom on which node. */
final class Traffic {
    final LoadOptions options;
    final Ledger ledger = new Ledger();
    final String runId;
    final String service;
    final AtomicLong reconnects = new AtomicLong();
    final AtomicLong failures = new AtomicLong();
    private final Map<String, Integer> visitorNode = new ConcurrentHashMap<>();
    private final Map<String, Integer> agentNode = new ConcurrentHashMap<>();
    private final Map<String, Long> startSentAt = new ConcurrentHashMap<>();
    private final Map<String, Long> assignedAt = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("loadtest-timer").factory());

    Traffic(LoadOptions options, String runId, String service) {
        this.options = options;
        this.runId = runId;
        this.service = service;
    }

    /** A visitor's conversation exists; its assignment may already have been seen. */
    void started(String conversationId, SimVisitor visitor, Ledger.Entry first) {
        visitorNode.put(conversationId, visitor.node);
        Long at = assignedAt.remove(conversationId);
        if (at != null) ledger.assignment.add(at - first.sentAt);
        else startSentAt.put(conversationId, first.sentAt);
    }

    /** The first {@code conversation.assigned} of a conversation counts; a repeated notice does not. */
    void assigned(String conversationId, SimAgent agent) {
        if (agentNode.putIfAbsent(conversationId, agent.node) != null) return;
        long now = System.nanoTime();
        Long sent = startSentAt.remove(conversationId);
        if (sent != null) ledger.assignment.add(now - sent);
        else assignedAt.put(conversationId, now); // the start's acknowledgement has not come back yet
    }

    /** Whether the two ends of this conversation are on different nodes. */
    boolean crossNode(String conversationId) {
        Integer v = visitorNode.get(conversationId), a = agentNode.get(conversationId);
        return v != null && a != null && !v.equals(a);
    }

    boolean ours(String clientId) {
        return clientId != null && clientId.startsWith(runId);
    }

    /** A 2xx is accepted; anything else is counted and the first few are shown. */
    boolean accepted(Http.Answer a, String what) {
        if (a.status() / 100 == 2) return true;
        ledger.refused.incrementAndGet();
        report("could not " + what + ": " + a.status() + " " + a.json());
        return false;
    }

    void failed(Http.Failed e) {
        report(e.getMessage());
    }

    private void report(String problem) {
        if (failures.incrementAndGet() <= 5) System.err.println("loadtest: " + problem);
    }

    /** Runs this a second from now: long enough for frames still in flight to arrive. */
    void later(Runnable r) {
        timer.schedule(() -> Thread.ofVirtual().start(r), 1, TimeUnit.SECONDS);
    }

    void close() {
        timer.shutdownNow();
    }
}
