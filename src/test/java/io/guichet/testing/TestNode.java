package io.guichet.testing;

import io.guichet.App;
import io.guichet.platform.Config;
import io.guichet.platform.db.Database;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.Map;

/** A Guichet server on a random port over a test database, with a known administrator. */
public final class TestNode implements AutoCloseable {
    public static final String ADMIN_EMAIL = "admin@cegep-test.qc.ca";
    public static final String ADMIN_PASSWORD = "mot-de-passe-sûr-1";

    public final App app;
    private final Database database;

    private TestNode(App app, Database database) {
        this.app = app;
        this.database = database;
    }

    public static TestNode start(TestDatabases.TestDatabase db, Map<String, String> settings) {
        return start(db, settings, java.time.Clock.systemUTC());
    }

    /** A node on a clock the test moves. */
    public static TestNode start(TestDatabases.TestDatabase db, Map<String, String> settings, java.time.Clock clock) {
        Map<String, String> env = new HashMap<>(Map.of(
                "GUICHET_PORT", "0",
                "GUICHET_DEMO", "false",
                "GUICHET_RATE_LIMITS", "off",
                "GUICHET_ADMIN_EMAIL", ADMIN_EMAIL,
                "GUICHET_ADMIN_PASSWORD", ADMIN_PASSWORD));
        try {
            env.put("GUICHET_DATA_DIR", Files.createTempDirectory("guichet-node").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        env.putAll(settings);
        Config config = Config.load(env, new String[0]).withDatabase(db.url(), db.user(), db.password());
        Database database = db.connect(10);
        return new TestNode(App.startOn(config, database, clock), database);
    }

    public static TestNode start(TestDatabases.TestDatabase db) {
        return start(db, Map.of());
    }

    public String baseUrl() {
        return "http://localhost:" + app.port();
    }

    public Api api() {
        return new Api(baseUrl());
    }

    @Override
    public void close() {
        app.close();
        database.close();
    }
}
