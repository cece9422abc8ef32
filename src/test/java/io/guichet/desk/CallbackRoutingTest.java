package io.guichet.desk;

import io.guichet.inbox.AgentLoads;
import io.guichet.inbox.AgentLoads.Load;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who is given which callback (and chat: one rule, the inbox's {@code AgentLoads.share}), as a pure function: the least load first (open chats and callbacks held), never over capacity. */
class CallbackRoutingTest {
    @Test
    void theOldestCallbackGoesToTheLeastBusyAgentAndNobodyGoesOverTheirRoom() {
        // Agents in routing's order: Noémie has 2 chats open (room 4), Maxime 0 chats but holds 2 callbacks (room 3), Zoé full.
        List<Load> agents = List.of(new Load(1, 2, 0, 4), new Load(2, 0, 2, 3), new Load(3, 0, 2, 2));
        Map<Long, Long> given = AgentLoads.share(List.of(10L, 11L, 12L, 13L), agents);
        // both at a load of 2: routing's order, Noémie first; then Maxime (2) before Noémie (3); then Noémie (3) — Maxime is full
        assertThat(given).containsEntry(10L, 1L).containsEntry(11L, 2L).containsEntry(12L, 1L);
        assertThat(given).as("nobody has room for the fourth: it waits").doesNotContainKey(13L).hasSize(3);
        assertThat(given.values()).doesNotContain(3L);
    }

    @Test
    void withNobodyOnLineEveryCallbackWaits() {
        assertThat(AgentLoads.share(List.of(1L, 2L), List.of())).isEmpty();
    }

    @Test
    void anAgentWithFewerOpenIsChosenBeforeOneEarlierInRoutingsOrder() {
        Map<Long, Long> given = AgentLoads.share(List.of(5L), List.of(new Load(1, 3, 0, 5), new Load(2, 1, 0, 5)));
        assertThat(given).containsExactly(Map.entry(5L, 2L));
    }
}
