package io.guichet.platform.db;

import io.guichet.platform.db.DatabaseHealth.Probe;
import io.guichet.platform.db.DatabaseHealth.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What {@code /health} says after the probe meets a slow database and a refused one ({@code DatabaseOutageTest} stops a real one). */
class DatabaseHealthTest {
    @Test
    void oneSlowAnswerIsNotAnOutageTwoInARowAreAndABrokenConnectionIsAtOnce() {
        Verdict v = new Verdict();
        assertThat(v.after(Probe.ANSWERED)).isTrue();
        assertThat(v.after(Probe.TIMED_OUT)).as("one SELECT 1 over 2 s on a loaded machine: still up").isTrue();
        assertThat(v.after(Probe.ANSWERED)).isTrue();
        assertThat(v.after(Probe.TIMED_OUT)).as("a slow one after an answer counts from one again").isTrue();
        assertThat(v.after(Probe.TIMED_OUT)).as("two in a row: down").isFalse();
        assertThat(v.after(Probe.TIMED_OUT)).as("still down").isFalse();
        assertThat(v.after(Probe.ANSWERED)).as("answers again").isTrue();
        assertThat(v.after(Probe.FAILED)).as("the connection refused: down at once").isFalse();
        assertThat(v.after(Probe.TIMED_OUT)).as("slow while down stays down").isFalse();
        assertThat(v.after(Probe.ANSWERED)).isTrue();
    }
}
