package io.guichet.loadtest;

import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The import benchmark still drives a real server and its counts add up (a smoke run of 3,000 rows, not timed). */
class ImportBenchmarkSmokeTest {
    @Test
    void aSmallRunImportsUpdatesAndRejectsWhatItsFileHolds() {
        try (TestNode node = TestNode.start(TestDatabases.fresh())) {
            ByteArrayOutputStream report = new ByteArrayOutputStream();
            int status = ImportBenchmark.run(new String[]{"--url", node.baseUrl(), "--rows", "3000", "--runs", "1"},
                    Map.of("GUICHET_ADMIN_EMAIL", TestNode.ADMIN_EMAIL, "GUICHET_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD),
                    new PrintStream(report, true, StandardCharsets.UTF_8));
            String text = report.toString(StandardCharsets.UTF_8);
            // 3,000 rows: one in twenty refused (150), one in ten matching the 300 people imported first, the rest new.
            assertThat(text).contains("imported 2550, updated 300, rejected 150 (expected 2550, 300, 150)").contains("median of 1 runs");
            assertThat(status).isZero();
        }
    }

    @Test
    void theGeneratedFileHasAccentsAndIsTheSameForTheSameSeed() {
        ImportBenchmark.Generated a = ImportBenchmark.generate("abc", 200, 7), b = ImportBenchmark.generate("abc", 200, 7);
        assertThat(a.timed()).isEqualTo(b.timed());
        assertThat(new String(a.timed(), StandardCharsets.UTF_8)).startsWith("\uFEFF" + ImportBenchmark.HEADER).containsPattern("[éèçëï]");
        assertThat(ImportBenchmark.run(new String[]{"--rows", "10"}, Map.of(), System.out)).as("no --url").isEqualTo(2);
    }
}
