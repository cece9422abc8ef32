package io.guichet.desk;

import io.guichet.loadtest.DeskBenchmark;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The exam-morning benchmark runs, small, against a real node: every notice to its people, none to anyone else. */
class DeskBenchmarkTest {
    @Test
    void aSmallExamMorningDeliversEveryNoticeToItsPeopleOnly() {
        try (TestNode node = TestNode.start(TestDatabases.fresh())) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            int code = DeskBenchmark.run(new String[]{"--url", node.baseUrl(), "--faculties", "3", "--professors", "6", "--agents", "4",
                    "--sittings", "6", "--students", "60", "--incidents", "12", "--seconds", "6"},
                    Map.of("GUICHET_ADMIN_EMAIL", TestNode.ADMIN_EMAIL, "GUICHET_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD), new PrintStream(out, true, StandardCharsets.UTF_8));
            String report = out.toString(StandardCharsets.UTF_8);
            System.out.println(report);
            assertThat(report).contains("missing 0, to someone not entitled 0; incidents refused 0");
            assertThat(code).as(report).isZero();
        }
    }
}
