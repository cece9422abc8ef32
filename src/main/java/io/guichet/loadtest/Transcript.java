package io.guichet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/** What one client has seen of one conversation: message ids, and which sequence numbers. */
final class Transcript {
    private final Set<String> ids = new HashSet<>();
    private final Set<String> pushed = new HashSet<>();
    private final BitSet seqs = new BitSet();

    /** True the first time this message is seen. */
    synchronized boolean see(JsonNode message) {
        int seq = message.path("seq").asInt();
        if (seq > 0) seqs.set(seq);
        return ids.add(message.path("id").asText());
    }

    /** True when the server had already pushed this message to this client: a duplicate delivery. */
    synchronized boolean pushedAgain(JsonNode message) {
        return !pushed.add(message.path("id").asText());
    }

    /** The highest sequence number below which nothing is missing. */
    synchronized int contiguous() {
        return seqs.nextClearBit(1) - 1;
    }

    synchronized boolean hasGap() {
        return seqs.length() - 1 > contiguous();
    }
}
