package io.guichet.testing;

import io.guichet.platform.db.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One embedded PostgreSQL for the whole test run: Flyway migrates a template database once, and
 * every test class gets its own copy with {@code CREATE DATABASE … TEMPLATE}, which takes milliseconds.
 */
public final class TestDatabases {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedPostgres server;

    public record TestDatabase(String url, String user, String password) {
        public Database connect(int poolSize) {
            return Database.connect(url, user, password, poolSize);
        }
    }

    public static synchronized TestDatabase fresh() {
        try {
            if (server == null) {
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(Files.createTempDirectory("guichet-test-pg"))
                        .setServerConfig("max_connections", "300")
                        .setServerConfig("fsync", "off")
                        .start();
                exec("CREATE DATABASE guichet_template");
                try (Database template = Database.connect(server.getJdbcUrl("postgres", "guichet_template"), "postgres", "postgres", 2)) {
                    template.migrate();
                }
            }
            String name = "guichet_test_" + COUNTER.incrementAndGet();
            exec("CREATE DATABASE " + name + " TEMPLATE guichet_template");
            return new TestDatabase(server.getJdbcUrl("postgres", name), "postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void exec(String sql) {
        try (Connection c = server.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    private TestDatabases() {
    }
}
