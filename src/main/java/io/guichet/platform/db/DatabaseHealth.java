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
    /** PostgreSQL's SQLSTATE when a statement's timeout cancels it. */
    private static final String QUERY_CANCELED = "57014";

    interface Connector {
        Connection connect() throws SQLException;
    }

    private final Connector connector;
    private final Thread prober;
    private volatile boolean up = true;
    private volatile boolean running = true;
    private final Verdict verdict = new Verdict();
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
            boolean now = verdict.after(probeOnce());
            if (now != up) log.warn(now ? "The database answers again" : "The database does not answer: requests get 503 until it does");
            up = now;
            try {
                Thread.sleep(PROBE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    enum Probe { ANSWERED, TIMED_OUT, FAILED }

    /**
     * Up or down after each probe: a refused or broken connection is down at once; a {@code SELECT 1} that only ran out
     * of time is down at the second in a row, since one slow answer on a machine at full load is not an outage.
     */
    static final class Verdict {
        private boolean up = true;
        private int slowInARow;

        boolean after(Probe probe) {
            switch (probe) {
                case ANSWERED -> {
                    slowInARow = 0;
                    up = true;
                }
                case TIMED_OUT -> up = up && ++slowInARow < 2;
                case FAILED -> up = false;
            }
            return up;
        }
    }

    private Probe probeOnce() {
        try {
            if (probe == null || probe.isClosed()) probe = connector.connect();
            try (Statement s = probe.createStatement()) {
                s.setQueryTimeout(PROBE_TIMEOUT_SECONDS);
                s.execute("SELECT 1");
            }
            return Probe.ANSWERED;
        } catch (SQLException e) {
            if (QUERY_CANCELED.equals(e.getSQLState())) return Probe.TIMED_OUT; // the connection stays usable
            closeProbe();
            return Probe.FAILED;
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
