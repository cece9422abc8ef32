package io.guichet.platform.web;

import io.javalin.websocket.WsContext;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The open sockets of one kind on this node (visitors, agents, a live wall's viewers…), indexed by
 * whom they belong to: a contact, a staff member, a session. Each module keeps one per kind and
 * decides who receives a notice; this class only holds the sockets, sends the same text to many and
 * counts what it sends ({@code guichet.ws.open{kind}}, {@code guichet.ws.frames.sent}).
 */
public final class SocketRegistry<K> {
    private static final Logger log = LoggerFactory.getLogger(SocketRegistry.class);
    private final ConcurrentHashMap<K, Set<WsContext>> byOwner = new ConcurrentHashMap<>();
    private final Counter framesSent;

    public SocketRegistry(String kind, MeterRegistry meters) {
        this(meters);
        Gauge.builder("guichet.ws.open", this, SocketRegistry::size).tag("kind", kind).register(meters);
    }

    /** A second index over sockets another registry already counts as open (so no gauge of its own). */
    public SocketRegistry(MeterRegistry meters) {
        this.framesSent = meters.counter("guichet.ws.frames.sent");
    }

    public void add(K owner, WsContext socket) {
        byOwner.computeIfAbsent(owner, k -> ConcurrentHashMap.newKeySet()).add(socket);
    }

    public void remove(K owner, WsContext socket) {
        if (owner == null) return;
        byOwner.computeIfPresent(owner, (k, set) -> {
            set.remove(socket);
            return set.isEmpty() ? null : set;
        });
    }

    public boolean isEmpty() {
        return byOwner.isEmpty();
    }

    public boolean has(K owner) {
        return byOwner.containsKey(owner);
    }

    /** The owners with at least one open socket here. */
    public Set<K> owners() {
        return Set.copyOf(byOwner.keySet());
    }

    /** A copy of this owner's open sockets (none: empty). */
    public Set<WsContext> socketsOf(K owner) {
        Set<WsContext> sockets = byOwner.get(owner);
        return sockets == null ? Set.of() : Set.copyOf(sockets);
    }

    public int count(K owner) {
        Set<WsContext> sockets = byOwner.get(owner);
        return sockets == null ? 0 : sockets.size();
    }

    public double size() {
        return byOwner.values().stream().mapToInt(Set::size).sum();
    }

    public void forEach(BiConsumer<K, Set<WsContext>> action) {
        byOwner.forEach(action);
    }

    /** Sends the text to every open socket of this owner; returns how many were sent. */
    public int send(K owner, String text) {
        return sendTo(byOwner.get(owner), text);
    }

    /** Sends the same text to every open socket given (one that is closing is skipped). */
    public int sendTo(Collection<WsContext> sockets, String text) {
        if (sockets == null) return 0;
        int sent = 0;
        for (WsContext socket : sockets) {
            try {
                if (socket.session.isOpen()) {
                    socket.send(text);
                    sent++;
                }
            } catch (RuntimeException e) {
                log.debug("Could not send to a socket that is closing: {}", e.getMessage());
            }
        }
        framesSent.increment(sent);
        return sent;
    }

    /** Takes one socket out and closes it (its owner's rights changed), with a WebSocket close code the client understands. */
    public void close(K owner, WsContext socket, int code, String reason) {
        remove(owner, socket);
        try {
            socket.closeSession(code, reason);
        } catch (RuntimeException e) {
            log.debug("Socket already closing: {}", e.getMessage());
        }
    }
}
