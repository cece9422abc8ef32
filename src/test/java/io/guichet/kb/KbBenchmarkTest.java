package io.guichet.kb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Search quality on the shipped benchmark (the speed is measured by the command, not here). */
class KbBenchmarkTest {
    @Test
    void theBenchmarkSetIsBigEnoughAndRetrievalMeetsItsTarget() {
        assertThat(SampleArticles.load()).hasSizeGreaterThanOrEqualTo(40)
                .anyMatch(s -> s.lang().equals("fr")).anyMatch(s -> s.lang().equals("en"));
        assertThat(KbBenchmark.queries()).hasSizeGreaterThanOrEqualTo(80);
        KbBenchmark.Quality q = KbBenchmark.quality();
        assertThat(q.mrr()).as("MRR@5; misses: %s", q.misses()).isGreaterThanOrEqualTo(0.85);
        assertThat(q.top1()).isGreaterThanOrEqualTo(0.8);
    }
}
