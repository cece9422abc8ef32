package io.guichet.platform.bus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.platform.NodeId;
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
 * LISTENs. A batch can be lost in a crash: subscribers of {@link Resync} catch up from the database.
 * Notices are typed records ({@link Notice}); this node's subscribers get the record itself, other
 * nodes get it through one JSON codec, its topic being the record's simple name.
 */
public final class Bus implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Bus.class);
    private static final String CHANNEL = "guichet_bus";
    private static final long RESYNC_MARGIN_MILLIS = 5_000;
    private static final int MAX_PAYLOAD_BYTES = 7_000; // NOTIFY payloads must stay under 8,000 bytes
    private static final char RECORD = '\u001e';
    private static final char FIELD = '\u001f';

    private final Database database;
    private final String nodeId;
    private final ObjectMapper codec = new ObjectMapper();
    private final Map<String, Class<? extends Notice>> topics = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<Notice>>> subscribers = new ConcurrentHashMap<>();
    private final LinkedBlockingQueue<String> outgoing = new LinkedBlockingQueue<>();
    private final Thread notifier;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile Connection listenConnection;

    public Bus(Database database, NodeId node) {
        this.database = database;
        this.nodeId = node.value();
        this.notifier = Thread.ofPlatform().name("bus-notifier").daemon().start(this::notifyLoop);
        this.listener = Thread.ofPlatform().name("bus-listener").daemon().start(this::listenLoop);
    }

    /** Runs {@code handler} for every notice of this type, from this node and the others. */
    public <N extends Notice> void subscribe(Class<N> type, Consumer<? super N> handler) {
        String topic = topicOf(type);
        subscribers.computeIfAbsent(topic, t -> new CopyOnWriteArrayList<>()).add(n -> handler.accept(type.cast(n)));
    }

    /** Delivers to this node's subscribers now and queues the notice for the other nodes. */
    public void publish(Notice notice) {
        String topic = topicOf(notice.getClass());
        deliver(topic, notice);
        if (notice instanceof Resync) return; // about this node's own connection
        try {
            outgoing.add(topic + FIELD + codec.writeValueAsString(notice)); // JSON escapes the separators
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("A notice must be a record of plain values: " + topic, e);
        }
    }

    private String topicOf(Class<? extends Notice> type) {
        String topic = type.getSimpleName();
        Class<? extends Notice> known = topics.putIfAbsent(topic, type);
        if (known != null && known != type) throw new IllegalStateException("Two notices are named " + topic);
        return topic;
    }

    private void deliver(String topic, Notice notice) {
        for (Consumer<Notice> handler : subscribers.getOrDefault(topic, List.of())) {
            try {
                handler.accept(notice);
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
                if (!firstConnection) publish(new Resync(System.currentTimeMillis() - lastHeard + RESYNC_MARGIN_MILLIS));
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
            String topic = records[i].substring(0, sep);
            Class<? extends Notice> type = topics.get(topic);
            if (type == null) continue; // no subscriber on this node
            try {
                deliver(topic, codec.readValue(records[i].substring(sep + 1), type));
            } catch (JsonProcessingException e) {
                log.warn("Bus notice {} from another node could not be read (a different version?)", topic);
            }
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
