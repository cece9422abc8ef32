package io.guichet.live.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.StaffAccessChanged;
import io.guichet.live.LiveRecipients;
import io.guichet.live.LiveSessionService;
import io.guichet.live.LiveQuestionService;
import io.guichet.live.LiveSession;
import io.guichet.live.Question;
import io.guichet.live.QuestionChanged;
import io.guichet.live.SessionChanged;
import io.guichet.live.ViewersCounted;
import io.guichet.live.VotesChanged;
import io.guichet.platform.NodeId;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.bus.Resync;
import io.guichet.platform.web.SocketQuota;
import io.guichet.platform.web.SocketRegistry;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.live.LiveSettings;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
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
 * A little over 300 lines: the wall's sockets, their quotas, the asker's own frames and the people
 * present across nodes share the socket registries of one session.
 */
/**
 * The {@code /ws/live/{slug}} sockets of this node, and who among them receives each notice: viewers get
 * what is on the wall (published questions, answers, vote counts, the highlight, the phase, the number
 * of people present); moderators get every question of the session ({@link LiveRecipients} says who
 * gets what). Each frame is serialised once and sent as the same text to every socket.
 */
public final class LiveSockets implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveSockets.class);
    private static final int VIEWERS_SECONDS = 2;
    private static final int PHASE_SECONDS = 5;
    private static final long NODE_COUNT_TTL_MILLIS = 10_000;

    private final LiveSessionService sessions;
    private final LiveQuestionService questions;
    private final IdentityService identity;
    private final Bus bus;
    private final WebKernel web;
    private final LiveJson json;
    private final String nodeId;
    private final SocketRegistry<Long> viewers;
    /** The same viewers' sockets, by the contact whose visitor token they gave: for their own questions. */
    private final SocketRegistry<Long> askers;
    private final SocketQuota perVisitor;
    private final SocketQuota perAddress;
    private final PeopleService people;
    private final SocketRegistry<Long> moderators;
    private final Map<String, NodeCount> nodeCounts = new ConcurrentHashMap<>();
    private final Map<Long, Integer> totals = new ConcurrentHashMap<>();
    private final Map<Long, Integer> peaks = new ConcurrentHashMap<>();
    private final Map<Long, LiveSession.Phase> phases = new ConcurrentHashMap<>();
    private volatile boolean publishedViewers;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("live-sockets-timer").daemon().factory());

    private record NodeCount(long receivedAt, Map<Long, Integer> bySession) {
    }

    public LiveSockets(LiveSessionService sessions, LiveQuestionService questions, IdentityService identity, PeopleService people,
                       Bus bus, NodeId node, WebKernel web, LiveJson json, LiveSettings settings, MeterRegistry meters) {
        this.people = people;
        this.perVisitor = new SocketQuota(settings.rateLimits(), settings.socketsPerVisitor());
        this.perAddress = new SocketQuota(settings.rateLimits(), settings.socketsPerAddress());
        this.sessions = sessions;
        this.questions = questions;
        this.identity = identity;
        this.bus = bus;
        this.nodeId = node.value();
        this.web = web;
        this.json = json;
        this.viewers = new SocketRegistry<>("live-viewer", meters);
        this.askers = new SocketRegistry<>(meters);
        this.moderators = new SocketRegistry<>("live-moderator", meters);
    }

    public void register(JavalinConfig config) {
        config.routes.ws("/ws/live/{slug}", ws -> {
            ws.onConnect(ctx -> {
                LiveSession session;
                try {
                    session = sessions.findSession(ctx.pathParam("slug"));
                } catch (ApiError e) {
                    ctx.closeSession(4404, "not found");
                    return;
                }
                Optional<Authenticated.SocketSession> staff = Authenticated.ofSocket(ctx, identity)
                        .filter(x -> Access.canModerateLive(x.staff()));
                boolean moderator = staff.isPresent();
                staff.ifPresent(x -> {
                    ctx.attribute("staffId", x.staff().id());
                    ctx.attribute("sessionToken", x.token());
                });
                Long contactId = moderator ? null : asker(ctx);
                Object quotaOwner = moderator ? null : contactId != null ? contactId : web.clientIp(ctx);
                if (quotaOwner != null && !(contactId != null ? perVisitor : perAddress).take(quotaOwner)) {
                    ctx.closeSession(SocketQuota.CLOSE_CODE, "too many sockets");
                    return;
                }
                ctx.attribute("quotaOwner", quotaOwner);
                ctx.attribute("sessionId", session.id());
                ctx.attribute("moderator", moderator);
                ctx.enableAutomaticPings(25, TimeUnit.SECONDS);
                (moderator ? moderators : viewers).add(session.id(), ctx);
                if (contactId != null) askers.add(contactId, ctx);
                phases.putIfAbsent(session.id(), sessions.phase(session));
                Map<String, Object> hello = new LinkedHashMap<>();
                hello.put("type", "hello");
                hello.put("slug", session.slug());
                hello.put("phase", sessions.phase(session).code());
                hello.put("viewers", viewers(session.id()));
                hello.put("moderator", moderator);
                ctx.send(toJson(hello));
            });
            ws.onClose(ctx -> {
                Long sessionId = ctx.attribute("sessionId");
                if (sessionId == null) return;
                Boolean moderator = ctx.attribute("moderator");
                (Boolean.TRUE.equals(moderator) ? moderators : viewers).remove(sessionId, ctx);
                Object quotaOwner = ctx.attribute("quotaOwner");
                if (quotaOwner instanceof Long contactId) {
                    askers.remove(contactId, ctx);
                    perVisitor.give(contactId);
                } else if (quotaOwner != null) {
                    perAddress.give(quotaOwner);
                }
            });
        });
    }

    public void start() {
        bus.subscribe(QuestionChanged.class, this::onQuestion);
        bus.subscribe(VotesChanged.class, this::onVotes);
        bus.subscribe(SessionChanged.class, n -> onSession(n.sessionId()));
        bus.subscribe(ViewersCounted.class, this::onViewers);
        bus.subscribe(StaffAccessChanged.class, n -> recheckModerator(n.staffId()));
        bus.subscribe(Resync.class, n -> everySession(id -> sendToSession(id, "{\"type\":\"resync\"}")));
        timer.scheduleWithFixedDelay(guarded(this::publishViewers), VIEWERS_SECONDS, VIEWERS_SECONDS, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(guarded(this::checkPhases), PHASE_SECONDS, PHASE_SECONDS, TimeUnit.SECONDS);
    }

    /**
     * A moderator whose rights changed (demoted, deactivated, signed out) loses the moderators' frames at
     * once: their socket closes with 4403 and the page reconnects as a viewer, if it still may.
     */
    private void recheckModerator(long staffId) {
        moderators.forEach((sessionId, sockets) -> {
            for (WsContext socket : Set.copyOf(sockets)) {
                Long owner = socket.attribute("staffId");
                if (owner == null || owner != staffId) continue;
                if (identity.findSessionStaff(socket.attribute("sessionToken")).filter(Access::canModerateLive).isPresent()) continue;
                moderators.close(sessionId, socket, 4403, "rights changed");
            }
        });
    }

    /** People present in the session, on every node (moderators' screens not counted). */
    public int viewers(long sessionId) {
        return totals.getOrDefault(sessionId, viewers.count(sessionId));
    }

    // ---------------------------------------------------------------- who receives what

    /** A visitor who gives their token ({@code ?visitor=}) is told of every change of their own questions. */
    private Long asker(WsContext ctx) {
        String token = ctx.queryParam("visitor");
        return token == null ? null : people.findVisitor(token).map(Contact::id).orElse(null);
    }

    private void onQuestion(QuestionChanged event) {
        if (!viewers.has(event.sessionId()) && !moderators.has(event.sessionId())) return;
        Question q = questions.findQuestionForDelivery(event.questionId()).orElse(null);
        LiveSession s = sessions.findSessionForDelivery(event.sessionId()).orElse(null);
        if (q == null || s == null) return;
        Long highlighted = s.highlightedQuestionId();
        if (askers.has(q.contactId())) {
            String mine = toJson(frame("question.mine", "question", json.ownQuestion(q, highlighted)));
            askers.socketsOf(q.contactId()).stream().filter(x -> s.id() == (long) x.attribute("sessionId"))
                    .forEach(x -> askers.sendTo(List.of(x), mine));
        }
        moderators.send(s.id(), toJson(frame("question", "question", json.staffQuestion(q, highlighted))));
        switch (LiveRecipients.ofQuestion(q)) {
            case SHOW -> viewers.send(s.id(), toJson(frame("question", "question", json.question(q, highlighted))));
            case REMOVE -> viewers.send(s.id(), toJson(frame("question.removed", "id", Long.toString(q.id()))));
            case NOTHING -> { }
        }
    }

    private void onVotes(VotesChanged event) {
        if (!viewers.has(event.sessionId()) && !moderators.has(event.sessionId())) return;
        List<Map<String, Object>> counts = event.counts().stream().map(c -> {
            Map<String, Object> count = new LinkedHashMap<>();
            count.put("id", Long.toString(c.questionId()));
            count.put("votes", c.votes());
            count.put("rev", c.rev());
            return count;
        }).toList();
        sendToSession(event.sessionId(), toJson(frame("votes", "votes", counts)));
    }

    private void onSession(long sessionId) {
        if (!viewers.has(sessionId) && !moderators.has(sessionId)) return;
        sessions.findSessionForDelivery(sessionId).ifPresent(this::sendSession);
    }

    private void sendSession(LiveSession s) {
        LiveSession.Phase phase = sessions.phase(s);
        phases.put(s.id(), phase);
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", "session");
        frame.put("phase", phase.code());
        frame.put("highlightedId", s.highlightedQuestionId() == null ? null : Long.toString(s.highlightedQuestionId()));
        frame.put("startsAt", json.time(s.startsAt()));
        frame.put("endsAt", json.time(s.endsAt()));
        sendToSession(s.id(), toJson(frame));
    }

    /** Sessions start and end on schedule too: tell this node's sockets when the phase turns. */
    private void checkPhases() {
        everySession(id -> sessions.findSessionForDelivery(id).ifPresent(s -> {
            if (sessions.phase(s) != phases.get(id)) sendSession(s);
        }));
    }

    // ---------------------------------------------------------------- people present, across nodes

    private void publishViewers() {
        Map<Long, Integer> mine = new HashMap<>();
        viewers.forEach((id, set) -> mine.put(id, set.size()));
        if (mine.isEmpty() && !publishedViewers) return;
        publishedViewers = !mine.isEmpty(); // one last empty notice tells the others we have no one left
        bus.publish(new ViewersCounted(nodeId, mine));
    }

    private void onViewers(ViewersCounted counted) {
        long now = System.currentTimeMillis();
        nodeCounts.put(counted.node(), new NodeCount(now, counted.bySession()));
        nodeCounts.values().removeIf(c -> now - c.receivedAt() > NODE_COUNT_TTL_MILLIS);
        everySession(id -> {
            int total = nodeCounts.values().stream().mapToInt(c -> c.bySession().getOrDefault(id, 0)).sum();
            Integer before = totals.put(id, total);
            if (before != null && before == total) return;
            sendToSession(id, toJson(frame("viewers", "count", total)));
            if (total > peaks.getOrDefault(id, 0)) {
                peaks.put(id, total);
                sessions.doRecordPeakViewers(id, total);
            }
        });
    }

    // ---------------------------------------------------------------- sending

    private void everySession(java.util.function.LongConsumer action) {
        java.util.Set<Long> ids = new java.util.HashSet<>(viewers.owners());
        ids.addAll(moderators.owners());
        ids.forEach(action::accept);
    }

    private void sendToSession(long sessionId, String text) {
        viewers.send(sessionId, text);
        moderators.send(sessionId, text);
    }

    /** A frame whose {@code type} comes first, as clients and load generators read them. */
    private static Map<String, Object> frame(String type, String key, Object value) {
        Map<String, Object> frame = new LinkedHashMap<>();
        frame.put("type", type);
        frame.put(key, value);
        return frame;
    }

    private String toJson(Object payload) {
        return web.toJson(payload);
    }

    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Live sockets timer: {}", e.getMessage());
            }
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
