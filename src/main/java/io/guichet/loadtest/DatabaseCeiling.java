package io.guichet.loadtest;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The database's own ceiling for the chat path's durable work: single-row inserts, each committed
 * on its own, from as many connections as the server's pool, into a scratch table dropped after.
 */
final class DatabaseCeiling {
    static double insertsPerSecond(String url, String user, String password, int concurrency, int seconds) throws SQLException {
        String table = "loadtest_ceiling_" + Long.toString(System.nanoTime(), 36);
        try (Connection admin = DriverManager.getConnection(url, user, password); Statement s = admin.createStatement()) {
            s.execute("CREATE TABLE " + table + " (id bigserial PRIMARY KEY, body text NOT NULL, created_at timestamptz NOT NULL DEFAULT now())");
            try {
                AtomicLong inserted = new AtomicLong();
                long end = System.nanoTime() + seconds * 1_000_000_000L;
                List<Thread> threads = new ArrayList<>();
                String body = "Question n° 1 : quelle est la date limite d'admission à l'automne ?";
                for (int i = 0; i < concurrency; i++) {
                    threads.add(Thread.ofPlatform().start(() -> {
                        try (Connection c = DriverManager.getConnection(url, user, password);
                             PreparedStatement insert = c.prepareStatement("INSERT INTO " + table + " (body) VALUES (?)")) {
                            insert.setString(1, body);
                            while (System.nanoTime() < end) {
                                insert.executeUpdate();
                                inserted.incrementAndGet();
                            }
                        } catch (SQLException e) {
                            System.err.println("loadtest: ceiling insert failed: " + e.getMessage());
                        }
                    }));
                }
                for (Thread t : threads) t.join();
                return inserted.get() / (double) seconds;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            } finally {
                s.execute("DROP TABLE " + table);
            }
        }
    }

    private DatabaseCeiling() {
    }
}
