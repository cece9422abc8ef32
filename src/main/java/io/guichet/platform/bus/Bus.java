package io.guichet.platform.bus;

import io.guichet.platform.db.Database;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Fans notices out to every node's sockets. A {@code do*} method publishes after its transaction has
 * committed; this node's subscribers run at once, and one notifier thread sends the notice to the
 * other nodes with {@code pg_notify}, many notices in one NOTIFY every few milliseconds (never inside
 * the write transactions: notifying transactions serialise their commits). One dedicated connection
 * LISTENs. A batch can be lost in a crash: subscribers of {@link #RESYNC} catch up from the database.
 */
public final class Bus implements AutoCloseable {
    /**
     * Topic published locally after the LISTEN connection was re-established: notices may be missing.
     * Its payload is how far back to look, in milliseconds: the time without a connection, plus a margin.
     */
    public static final String RESYNC = "bus.resync";

    private static final Logger log = LoggerFactory.getLogger(Bus.class);
    private static final String CHANNEL = "guichet_bus";
    private static final long RESYNC_MARGIN_MILLIS = 5_000;
    private static final int MAX_PAYLOAD_BYTES = 7_000; // NOTIFY payloads must stay under 8,000 bytes
    private static final char RECORD = '\u001e';
    private static final char FIELD = '\u001f';

    private final Database database;
    private final String nodeId = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, List<Consumer<String>>> subscribers = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
    private final Thread notifier;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection listenConnection;

    public Bus(Database database) {
        this.database = database;
        this.notifier = Thread.ofPlatform().name("bus-notifier").daemon().start(this::notifyLoop);
        this.listener = Thread.ofPlatform().name("bus-listener").daemon().start(this::listenLoop);
    }

    public void subscribe(String topic, Consumer<String> handler) {
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(handler);
    }

    /** Delivers to this node's subscribers now and queues the notice for the other nodes. */
    public void publish(String topic, String payload) {
        if (topic.indexOf(FIELD) >= 0 || payload.indexOf(FIELD) >= 0 || payload.indexOf(RECORD) >= 0) {
            throw new IllegalArgumentException("Bus payloads may not contain control separators");
        }
        deliver(topic, payload);
        outgoing.add(topic + FIELD + payload);
    }

    private void deliver(String topic, String payload) {
        for (Consumer<String> handler : subscribers.getOrDefault(topic, List.of())) {
            try {
                handler.accept(payload);
            } catch (RuntimeException e) {
                log.warn("Bus subscriber of {} failed", topic, e);
            }
        }
    }

    private void notifyLoop() {
        List<String> batch = new ArrayList<>();
        while (running) {
            try {
                String first = outgoing.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                Thread.sleep(2); // let a burst gather into one NOTIFY
                batch.add(first);
                outgoing.drainTo(batch);
                sendBatches(batch);
                batch.clear();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException | SQLException e) {
                log.warn("Bus could not notify other nodes; {} notices dropped (receivers resync)", batch.size(), e);
                batch.clear();
            }
        }
    }

    private void sendBatches(List<String> notices) throws SQLException {
        try (Connection c = database.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT pg_notify(?, ?)")) {
            StringBuilder payload = new StringBuilder(nodeId);
            for (String notice : notices) {
                if (payload.length() + notice.length() + 1 > MAX_PAYLOAD_BYTES / 2) { // chars may be 2+ bytes
                    send(ps, payload.toString());
                    payload.setLength(0);
                    payload.append(nodeId);
                }
                payload.append(RECORD).append(notice);
            }
            send(ps, payload.toString());
        }
    }

    private static void send(PreparedStatement ps, String payload) throws SQLException {
        ps.setString(1, CHANNEL);
        ps.setString(2, payload);
        ps.execute();
    }

    private void listenLoop() {
        boolean firstConnection = true;
        long lastHeard = System.currentTimeMillis();
        while (running) {
            try (Connection c = database.dedicatedConnection()) {
                listenConnection = c;
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                if (!firstConnection) deliver(RESYNC, Long.toString(System.currentTimeMillis() - lastHeard + RESYNC_MARGIN_MILLIS));
                firstConnection = false;
                PGConnection pg = c.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = pg.getNotifications(500);
                    lastHeard = System.currentTimeMillis();
                    if (notifications == null) continue;
                    for (PGNotification n : notifications) receive(n.getParameter());
                }
            } catch (SQLException e) {
                if (!running) return;
                log.warn("Bus lost its LISTEN connection; retrying: {}", e.getMessage());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    private void receive(String payload) {
        String[] records = payload.split(String.valueOf(RECORD));
        if (records[0].equals(nodeId)) return; // already delivered locally
        for (int i = 1; i < records.length; i++) {
            int sep = records[i].indexOf(FIELD);
            deliver(records[i].substring(0, sep), records[i].substring(sep + 1));
        }
    }

    @Override
    public void close() {
        running = false;
        notifier.interrupt();
        try {
            Connection c = listenConnection;
            if (c != null) c.close();
        } catch (SQLException ignored) {
            // closing anyway
        }
        try {
            listener.join(2_000);
            notifier.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
