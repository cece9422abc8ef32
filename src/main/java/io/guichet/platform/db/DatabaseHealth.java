package io.guichet.platform.db;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Whether the database is up, asked every half second on a connection of its own, outside the pool: a
 * pool busy with a rush must not read as "down" (requests wait their turn), and a database really down
 * must read as down at once (requests answer 503 instead of waiting). {@code /health} reports it.
 */
final class DatabaseHealth implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DatabaseHealth.class);
    private static final int PROBE_MILLIS = 500;
    private static final int PROBE_TIMEOUT_SECONDS = 2;

    interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final Thread prober;
    private volatile boolean up = true;
    private volatile boolean running = true;
    private Connection probe;

    DatabaseHealth(Connector connector) {
        this.connector = connector;
        this.prober = Thread.ofPlatform().name("database-health").daemon().start(this::loop);
    }

    boolean up() {
        return up;
    }

    private void loop() {
        while (running) {
            boolean now = probeOnce();
            if (now != up) log.warn(now ? "The database answers again" : "The database does not answer: requests get 503 until it does");
            up = now;
            try {
                Thread.sleep(PROBE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private boolean probeOnce() {
        try {
            if (probe == null || probe.isClosed()) probe = connector.connect();
            try (Statement s = probe.createStatement()) {
                s.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
                s.execute("SELECT 1");
            }
            return true;
        } catch (SQLException e) {
            closeProbe();
            return false;
        }
    }

    private void closeProbe() {
        try {
            if (probe != null) probe.close();
        } catch (SQLException ignored) {
            // it is being replaced
        }
        probe = null;
    }

    @Override
    public void close() {
        running = false;
        prober.interrupt();
        try {
            prober.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeProbe();
    }
}
