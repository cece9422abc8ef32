package io.guichet.platform.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.guichet.platform.Config;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Optional;

/**
 * The system of record: an external PostgreSQL when {@code GUICHET_DATABASE_URL} is set, otherwise
 * an embedded PostgreSQL kept under the data directory. Migrates with Flyway before anything else
 * touches it.
 */
public final class Database implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Database.class);

    private final EmbeddedPostgres embedded;
    /** How long a request may wait its turn for a connection while the database is up (a rush), before a 503. */
    private static final long MAX_WAIT_MILLIS = 30_000;

    private final HikariDataSource pool;
    private final DatabaseHealth health;
    private final DataSource admitted;
    private final Jdbi jdbi;
    private final String url;
    private final String user;
    private final String password;

    private Database(EmbeddedPostgres embedded, String url, String user, String password, int poolSize) {
        this.embedded = embedded;
        this.url = url;
        this.user = user;
        this.password = password;
        HikariConfig hikari = new HikariConfig();
        hikari.setJdbcUrl(url);
        hikari.setUsername(user);
        hikari.setPassword(password);
        hikari.setMaximumPoolSize(poolSize);
        hikari.setPoolName("guichet");
        hikari.setConnectionTimeout(3_000); // admission hands out no more requests than connections: no wait here but a broken one
        hikari.setInitializationFailTimeout(30_000);
        // A server error's detail can quote the row ("Key (email)=(…)"): keep it out of exception messages and logs.
        hikari.addDataSourceProperty("logServerErrorDetail", "false");
        this.pool = new HikariDataSource(hikari);
        this.health = new DatabaseHealth(() -> DriverManager.getConnection(url, user, password));
        this.admitted = new AdmissionDataSource(pool, poolSize, health::up, MAX_WAIT_MILLIS);
        this.jdbi = Jdbi.create(admitted).installPlugin(new SqlObjectPlugin());
        // Exceptions carry neither the statement nor its bound arguments (message bodies, names, password hashes).
        jdbi.getConfig(StatementExceptions.class).setMessageRendering(StatementExceptions.MessageRendering.NONE);
    }

    /** Opens (and, when embedded, starts) the database of this configuration and migrates it. */
    public static Database open(Config config) {
        Database db;
        if (config.embeddedDatabase()) {
            EmbeddedPostgres pg = startEmbedded(config.dataDir().resolve("postgres"));
            db = new Database(pg, pg.getJdbcUrl("postgres", "postgres"), "postgres", "postgres", config.databasePool());
        } else {
            db = new Database(null, config.databaseUrl(), config.databaseUser(), config.databasePassword(), config.databasePool());
        }
        db.migrate();
        return db;
    }

    /** Connects to an already-migrated database, e.g. a second node or a test database. */
    public static Database connect(String url, String user, String password, int poolSize) {
        return new Database(null, url, user, password, poolSize);
    }

    static EmbeddedPostgres startEmbedded(Path dir) {
        try {
            Files.createDirectories(dir);
            stopLeftOverServer(dir);
            log.info("Starting embedded PostgreSQL in {}", dir.toAbsolutePath());
            return EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(false)
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("synchronous_commit", "on")
                    // zonky starts PostgreSQL with -F (fsync off) for tests; acknowledged messages must survive a power cut
                    .setServerConfig("fsync", "on")
                    .setPGStartupWait(java.time.Duration.ofSeconds(60))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dir, e);
        }
    }

    /**
     * A Guichet killed outright (kill -9, a power cut of the JVM only) leaves its PostgreSQL running
     * and holding the data directory, and a new one could not start. That server has no client left:
     * stop it (a smart shutdown, which writes everything it acknowledged) before starting ours.
     */
    private static void stopLeftOverServer(Path dir) throws IOException {
        Path pidFile = dir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) return;
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).getFirst().strip());
        } catch (RuntimeException e) {
            return; // unreadable: PostgreSQL itself will judge the stale file
        }
        Optional<ProcessHandle> old = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("postgres")).orElse(false));
        if (old.isEmpty()) return;
        log.warn("A PostgreSQL left running by an earlier Guichet (pid {}) holds {}; stopping it first", pid, dir);
        old.get().destroy();
        try {
            old.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("The PostgreSQL left running in " + dir + " (pid " + pid + ") did not stop; stop it and start again", e);
        }
    }

    /**
     * Out of order allowed: each module numbers its migrations in its own range and touches only its own tables, so a
     * migration merged after another module's higher-numbered one is applied when missing, not refused.
     */
    public void migrate() {
        Flyway.configure().dataSource(pool).locations("classpath:db/migration").outOfOrder(true).load().migrate();
    }

    /** Publishes the pool's figures (connections in use, waits) on the node's registry. */
    public void bindMetrics(io.micrometer.core.instrument.MeterRegistry registry) {
        if (pool.getMetricRegistry() == null) pool.setMetricRegistry(registry);
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    /** Connections through admission: wait while the database is busy, fail at once while it is down. */
    public DataSource dataSource() {
        return admitted;
    }

    /** A connection outside the pool, for LISTEN: it must stay open and never be shared. */
    public Connection dedicatedConnection() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * Whether this failure means the database cannot be reached (connection refused or lost, server
     * shutting down or starting), as opposed to a bug: the first answers 503, the second 500.
     */
    public static boolean isOutage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException) return true;
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now
                if (state.startsWith("08") || state.startsWith("57P")) return true;
            }
        }
        return false;
    }

    /** Whether the database answered its health probe (every half second, outside the pool): busy is not down. */
    public boolean isReachable() {
        return health.up();
    }

    @Override
    public void close() {
        health.close();
        pool.close();
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                log.warn("Embedded PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
