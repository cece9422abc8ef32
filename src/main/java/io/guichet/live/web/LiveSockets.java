package io.guichet.live.web;

import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.live.LiveEvents;
import io.guichet.live.LiveService;
import io.guichet.live.LiveSession;
import io.guichet.live.Question;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The {@code /ws/live/{slug}} sockets of this node, and who among them receives each notice: viewers get
 * what is on the wall (published questions, answers, vote counts, the highlight, the phase, the number
 * of people present); moderators (supervisors and admins signed in) get every question of the session,
 * pending ones included. Private questions never travel here: their answers reach the asker on the
 * inbox's visitor socket. Each frame is serialised once and sent as the same text to every socket.
 */
public final class LiveSockets implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LiveSockets.class);
    private static final int VIEWERS_SECONDS = 2;
    private static final int PHASE_SECONDS = 5;
    private static final long NODE_COUNT_TTL_MILLIS = 10_000;

    private final LiveService live;
    private final IdentityService identity;
    private final Bus bus;
    private final WebKernel web;
    private final LiveJson json;
    private final String nodeId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<Long, Set<WsContext>> viewers = new ConcurrentHashMap<>();
    private final Map<Long, Set<WsContext>> moderators = new ConcurrentHashMap<>();
    private final Map<String, NodeCount> nodeCounts = new ConcurrentHashMap<>();
    private final Map<Long, Integer> totals = new ConcurrentHashMap<>();
    private final Map<Long, Integer> peaks = new ConcurrentHashMap<>();
    private final Map<Long, LiveSession.Phase> phases = new ConcurrentHashMap<>();
    private volatile boolean publishedViewers;
    private final Counter framesSent;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("live-sockets-timer").daemon().factory());

    private record NodeCount(long receivedAt, Map<Long, Integer> bySession) {
    }

    public LiveSockets(LiveService live, IdentityService identity, Bus bus, WebKernel web, LiveJson json, MeterRegistry meters) {
        this.live = live;
        this.identity = identity;
        this.bus = bus;
        this.web = web;
        this.json = json;
        this.framesSent = meters.counter("guichet.ws.frames.sent");
        Gauge.builder("guichet.ws.open", viewers, LiveSockets::count).tag("kind", "live-viewer").register(meters);
        Gauge.builder("guichet.ws.open", moderators, LiveSockets::count).tag("kind", "live-moderator").register(meters);
    }

    private static double count(Map<Long, Set<WsContext>> index) {
        return index.values().stream().mapToInt(Set::size).sum();
    }

    public void register(JavalinConfig config) {
        config.routes.ws("/ws/live/{slug}", ws -> {
            ws.onConnect(ctx -> {
                LiveSession session;
                try {
                    session = live.accessSession(ctx.pathParam("slug"));
                } catch (ApiError e) {
                    ctx.closeSession(4404, "not found");
                    return;
                }
                boolean moderator = staff(ctx).filter(Staff::isSupervisor).isPresent();
                ctx.attribute("sessionId", session.id());
                ctx.attribute("moderator", moderator);
                ctx.enableAutomaticPings(25, TimeUnit.SECONDS);
                (moderator ? moderators : viewers).computeIfAbsent(session.id(), k -> ConcurrentHashMap.newKeySet()).add(ctx);
                phases.putIfAbsent(session.id(), live.phase(session));
                Map<String, Object> hello = new LinkedHashMap<>();
                hello.put("type", "hello");
                hello.put("slug", session.slug());
                hello.put("phase", live.phase(session).code());
                hello.put("viewers", viewers(session.id()));
                hello.put("moderator", moderator);
                ctx.send(toJson(hello));
            });
            ws.onClose(ctx -> {
                Long sessionId = ctx.attribute("sessionId");
                if (sessionId == null) return;
                Boolean moderator = ctx.attribute("moderator");
                (Boolean.TRUE.equals(moderator) ? moderators : viewers).computeIfPresent(sessionId, (k, set) -> {
                    set.remove(ctx);
                    return set.isEmpty() ? null : set;
                });
            });
        });
    }

    /** Staff by API token, or by the console's session cookie from the same origin (no cross-site hijacking). */
    private Optional<Staff> staff(WsContext ctx) {
        String token = ctx.queryParam("token");
        if (token == null && WebKernel.sameOrigin(ctx.header("Origin"), ctx.header("Host"))) token = ctx.cookie(WebKernel.SESSION_COOKIE);
        return token == null ? Optional.empty() : identity.accessSession(token);
    }

    public void start() {
        bus.subscribe(LiveEvents.QUESTION_CHANGED, p -> onQuestion(LiveEvents.QuestionChanged.parse(p)));
        bus.subscribe(LiveEvents.VOTES_CHANGED, p -> onVotes(LiveEvents.VotesChanged.parse(p)));
        bus.subscribe(LiveEvents.SESSION_CHANGED, p -> onSession(Long.parseLong(p)));
        bus.subscribe(LiveEvents.VIEWERS, this::onViewers);
        bus.subscribe(Bus.RESYNC, p -> everySession(id -> sendToSession(id, "{\"type\":\"resync\"}")));
        timer.scheduleWithFixedDelay(guarded(this::publishViewers), VIEWERS_SECONDS, VIEWERS_SECONDS, TimeUnit.SECONDS);
        timer.scheduleWithFixedDelay(guarded(this::checkPhases), PHASE_SECONDS, PHASE_SECONDS, TimeUnit.SECONDS);
    }

    /** People present in the session, on every node (moderators' screens not counted). */
    public int viewers(long sessionId) {
        return totals.getOrDefault(sessionId, viewers.getOrDefault(sessionId, Set.of()).size());
    }

    // ---------------------------------------------------------------- who receives what

    private void onQuestion(LiveEvents.QuestionChanged event) {
        if (!viewers.containsKey(event.sessionId()) && !moderators.containsKey(event.sessionId())) return;
        Question q = live.questionForDelivery(event.questionId()).orElse(null);
        LiveSession s = live.sessionForDelivery(event.sessionId()).orElse(null);
        if (q == null || s == null) return;
        Long highlighted = s.highlightedQuestionId();
        sendAll(moderators.get(s.id()), toJson(frame("question", "question", json.staffQuestion(q, highlighted))));
        if (q.visibility() != Question.Visibility.PUBLIC) return;
        if (q.onWall()) {
            sendAll(viewers.get(s.id()), toJson(frame("question", "question", json.question(q, highlighted))));
        } else if (q.publishedAt() != null) {
            sendAll(viewers.get(s.id()), toJson(frame("question.removed", "id", Long.toString(q.id()))));
        }
    }

    private void onVotes(LiveEvents.VotesChanged event) {
        if (!viewers.containsKey(event.sessionId()) && !moderators.containsKey(event.sessionId())) return;
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
        if (!viewers.containsKey(sessionId) && !moderators.containsKey(sessionId)) return;
        live.sessionForDelivery(sessionId).ifPresent(this::sendSession);
    }

    private void sendSession(LiveSession s) {
        LiveSession.Phase phase = live.phase(s);
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
        everySession(id -> live.sessionForDelivery(id).ifPresent(s -> {
            if (live.phase(s) != phases.get(id)) sendSession(s);
        }));
    }

    // ---------------------------------------------------------------- people present, across nodes

    private void publishViewers() {
        Map<Long, Integer> mine = new HashMap<>();
        viewers.forEach((id, set) -> mine.put(id, set.size()));
        if (mine.isEmpty() && !publishedViewers) return;
        publishedViewers = !mine.isEmpty(); // one last empty notice tells the others we have no one left
        StringBuilder payload = new StringBuilder(nodeId).append(';');
        mine.forEach((id, n) -> payload.append(id).append(':').append(n).append(','));
        bus.publish(LiveEvents.VIEWERS, payload.toString());
    }

    private void onViewers(String payload) {
        int semi = payload.indexOf(';');
        Map<Long, Integer> counts = new HashMap<>();
        for (String item : payload.substring(semi + 1).split(",")) {
            if (item.isEmpty()) continue;
            int colon = item.indexOf(':');
            counts.put(Long.parseLong(item.substring(0, colon)), Integer.parseInt(item.substring(colon + 1)));
        }
        long now = System.currentTimeMillis();
        nodeCounts.put(payload.substring(0, semi), new NodeCount(now, counts));
        nodeCounts.values().removeIf(c -> now - c.receivedAt() > NODE_COUNT_TTL_MILLIS);
        everySession(id -> {
            int total = nodeCounts.values().stream().mapToInt(c -> c.bySession().getOrDefault(id, 0)).sum();
            Integer before = totals.put(id, total);
            if (before != null && before == total) return;
            sendToSession(id, toJson(frame("viewers", "count", total)));
            if (total > peaks.getOrDefault(id, 0)) {
                peaks.put(id, total);
                live.doRecordPeakViewers(id, total);
            }
        });
    }

    // ---------------------------------------------------------------- sending

    private void everySession(java.util.function.LongConsumer action) {
        java.util.Set<Long> ids = new java.util.HashSet<>(viewers.keySet());
        ids.addAll(moderators.keySet());
        ids.forEach(action::accept);
    }

    private void sendToSession(long sessionId, String text) {
        sendAll(viewers.get(sessionId), text);
        sendAll(moderators.get(sessionId), text);
    }

    private void sendAll(Set<WsContext> sockets, String text) {
        framesSent.increment(WebKernel.sendToAll(sockets, text));
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
