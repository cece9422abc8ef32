package io.guichet.staffing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** Erlang C against the values published for it, and where its inputs make no queue that empties. */
class ErlangCTest {
    @Test
    void tenErlangsOnFourteenAgentsGiveThePublishedFigures() {
        ErlangC.Result r = ErlangC.of(200, 180, 14, 20); // 200 an hour × 180 s = 10 Erlangs
        assertThat(r.erlangs()).isCloseTo(10, within(1e-12));
        assertThat(r.pWait()).isCloseTo(0.17413, within(5e-6));
        assertThat(r.serviceLevel()).isCloseTo(0.88835, within(5e-6));
        assertThat(r.asaSeconds()).isCloseTo(7.836, within(5e-4));
        assertThat(r.occupancy()).isCloseTo(10.0 / 14, within(1e-12));
    }

    @Test
    void aThousandCallsAnHourOnFortyAgentsGiveThePublishedFigures() {
        ErlangC.Result r = ErlangC.of(1_000, 120, 40, 20);
        assertThat(r.pWait()).isCloseTo(0.19074, within(5e-6));
        assertThat(r.serviceLevel()).isCloseTo(0.93721, within(5e-6));
    }

    @Test
    void hundredsOfAgentsDoNotOverflow() {
        ErlangC.Result r = ErlangC.of(36_000, 36, 400, 20); // 360 Erlangs: A^N and N! would overflow a double long before
        assertThat(r.pWait()).isBetween(0.0, 1.0);
        assertThat(r.serviceLevel()).isBetween(0.0, 1.0);
        assertThat(Double.isFinite(r.asaSeconds())).isTrue();
        assertThat(ErlangC.needed(36_000, 36, 20, 80)).isBetween(361, 400);
    }

    @Test
    void theFewestAgentsThatMeetTheTarget() {
        // 14 agents give 88.8 % within 20 s, so 80 % needs fewer and 90 % more.
        int forEighty = ErlangC.needed(200, 180, 20, 80);
        assertThat(ErlangC.of(200, 180, forEighty, 20).serviceLevel()).isGreaterThanOrEqualTo(0.80);
        assertThat(ErlangC.of(200, 180, forEighty - 1, 20).serviceLevel()).isLessThan(0.80);
        assertThat(forEighty).isLessThanOrEqualTo(14);
        assertThat(ErlangC.needed(200, 180, 20, 90)).isGreaterThan(14);
        assertThat(ErlangC.needed(0, 180, 20, 80)).as("nobody arrives").isZero();
    }

    @Test
    void noMoreAgentsThanErlangsIsAQueueThatNeverEmpties() {
        ErlangC.Result r = ErlangC.of(200, 180, 10, 20);
        assertThat(r.stable()).isFalse();
        assertThat(r.pWait()).isEqualTo(1);
        assertThat(r.serviceLevel()).isZero();
        assertThat(r.asaSeconds()).isInfinite();
        assertThatThrownBy(() -> ErlangC.of(200, 0, 10, 20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ErlangC.needed(200, 180, 20, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
