package io.guichet.loadtest;

import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webinar benchmark still drives a real server and its checks hold (a smoke run, not timed): 300 registrations to a
 * session of 50 seats over 3 s, and 400 reminders over 4 sessions queued by the server's own pass (which runs every
 * minute: this test waits for it).
 */
class WebinarBenchmarkSmokeTest {
    @Test
    void aSmallRushAndAReminderPassPassTheirChecks() {
        TestDatabases.TestDatabase db = TestDatabases.fresh();
        try (TestNode node = TestNode.start(db)) {
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            int status = WebinarBenchmark.run(new String[]{"--url", node.baseUrl(), "--database-url", db.url(), "--rush", "300", "--capacity", "50",
                            "--window", "3", "--reminders", "400", "--sessions", "4", "--runs", "1"},
                    Map.of("GUICHET_ADMIN_EMAIL", TestNode.ADMIN_EMAIL, "GUICHET_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD,
                            "GUICHET_DATABASE_USER", db.user(), "GUICHET_DATABASE_PASSWORD", db.password()),
                    new PrintStream(report, true, StandardCharsets.UTF_8));
            String text = report.toString(StandardCharsets.UTF_8);
            System.out.println(text);
            assertThat(text).contains("rush 1: 300 registrations to one session of 50 seats", "errors 0",
                    "stored 300 (distinct 300), seats taken 50 of 50, waitlisted 250, out of arrival order 0, retries wrong 0: ok",
                    "reminders 1: 400 of 400 queued", "result: every check passed");
            assertThat(status).isZero();
        }
        assertThat(WebinarBenchmark.run(new String[]{"--rush", "10"}, Map.of(), System.out)).as("no --url").isEqualTo(2);
    }
}
