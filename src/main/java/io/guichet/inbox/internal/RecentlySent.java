package io.guichet.inbox.internal;

import io.guichet.inbox.Delivery;
import io.guichet.inbox.Message;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The last messages this node stored, so its own sockets get them without a query: by message, and by
 * conversation for the few messages of a conversation just started (what its new assignee receives).
 */
public final class RecentlySent {
    private static final int KEPT = 4_096;
    private final Map<Long, Delivery> byMessageId = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Delivery> eldest) {
            return size() > KEPT;
        }
    };

    private static final int MESSAGES_KEPT_PER_CONVERSATION = 10;
    private final Map<Long, List<Message>> byConversation = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, List<Message>> eldest) {
            return size() > KEPT;
        }
    };

    public synchronized void remember(Delivery d) {
        byMessageId.put(d.message().id(), d);
        List<Message> ofConversation = byConversation.computeIfAbsent(d.conversation().id(), k -> new ArrayList<>());
        if (ofConversation.size() < MESSAGES_KEPT_PER_CONVERSATION) ofConversation.add(d.message());
    }

    /** Every message of the conversation up to {@code lastSeq}, if all of them are here (else null: ask the database). */
    public synchronized List<Message> allOf(long conversationId, int lastSeq) {
        List<Message> kept = byConversation.get(conversationId);
        if (kept == null || kept.size() < lastSeq) return null;
        List<Message> sorted = kept.stream().sorted(Comparator.comparingInt(Message::seq)).toList();
        for (int i = 0; i < lastSeq; i++) if (sorted.get(i).seq() != i + 1) return null;
        return sorted.subList(0, lastSeq);
    }

    public synchronized Delivery get(long messageId) {
        return byMessageId.get(messageId);
    }
}
