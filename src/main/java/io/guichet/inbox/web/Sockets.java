package io.guichet.inbox.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.identity.StaffAccessChanged;
import io.guichet.identity.Viewer;
import io.guichet.inbox.AgentService;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.ConversationChanged;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Delivery;
import io.guichet.inbox.InboxRecipients;
import io.guichet.inbox.Message;
import io.guichet.inbox.MentionMade;
import io.guichet.inbox.ModuleFrames;
import io.guichet.inbox.MessageSent;
import io.guichet.inbox.TypingStarted;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.bus.Resync;
import io.guichet.platform.web.SocketQuota;
import io.guichet.platform.web.SocketRegistry;
import io.guichet.inbox.InboxSettings;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/*
 * A little over 300 lines: the visitor's and the agent's sockets share their registries and the
 * re-check of rights; queue places and recipients are apart (QueuePlaces, InboxRecipients).
 */
/**
 * The WebSockets of visitors and agents connected to this node. Who receives each notice of the bus
 * is {@link InboxRecipients}'s to say; this class holds the sockets, turns notices into frames, and
 * gathers frequent changes (list updates, queue places) so a burst costs few frames.
 */
public final class Sockets implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Sockets.class);
    static final int LEASE_SECONDS = 30;
    private static final String TOKEN = "sessionToken";
    private static final int HEARTBEAT_SECONDS = 10;
    private static final int SWEEP_SECONDS = 15;
    private static final int UPDATES_GATHER_MILLIS = 150;

    private final ConversationService conversations;
    private final AgentService agents;
    private final IdentityService identity;
    private final PeopleService people;
    private final Bus bus;
    private final WebKernel web;
    private final InboxJson json;
    private final SocketRegistry<Long> visitorSockets;
    private final SocketRegistry<Long> agentSockets;
    private final QueuePlaces queuePlaces;
    private final SocketQuota perVisitor;
    /** Each connected agent with their services, refreshed with the presence heartbeat. */
    private final Map<Long, Viewer> connectedStaff = new ConcurrentHashMap<>();
    private final List<ModuleFrames> moduleFrames;
    private final Map<String, Long> lastTyping = new ConcurrentHashMap<>();
    private final Map<Long, Map<Long, Map<String, Object>>> pendingUpdates = new ConcurrentHashMap<>();
    private final Object[] changeLocks = java.util.stream.Stream.generate(Object::new).limit(64).toArray();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("sockets-timer").daemon().factory());

    private final MeterRegistry meters;

    public Sockets(ConversationService conversations, AgentService agents, IdentityService identity, PeopleService people,
                   Bus bus, WebKernel web, InboxJson json, InboxSettings settings, MeterRegistry meters, List<ModuleFrames> moduleFrames) {
        this.moduleFrames = List.copyOf(moduleFrames);
        this.perVisitor = new SocketQuota(settings.rateLimits(), settings.socketsPerVisitor());
        this.conversations = conversations;
        this.agents = agents;
        this.identity = identity;
        this.people = people;
        this.bus = bus;
        this.web = web;
        this.json = json;
        this.meters = meters;
        this.visitorSockets = new SocketRegistry<>("visitor", meters);
        this.agentSockets = new SocketRegistry<>("agent", meters);
        this.queuePlaces = new QueuePlaces(conversations, visitorSockets, json, web, timer);
    }

    public void register(JavalinConfig config) {
        config.routes.ws("/ws/visitor", ws -> {
            ws.onConnect(ctx -> {
                Optional<Contact> visitor = people.findVisitor(ctx.queryParam("token"));
                if (visitor.isEmpty()) {
                    ctx.closeSession(4401, "unauthorized");
                    return;
                }
                if (!perVisitor.take(visitor.get().id())) {
                    ctx.closeSession(SocketQuota.CLOSE_CODE, "too many sockets");
                    return;
                }
                ctx.attribute("contactId", visitor.get().id());
                ctx.enableAutomaticPings(25, TimeUnit.SECONDS);
                visitorSockets.add(visitor.get().id(), ctx);
                meters.counter("guichet.ws.connections", "kind", "visitor").increment();
                ctx.send(web.json().writeValueAsString(Map.of("type", "hello", "contactId", Long.toString(visitor.get().id()))));
            });
            ws.onClose(ctx -> {
                Long contactId = ctx.attribute("contactId");
                if (contactId != null) perVisitor.give(contactId);
                closed(visitorSockets, contactId, ctx);
            });
            ws.onMessage(ctx -> {
                Long contactId = ctx.attribute("contactId");
                JsonNode msg = parse(ctx.message());
                if (contactId == null || msg == null || !"typing".equals(msg.path("type").asText())) return;
                long conversationId = msg.path("conversationId").asLong(-1);
                conversations.findForDelivery(conversationId)
                        .filter(c -> c.contactId() == contactId)
                        .ifPresent(c -> typing(ctx.sessionId(), c, true));
            });
        });
        config.routes.ws("/ws/agent", ws -> {
            ws.onConnect(ctx -> {
                Optional<Authenticated.SocketSession> session = Authenticated.ofSocket(ctx, identity);
                if (session.isEmpty()) {
                    ctx.closeSession(4401, "unauthorized");
                    return;
                }
                long id = session.get().staff().id();
                ctx.attribute("staffId", id);
                ctx.attribute(TOKEN, session.get().token());
                ctx.enableAutomaticPings(25, TimeUnit.SECONDS);
                connectedStaff.put(id, agents.viewer(session.get().staff()));
                agentSockets.add(id, ctx);
                meters.counter("guichet.ws.connections", "kind", "agent").increment();
                agents.doAgentConnected(id, LEASE_SECONDS);
                // hello once the agent counts as on line: whoever acts on it (routing, a callback's pass) finds them there
                ctx.send(web.json().writeValueAsString(Map.of("type", "hello", "staffId", Long.toString(id))));
            });
            ws.onClose(ctx -> closed(agentSockets, ctx.attribute("staffId"), ctx));
            ws.onMessage(ctx -> {
                Long staffId = ctx.attribute("staffId");
                JsonNode msg = parse(ctx.message());
                if (staffId == null || msg == null || !"typing".equals(msg.path("type").asText())) return;
                Viewer staff = connectedStaff.get(staffId);
                conversations.findForDelivery(msg.path("conversationId").asLong(-1))
                        .filter(c -> staff != null && InboxRecipients.mayType(c, staff))
                        .ifPresent(c -> typing(ctx.sessionId(), c, false));
            });
        });
    }

    /** Subscribes to the bus and starts the presence heartbeat and the routing sweep. */
    public void start() {
        bus.subscribe(MessageSent.class, this::onMessage);
        // A change is read back and fanned out off the writer's thread: the write is acknowledged without waiting for it.
        bus.subscribe(ConversationChanged.class, n -> Thread.ofVirtual().start(() -> {
            // One conversation's changes are read and sent one at a time: two read side by side could leave in the
            // other order, and its visitor would be shown "open" after "resolved".
            synchronized (changeLocks[Math.floorMod(n.conversationId(), changeLocks.length)]) {
                onConversation(n);
            }
        }));
        bus.subscribe(TypingStarted.class, this::onTyping);
        bus.subscribe(MentionMade.class, n -> Thread.ofVirtual().start(() -> onMention(n)));
        bus.subscribe(StaffAccessChanged.class, n -> recheck(n.staffId()));
        moduleFrames.forEach(m -> m.start(this::onModuleFrame));
        bus.subscribe(Resync.class, r -> conversations.findRecentMessages(Duration.ofMillis(Math.min(r.lookBackMillis(), 120_000)))
                .forEach(m -> onMessage(new MessageSent(m.conversationId(), m.id()))));
        timer.scheduleWithFixedDelay(this::heartbeat, HEARTBEAT_SECONDS, HEARTBEAT_SECONDS, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(this::sweep, SWEEP_SECONDS, SWEEP_SECONDS, TimeUnit.SECONDS);
    }

    private void heartbeat() {
        try {
            List<Long> online = List.copyOf(agentSockets.owners());
            agents.doKeepOnline(online, LEASE_SECONDS);
            online.forEach(id -> connectedStaff.computeIfPresent(id, (k, v) -> agents.viewer(v.staff())));
        } catch (RuntimeException e) {
            log.warn("Presence heartbeat failed: {}", e.getMessage());
        }
    }

    private void sweep() {
        try {
            conversations.doRouteWaiting();
        } catch (RuntimeException e) {
            log.warn("Routing sweep failed: {}", e.getMessage());
        }
    }

    private void onMessage(MessageSent event) {
        if (visitorSockets.isEmpty() && agentSockets.isEmpty()) return;
        Delivery d = conversations.findMessageForDelivery(event.conversationId(), event.messageId()).orElse(null);
        if (d == null) return;
        Conversation c = d.conversation();
        Message m = d.message();
        InboxRecipients.Audience to = InboxRecipients.ofMessage(c, m, connectedStaff.values());
        if (to.contactId() != null && visitorSockets.has(to.contactId())) {
            send(visitorSockets, to.contactId(), Map.of("type", "message",
                    "conversationId", Long.toString(c.id()), "message", json.message(m, false)));
            // Seen live: not mailed. Off this thread: a reply's delivery does not wait for the write.
            if (m.author() == Message.Author.AGENT) Thread.ofVirtual().start(() -> told(c.id(), m.seq()));
        }
        if (to.staffIds().isEmpty()) return;
        String forStaff = toJson(Map.of("type", "message", "conversationId", Long.toString(c.id()), "message", json.message(m, true)));
        to.staffIds().forEach(id -> agentSockets.send(id, forStaff));
    }

    private void told(long conversationId, int seq) {
        try {
            conversations.doMarkToldVisitor(conversationId, seq);
        } catch (RuntimeException e) {
            log.warn("Could not record that the visitor saw conversation {}: {}", conversationId, e.getMessage());
        }
    }

    private void onConversation(ConversationChanged event) {
        ConversationService.QueueEntry placed = conversations.findPlacedForDelivery(event.conversationId()).orElse(null);
        if (placed == null) return;
        Conversation c = placed.conversation();
        if (!agentSockets.isEmpty()) {
            InboxRecipients.ChangeAudience to = InboxRecipients.ofChange(c, event, connectedStaff.values());
            Map<String, Object> summary = json.conversation(c, people.findContactForDelivery(c.contactId()));
            if (to.alerted() != null) {
                // The messages so far travel with it: they were sent before this agent could receive them.
                List<Map<String, Object>> messages = conversations.findLatestMessagesForDelivery(c).stream().map(m -> json.message(m, true)).toList();
                agentSockets.send(to.alerted(), toJson(Map.of("type", "conversation.assigned", "conversation", summary, "messages", messages)));
            }
            to.updated().forEach(id -> updateLater(id, c.id(), summary));
            if (event.change() == ConversationChanged.Change.RATED) {
                String rated = toJson(Map.of("type", "conversation.rated", "conversationId", Long.toString(c.id())));
                to.updated().forEach(id -> agentSockets.send(id, rated));
            }
        }
        if (!visitorSockets.isEmpty()) queuePlaces.changed(c, placed.position());
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
            send(agentSockets, staffId, Map.of("type", "conversations.updated", "conversations", conversations));
        }
    }

    /** The colleague named in a note is told on every console they have open, whatever conversation it shows. */
    private void onMention(MentionMade mention) {
        if (!agentSockets.has(mention.staffId())) return;
        Delivery d = conversations.findMessageForDelivery(mention.conversationId(), mention.messageId()).orElse(null);
        if (d == null) return;
        InboxRecipients.Audience to = InboxRecipients.ofMention(d.conversation(), mention, connectedStaff.values());
        if (to.staffIds().isEmpty()) return;
        Contact contact = people.findContactForDelivery(d.conversation().contactId());
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "mention");
        frame.put("conversationId", Long.toString(mention.conversationId()));
        frame.put("messageId", Long.toString(mention.messageId()));
        frame.put("byName", d.message().authorStaffId() == null ? "" : identity.staffName(d.message().authorStaffId()));
        Viewer reader = connectedStaff.get(mention.staffId());
        frame.put("contactName", contact == null || reader == null ? "" : contact.displayName(web.messages().in(reader.staff().lang())));
        frame.put("excerpt", d.message().body().length() > 140 ? d.message().body().substring(0, 140) : d.message().body());
        to.staffIds().forEach(id -> send(agentSockets, id, frame));
    }

    private void typing(String socketId, Conversation c, boolean byVisitor) {
        long now = System.currentTimeMillis();
        Long last = lastTyping.put(socketId, now);
        if (last != null && now - last < 1_000) return; // at most one notice a second per socket
        bus.publish(new TypingStarted(c.id(), byVisitor));
    }

    private void onTyping(TypingStarted event) {
        Conversation c = conversations.findForDelivery(event.conversationId()).orElse(null);
        if (c == null) return;
        Map<String, Object> notice = Map.of("type", "typing", "conversationId", Long.toString(c.id()),
                "from", event.byVisitor() ? "visitor" : "agent");
        InboxRecipients.Audience to = InboxRecipients.ofTyping(c, event.byVisitor());
        if (to.contactId() != null) send(visitorSockets, to.contactId(), notice);
        to.staffIds().forEach(id -> send(agentSockets, id, notice));
    }

    /** Another module's frame: to each connected staff member it entitles, asked with their rights as they are now. */
    private void onModuleFrame(ModuleFrames.Frame frame) {
        String json = null;
        for (Viewer v : connectedStaff.values()) {
            if (!frame.entitled().test(v.staff()) || !agentSockets.has(v.id())) continue;
            if (json == null) json = toJson(frame.payload());
            agentSockets.send(v.id(), json);
        }
    }

    private void send(SocketRegistry<Long> registry, long owner, Map<String, Object> payload) {
        if (registry.has(owner)) registry.send(owner, toJson(payload));
    }

    private String toJson(Object payload) {
        return web.toJson(payload);
    }

    private JsonNode parse(String text) {
        try {
            return text.length() > 2_000 ? null : web.json().readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private void closed(SocketRegistry<Long> registry, Long owner, WsContext ctx) {
        lastTyping.remove(ctx.sessionId());
        registry.remove(owner, ctx);
        if (registry == agentSockets && owner != null && !registry.has(owner)) {
            connectedStaff.remove(owner);
            agents.doAgentDisconnected(owner); // no lease left running for a person who is gone
        }
    }

    /**
     * Someone's rights changed (role, services, deactivation, sign-out): each of their sockets here is
     * checked again against its session, as HTTP checks every request. A socket whose session ended is
     * closed (4401); the others go on with the new role and services.
     */
    private void recheck(long staffId) {
        Viewer fresh = null;
        for (WsContext socket : agentSockets.socketsOf(staffId)) {
            Optional<Staff> now = identity.findSessionStaff(socket.attribute(TOKEN));
            if (now.isPresent()) {
                fresh = agents.viewer(now.get());
            } else {
                agentSockets.close(staffId, socket, 4401, "signed out");
            }
        }
        if (fresh != null) {
            connectedStaff.put(staffId, fresh);
        } else if (connectedStaff.remove(staffId) != null) {
            agents.doAgentDisconnected(staffId);
        }
    }


    @Override
    public void close() {
        timer.shutdownNow();
    }
}
