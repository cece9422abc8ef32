package io.guichet.loadtest;

import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The load generator still drives a real server end to end and finds nothing lost (a smoke run, not a benchmark). */
class LoadTestSmokeTest {
    @Test
    void fiftyVisitorsForFiveSecondsLoseNothing() {
        try (TestNode node = TestNode.start(TestDatabases.fresh())) {
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            int status = LoadTest.run(new String[]{"--url", node.baseUrl(), "--visitors", "50", "--agents", "5",
                    "--rate", "20", "--start-rate", "50", "--duration", "5"},
                    Map.of("GUICHET_ADMIN_EMAIL", TestNode.ADMIN_EMAIL, "GUICHET_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD),
                    new PrintStream(report, true, StandardCharsets.UTF_8));
            String text = report.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("lost 0, duplicated 0, unacknowledged 0").contains("result: nothing lost");
            // 50 conversation starts and their answers, then 100 visitor messages and their answers.
            assertThat(text).contains("messages: sent 300, acknowledged 300, delivered 300");
            assertThat(status).isZero();
        }
    }

    @Test
    void aBurstOfArrivalsIsCountedAndChecked() {
        try (TestNode node = TestNode.start(TestDatabases.fresh())) {
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            int status = LoadTest.run(new String[]{"--url", node.baseUrl(), "--burst", "60", "--agents", "3"},
                    Map.of("GUICHET_ADMIN_EMAIL", TestNode.ADMIN_EMAIL, "GUICHET_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD),
                    new PrintStream(report, true, StandardCharsets.UTF_8));
            String text = report.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("burst: 60 arrivals at once").contains("refused 0").contains("sockets closed by the server 0")
                    .containsPattern("conversations 60: assigned \\d+, queued \\d+").contains("result: every arrival accepted");
            assertThat(status).isZero();
        }
    }

    @Test
    void aBadCommandLineIsExplainedAndExitsWithTwo() {
        assertThat(LoadTest.run(new String[]{"--url", "http://localhost:1", "--visitors", "beaucoup"}, Map.of(), System.out)).isEqualTo(2);
        assertThat(LoadTest.run(new String[]{"--visitors", "10"}, Map.of(), System.out)).as("no --url").isEqualTo(2);
    }

    @Test
    void aServerThatIsNotThereStopsTheRunWithOne() {
        assertThat(LoadTest.run(new String[]{"--url", "http://localhost:1", "--admin-email", "a@b.ca", "--admin-password", "0123456789"},
                Map.of(), System.out)).isEqualTo(1);
    }
}
