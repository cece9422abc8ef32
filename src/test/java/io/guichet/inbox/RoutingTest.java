package io.guichet.inbox;

import io.guichet.testing.Cegep;
import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** Who gets a new conversation, and that nobody gets too many, even when everything happens at once. */
class RoutingTest {
    TestNode node;
    Api api;
    String admin;

    @BeforeEach
    void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        admin = Cegep.on(node).withServices().admin;
    }

    @AfterEach
    void stop() {
        node.close();
    }

    private Map<String, Integer> assignedCounts() {
        Map<String, Integer> counts = new java.util.TreeMap<>();
        for (var c : api.get("/api/v1/conversations?status=open", admin).json().path("conversations")) {
            counts.merge(c.path("assigneeName").asText(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void aNewConversationGoesAtOnceToTheAvailableAgentWithFewestOpen() throws Exception {
        String elodie = api.createStaff(admin, "elodie@t.ca", "Élodie", "agent", 5, "admissions");
        String francois = api.createStaff(admin, "francois@t.ca", "François", "agent", 5, "admissions");
        try (var e = api.socket("/ws/agent?token=" + elodie); var f = api.socket("/ws/agent?token=" + francois)) {
            api.startConversation(api.visitor("V1"), "admissions", "Un");
            api.startConversation(api.visitor("V2"), "admissions", "Deux");
            api.startConversation(api.visitor("V3"), "admissions", "Trois");
            api.startConversation(api.visitor("V4"), "admissions", "Quatre");
            // routing runs just after each start is acknowledged: within moments, not before the answer
            long deadline = System.currentTimeMillis() + 5_000;
            while (!assignedCounts().equals(Map.of("Élodie", 2, "François", 2)) && System.currentTimeMillis() < deadline) Thread.sleep(50);
            assertThat(assignedCounts()).containsEntry("Élodie", 2).containsEntry("François", 2);
            assertThat(api.get("/api/v1/conversations?status=waiting", admin).json().path("conversations")).isEmpty();
        }
    }

    @Test
    void withNobodyAvailableTheConversationWaitsThenTheOldestGoesToWhoeverFreesAPlace() throws Exception {
        String elodie = api.createStaff(admin, "elodie@t.ca", "Élodie", "agent", 1, "admissions");
        String first = api.startConversation(api.visitor("Premier"), "admissions", "Premier arrivé").text("conversationId");
        String second = api.startConversation(api.visitor("Second"), "admissions", "Second arrivé").text("conversationId");
        assertThat(api.get("/api/v1/conversations?status=waiting", admin).json().path("conversations")).hasSize(2);

        try (var socket = api.socket("/ws/agent?token=" + elodie)) {
            var assigned = socket.next("conversation.assigned", 5);
            assertThat(assigned).isNotNull();
            assertThat(assigned.path("conversation").path("id").asText()).isEqualTo(first);
            assertThat(api.get("/api/v1/conversations?status=waiting", admin).json().path("conversations")).hasSize(1);

            api.post("/api/v1/conversations/" + first + "/resolve", elodie, Map.of());
            var next = socket.next("conversation.assigned", 5);
            assertThat(next.path("conversation").path("id").asText()).isEqualTo(second);
        }
    }

    @Test
    void waitingVisitorsLearnTheirPlaceInTheQueueAndWhenItMoves() {
        String first = api.visitor("Première");
        String second = api.visitor("Deuxième");
        String c1 = api.startConversation(first, "admissions", "Un").text("conversationId");
        String c2 = api.startConversation(second, "admissions", "Deux").text("conversationId");
        assertThat(api.get("/api/v1/visitor/conversations/" + c1, first).json().path("queuePosition").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/visitor/conversations/" + c2, second).json().path("queuePosition").asInt()).isEqualTo(2);

        String elodie = api.createStaff(admin, "elodie@t.ca", "Élodie", "agent", 1, "admissions");
        try (var secondWs = api.socket("/ws/visitor?token=" + second); var agent = api.socket("/ws/agent?token=" + elodie)) {
            var moved = secondWs.next("conversation.status", 5);
            assertThat(moved.path("conversationId").asText()).isEqualTo(c2);
            assertThat(moved.path("queuePosition").asInt()).isEqualTo(1);
            var firstStatus = api.get("/api/v1/visitor/conversations/" + c1, first).json();
            assertThat(firstStatus.path("status").asText()).isEqualTo("open");
            assertThat(firstStatus.path("agentName").asText()).isEqualTo("Élodie");
        }
    }

    @Test
    void anAgentWhoChoseAwayGetsNothingNewAndGetsTheQueueWhenBack() throws Exception {
        String elodie = api.createStaff(admin, "elodie@t.ca", "Élodie", "agent", 3, "admissions");
        try (var socket = api.socket("/ws/agent?token=" + elodie)) {
            api.post("/api/v1/me/presence", elodie, Map.of("status", "away"));
            String id = api.startConversation(api.visitor("Patient"), "admissions", "Allô?").text("conversationId");
            assertThat(socket.receives("conversation.assigned", 500)).isFalse();
            api.post("/api/v1/me/presence", elodie, Map.of("status", "available"));
            assertThat(socket.next("conversation.assigned", 5).path("conversation").path("id").asText()).isEqualTo(id);
        }
    }

    @Test
    void concurrentArrivalsNeverPutAnAgentOverTheLimitNorAssignTwice() throws Exception {
        String elodie = api.createStaff(admin, "elodie@t.ca", "Élodie", "agent", 3, "admissions", "aide-financiere");
        String francois = api.createStaff(admin, "francois@t.ca", "François", "agent", 2, "admissions");
        try (var e = api.socket("/ws/agent?token=" + elodie); var f = api.socket("/ws/agent?token=" + francois)) {
            ExecutorService pool = Executors.newFixedThreadPool(12);
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String service = i % 3 == 0 ? "aide-financiere" : "admissions";
                int n = i;
                futures.add(pool.submit(() -> api.startConversation(api.visitor("Visiteur " + n), service, "Question " + n)));
            }
            for (Future<?> future : futures) future.get();
            pool.shutdown();

            assertThat(assignedCounts()).isEqualTo(Map.of("Élodie", 3, "François", 2));
            assertThat(api.get("/api/v1/conversations?status=waiting", admin).json().path("conversations")).hasSize(19);
            long distinctOpen = node.app.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT count(DISTINCT id) FROM conversations WHERE status = 'open'").mapTo(Long.class).one());
            assertThat(distinctOpen).isEqualTo(5);
            List<Integer> openCounts = node.app.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT open_count FROM agent_presence ORDER BY staff_id").mapTo(Integer.class).list());
            assertThat(openCounts).containsExactly(3, 2);
        }
    }

    @Test
    void aTransferToAnotherServicePutsTheConversationInThatQueue() {
        String elodie = api.createStaff(admin, "elodie@t.ca", "Élodie", "agent", 3, "admissions");
        String id;
        try (var socket = api.socket("/ws/agent?token=" + elodie)) {
            id = api.startConversation(api.visitor("Ana"), "admissions", "Bourse?").text("conversationId");
            assertThat(socket.next("conversation.assigned", 5)).isNotNull();
        }
        var moved = api.post("/api/v1/conversations/" + id + "/transfer", elodie, Map.of("toService", "aide-financiere"));
        assertThat(moved.status()).isEqualTo(200);
        assertThat(moved.json().path("service").asText()).isEqualTo("aide-financiere");
        assertThat(moved.json().path("status").asText()).isEqualTo("waiting");
        // Élodie is not part of aide-financière: the conversation is no longer hers to read.
        assertThat(api.get("/api/v1/conversations/" + id + "/messages", elodie).status()).isEqualTo(403);
        var messages = api.get("/api/v1/conversations/" + id + "/messages", admin).json().path("messages");
        assertThat(messages.get(messages.size() - 1).path("body").asText()).isEqualTo("transferred:service:aide-financiere");
    }
}
