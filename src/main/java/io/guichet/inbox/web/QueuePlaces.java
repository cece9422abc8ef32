package io.guichet.inbox.web;

import io.guichet.inbox.Conversation;
import io.guichet.inbox.ConversationService;
import io.guichet.platform.web.SocketRegistry;
import io.guichet.platform.web.WebKernel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Tells waiting visitors their place in the queue, at most a few times a second per service and only
 * to those whose place changed: a burst of arrivals and assignments costs one query per service, not
 * one per waiting visitor per change.
 */
final class QueuePlaces {
    private static final Logger log = LoggerFactory.getLogger(QueuePlaces.class);
    private static final int ANNOUNCE_MILLIS = 250;
    /** A long queue is told less often (a millisecond per waiting visitor, up to 2 s): a rush moves every place at once. */
    private static final int ANNOUNCE_MAX_MILLIS = 2_000;

    private final ConversationService conversations;
    private final SocketRegistry<Long> visitorSockets;
    private final InboxJson json;
    private final WebKernel web;
    private final ScheduledExecutorService timer;
    private final Set<Long> servicesToAnnounce = ConcurrentHashMap.newKeySet();
    /** The place each waiting visitor was last told, so unchanged places are not sent again. */
    private final Map<Long, Integer> told = new ConcurrentHashMap<>();
    private final Map<Long, Integer> queueLengths = new ConcurrentHashMap<>();

    QueuePlaces(ConversationService conversations, SocketRegistry<Long> visitorSockets, InboxJson json, WebKernel web,
                ScheduledExecutorService timer) {
        this.conversations = conversations;
        this.visitorSockets = visitorSockets;
        this.json = json;
        this.web = web;
        this.timer = timer;
    }

    /** The conversation's own visitor is told at once (their status changed); the others of its service soon after. */
    void changed(Conversation c, int position) {
        if (position == 0) told.remove(c.id());
        else told.put(c.id(), position);
        if (visitorSockets.has(c.contactId())) visitorSockets.send(c.contactId(), web.toJson(json.visitorStatus(c, position, conversations.findEstimatedWaitMinutes(c.serviceId(), position))));
        mayHaveMoved(c.serviceId());
    }

    private void mayHaveMoved(long serviceId) {
        if (!servicesToAnnounce.add(serviceId)) return;
        timer.schedule(() -> Thread.ofVirtual().start(() -> {
            servicesToAnnounce.remove(serviceId);
            try {
                var queue = conversations.findQueue(serviceId);
                queueLengths.put(serviceId, queue.size());
                for (ConversationService.QueueEntry entry : queue) {
                    Conversation w = entry.conversation();
                    if (!visitorSockets.has(w.contactId())) continue;
                    Integer before = told.put(w.id(), entry.position());
                    if (before == null || before != entry.position()) {
                        visitorSockets.send(w.contactId(), web.toJson(json.visitorStatus(w, entry.position(),
                                conversations.findEstimatedWaitMinutes(serviceId, entry.position()))));
                    }
                }
            } catch (RuntimeException e) {
                log.warn("Queue positions not sent: {}", e.getMessage());
            }
        }), Math.clamp(queueLengths.getOrDefault(serviceId, 0), ANNOUNCE_MILLIS, ANNOUNCE_MAX_MILLIS), TimeUnit.MILLISECONDS);
    }
}
