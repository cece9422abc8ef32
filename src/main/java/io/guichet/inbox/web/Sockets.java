package io.guichet.inbox.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.InboxEvents;
import io.guichet.inbox.InboxService;
import io.guichet.inbox.Message;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The WebSockets of visitors and agents connected to this node, and who among them receives each
 * notice of the bus: a message goes to its visitor (never an internal note), its assigned agent and
 * supervisors; a conversation change goes to the agents who may see that conversation, and queue
 * positions to the visitors waiting in that service.
 */
public final class Sockets implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sockets.class);
    static final int LEASE_SECONDS = 30;
    private static final int HEARTBEAT_SECONDS = 10;
    private static final int SWEEP_SECONDS = 15;
    private static final int QUEUE_ANNOUNCE_MILLIS = 250;
    private static final int UPDATES_GATHER_MILLIS = 150;

    private final InboxService inbox;
    private final IdentityService identity;
    private final PeopleService people;
    private final Bus bus;
    private final WebKernel web;
    private final InboxJson json;
    private final Map<Long, Set<WsContext>> visitorSockets = new ConcurrentHashMap<>();
    private final Map<Long, Set<WsContext>> agentSockets = new ConcurrentHashMap<>();
    private final Map<Long, Staff> connectedStaff = new ConcurrentHashMap<>();
    private final Map<Long, List<Long>> staffServices = new ConcurrentHashMap<>();
    private final Map<String, Long> lastTyping = new ConcurrentHashMap<>();
    private final Set<Long> queuesToAnnounce = ConcurrentHashMap.newKeySet();
    private final Map<Long, Map<Long, Map<String, Object>>> pendingUpdates = new ConcurrentHashMap<>();
    /** The place in the queue each waiting visitor was last told, so unchanged places are not sent again. */
    private final Map<Long, Integer> announcedPositions = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sockets-timer").daemon().factory());

    private final MeterRegistry meters;
    private final Counter framesSent;

    public Sockets(InboxService inbox, IdentityService identity, PeopleService people, Bus bus, WebKernel web, ZoneId zone,
                   MeterRegistry meters) {
        this.inbox = inbox;
        this.identity = identity;
        this.people = people;
        this.bus = bus;
        this.web = web;
        this.json = new InboxJson(identity, inbox, zone);
        this.meters = meters;
        this.framesSent = meters.counter("guichet.ws.frames.sent");
        Gauge.builder("guichet.ws.open", visitorSockets, Sockets::count).tag("kind", "visitor").register(meters);
        Gauge.builder("guichet.ws.open", agentSockets, Sockets::count).tag("kind", "agent").register(meters);
    }

    private static double count(Map<Long, Set<WsContext>> index) {
        return index.values().stream().mapToInt(Set::size).sum();
    }

    public void register(JavalinConfig config) {
        config.routes.ws("/ws/visitor", ws -> {
            ws.onConnect(ctx -> {
                Optional<Contact> visitor = people.accessVisitor(ctx.queryParam("token"));
                if (visitor.isEmpty()) {
                    ctx.closeSession(4401, "unauthorized");
                    return;
                }
                ctx.attribute("contactId", visitor.get().id());
                ctx.enableAutomaticPings(25, TimeUnit.SECONDS);
                visitorSockets.computeIfAbsent(visitor.get().id(), k -> ConcurrentHashMap.newKeySet()).add(ctx);
                meters.counter("guichet.ws.connections", "kind", "visitor").increment();
                ctx.send(web.json().writeValueAsString(Map.of("type", "hello", "contactId", Long.toString(visitor.get().id()))));
            });
            ws.onClose(ctx -> remove(visitorSockets, ctx.attribute("contactId"), ctx));
            ws.onMessage(ctx -> {
                Long contactId = ctx.attribute("contactId");
                JsonNode msg = parse(ctx.message());
                if (contactId == null || msg == null || !"typing".equals(msg.path("type").asText())) return;
                long conversationId = msg.path("conversationId").asLong(-1);
                inbox.conversationForDelivery(conversationId)
                        .filter(c -> c.contactId() == contactId)
                        .ifPresent(c -> typing(ctx.sessionId(), c, true));
            });
        });
        config.routes.ws("/ws/agent", ws -> {
            ws.onConnect(ctx -> {
                String token = ctx.queryParam("token");
                if (token == null) {
                    token = ctx.cookie(WebKernel.SESSION_COOKIE);
                    if (!sameOrigin(ctx.header("Origin"), ctx.header("Host"))) token = null; // no cross-site hijacking
                }
                Optional<Staff> staff = token == null ? Optional.empty() : identity.accessSession(token);
                if (staff.isEmpty()) {
                    ctx.closeSession(4401, "unauthorized");
                    return;
                }
                long id = staff.get().id();
                ctx.attribute("staffId", id);
                ctx.enableAutomaticPings(25, TimeUnit.SECONDS);
                connectedStaff.put(id, staff.get());
                staffServices.put(id, inbox.accessAgent(id).serviceIds());
                agentSockets.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(ctx);
                meters.counter("guichet.ws.connections", "kind", "agent").increment();
                ctx.send(web.json().writeValueAsString(Map.of("type", "hello", "staffId", Long.toString(id))));
                inbox.doAgentConnected(id, LEASE_SECONDS);
            });
            ws.onClose(ctx -> remove(agentSockets, ctx.attribute("staffId"), ctx));
            ws.onMessage(ctx -> {
                Long staffId = ctx.attribute("staffId");
                JsonNode msg = parse(ctx.message());
                if (staffId == null || msg == null || !"typing".equals(msg.path("type").asText())) return;
                Staff staff = connectedStaff.get(staffId);
                inbox.conversationForDelivery(msg.path("conversationId").asLong(-1))
                        .filter(c -> staff != null && inbox.canSee(staff, c))
                        .ifPresent(c -> typing(ctx.sessionId(), c, false));
            });
        });
    }

    /** Subscribes to the bus and starts the presence heartbeat and the routing sweep. */
    public void start() {
        bus.subscribe(InboxEvents.MESSAGE_SENT, payload -> onMessage(InboxEvents.MessageSent.parse(payload)));
        bus.subscribe(InboxEvents.CONVERSATION_CHANGED, payload -> onConversation(InboxEvents.ConversationChanged.parse(payload)));
        bus.subscribe(InboxEvents.TYPING, payload -> onTyping(InboxEvents.Typing.parse(payload)));
        bus.subscribe(Bus.RESYNC, payload -> inbox.recentMessages(Duration.ofMinutes(2))
                .forEach(m -> onMessage(new InboxEvents.MessageSent(m.conversationId(), m.id()))));
        timer.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    private void heartbeat() {
        try {
            List<Long> online = List.copyOf(agentSockets.keySet());
            inbox.doKeepOnline(online, LEASE_SECONDS);
            online.forEach(id -> staffServices.put(id, inbox.accessAgent(id).serviceIds()));
        } catch (RuntimeException e) {
            log.warn("Presence heartbeat failed: {}", e.getMessage());
        }
    }

    private void sweep() {
        try {
            inbox.drainAll();
        } catch (RuntimeException e) {
            log.warn("Routing sweep failed: {}", e.getMessage());
        }
    }

    private void onMessage(InboxEvents.MessageSent event) {
        if (visitorSockets.isEmpty() && agentSockets.isEmpty()) return;
        InboxService.Delivery d = inbox.messageForDelivery(event.conversationId(), event.messageId()).orElse(null);
        if (d == null) return;
        Conversation c = d.conversation();
        Message m = d.message();
        if (!m.internal()) {
            sendAll(visitorSockets.get(c.contactId()), Map.of("type", "message",
                    "conversationId", Long.toString(c.id()), "message", json.message(m, false)));
        }
        String forStaff = toJson(Map.of("type", "message", "conversationId", Long.toString(c.id()), "message", json.message(m, true)));
        agentSockets.forEach((staffId, sockets) -> {
            Staff staff = connectedStaff.get(staffId);
            boolean assignee = c.assigneeId() != null && c.assigneeId().equals(staffId);
            if (staff != null && (assignee || staff.isSupervisor())) sendText(sockets, forStaff);
        });
    }

    private void onConversation(InboxEvents.ConversationChanged event) {
        Conversation c = inbox.conversationForDelivery(event.conversationId()).orElse(null);
        if (c == null) return;
        if (!agentSockets.isEmpty()) {
            Map<String, Object> summary = json.conversation(c, people.accessContactForDelivery(c.contactId()));
            String assigned = toJson(Map.of("type", "conversation.assigned", "conversation", summary));
            agentSockets.forEach((staffId, sockets) -> {
                Staff staff = connectedStaff.get(staffId);
                if (staff == null) return;
                boolean assignee = c.assigneeId() != null && c.assigneeId().equals(staffId);
                if (assignee && c.status() == Conversation.Status.OPEN) sendText(sockets, assigned);
                else if (assignee || staff.isSupervisor() || staffServices.getOrDefault(staffId, List.of()).contains(c.serviceId())) {
                    updateLater(staffId, c.id(), summary);
                }
            });
        }
        if (visitorSockets.isEmpty()) return;
        int position = inbox.accessQueuePosition(c);
        if (position == 0) announcedPositions.remove(c.id());
        else announcedPositions.put(c.id(), position);
        sendAll(visitorSockets.get(c.contactId()), json.visitorStatus(c, position));
        queueMayHaveMoved(c.serviceId());
    }

    /**
     * Changes to conversations an agent merely sees (a new one waiting, one taken by a colleague) are
     * gathered for a moment and sent as one {@code conversations.updated} frame: during a burst of
     * arrivals, fifty agents of a service get a few frames a second each instead of one per change.
     */
    private void updateLater(long staffId, long conversationId, Map<String, Object> summary) {
        Map<Long, Map<String, Object>> pending = pendingUpdates.computeIfAbsent(staffId, k -> new java.util.LinkedHashMap<>());
        boolean first;
        synchronized (pending) {
            first = pending.isEmpty();
            pending.put(conversationId, summary);
        }
        if (first) timer.schedule(() -> flushUpdates(staffId, pending), UPDATES_GATHER_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void flushUpdates(long staffId, Map<Long, Map<String, Object>> pending) {
        List<Map<String, Object>> conversations;
        synchronized (pending) {
            conversations = List.copyOf(pending.values());
            pending.clear();
        }
        if (!conversations.isEmpty()) {
            sendAll(agentSockets.get(staffId), Map.of("type", "conversations.updated", "conversations", conversations));
        }
    }

    /**
     * Tells the other waiting visitors of the service their new place, at most a few times a second
     * per service and only to those whose place changed: a burst of arrivals and assignments costs
     * one query per service, not one per waiting visitor per change.
     */
    private void queueMayHaveMoved(long serviceId) {
        if (!queuesToAnnounce.add(serviceId)) return;
        timer.schedule(() -> Thread.ofVirtual().start(() -> {
            queuesToAnnounce.remove(serviceId);
            try {
                for (InboxService.QueueEntry entry : inbox.queueOf(serviceId)) {
                    Conversation w = entry.conversation();
                    Set<WsContext> sockets = visitorSockets.get(w.contactId());
                    if (sockets == null) continue;
                    Integer before = announcedPositions.put(w.id(), entry.position());
                    if (before == null || before != entry.position()) sendAll(sockets, json.visitorStatus(w, entry.position()));
                }
            } catch (RuntimeException e) {
                log.warn("Queue positions not sent: {}", e.getMessage());
            }
        }), QUEUE_ANNOUNCE_MILLIS, TimeUnit.MILLISECONDS);
    }

    private void typing(String socketId, Conversation c, boolean byVisitor) {
        long now = System.currentTimeMillis();
        Long last = lastTyping.put(socketId, now);
        if (last != null && now - last < 1_000) return; // at most one notice a second per socket
        bus.publish(InboxEvents.TYPING, new InboxEvents.Typing(c.id(), byVisitor).payload());
    }

    private void onTyping(InboxEvents.Typing event) {
        Conversation c = inbox.conversationForDelivery(event.conversationId()).orElse(null);
        if (c == null) return;
        Map<String, Object> notice = Map.of("type", "typing", "conversationId", Long.toString(c.id()),
                "from", event.byVisitor() ? "visitor" : "agent");
        if (!event.byVisitor()) sendAll(visitorSockets.get(c.contactId()), notice);
        else if (c.assigneeId() != null) sendAll(agentSockets.get(c.assigneeId()), notice);
    }

    private void sendAll(Set<WsContext> sockets, Map<String, Object> payload) {
        if (sockets == null || sockets.isEmpty()) return;
        sendText(sockets, toJson(payload));
    }

    private void sendText(Set<WsContext> sockets, String text) {
        for (WsContext socket : sockets) {
            try {
                if (socket.session.isOpen()) {
                    socket.send(text);
                    framesSent.increment();
                }
            } catch (RuntimeException e) {
                log.debug("Could not send to a socket that is closing: {}", e.getMessage());
            }
        }
    }

    private String toJson(Object payload) {
        try {
            return web.json().writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String text) {
        try {
            return text.length() > 2_000 ? null : web.json().readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private void remove(Map<Long, Set<WsContext>> index, Long key, WsContext ctx) {
        lastTyping.remove(ctx.sessionId());
        if (key == null) return;
        index.computeIfPresent(key, (k, set) -> {
            set.remove(ctx);
            return set.isEmpty() ? null : set;
        });
    }

    private static boolean sameOrigin(String origin, String host) {
        if (origin == null || host == null) return false;
        try {
            String authority = URI.create(origin).getAuthority();
            return host.equalsIgnoreCase(authority);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
