package io.guichet.inbox;

import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Two nodes sharing one PostgreSQL deliver to each other's clients through LISTEN/NOTIFY. */
class TwoNodeTest {
    @Test
    void aVisitorOnOneNodeAndAnAgentOnTheOtherTalkInRealTime() {
        var db = TestDatabases.fresh();
        try (TestNode a = TestNode.start(db); TestNode b = TestNode.start(db)) {
            Api onA = a.api();
            Api onB = b.api();
            String admin = onA.adminToken();
            onA.createService(admin, "admissions", "Admissions");
            String elodie = onA.createStaff(admin, "elodie@t.ca", "Élodie", "agent", 5, "admissions");
            String visitor = onA.visitor("Zoé");

            try (var agentOnB = onB.socket("/ws/agent?token=" + elodie);
                 var visitorOnA = onA.socket("/ws/visitor?token=" + visitor)) {
                String id = onA.startConversation(visitor, "admissions", "Message venu du nœud A").text("conversationId");
                var assigned = agentOnB.next("conversation.assigned", 5);
                assertThat(assigned).as("assignment notice crosses nodes").isNotNull();
                assertThat(assigned.path("conversation").path("id").asText()).isEqualTo(id);

                onB.post("/api/v1/conversations/" + id + "/messages", elodie, Map.of("body", "Réponse du nœud B", "clientId", "b-1"));
                var reply = visitorOnA.nextMessage("Réponse du nœud B", 5);
                assertThat(reply).as("reply crosses nodes").isNotNull();
                assertThat(reply.path("message").path("body").asText()).isEqualTo("Réponse du nœud B");

                onA.post("/api/v1/visitor/conversations/" + id + "/messages", visitor, Map.of("body", "Merci!", "clientId", "a-2"));
                var fromVisitor = agentOnB.nextMessage("Merci!", 5);
                assertThat(fromVisitor).as("visitor message crosses nodes").isNotNull();
                assertThat(fromVisitor.path("message").path("seq").asInt()).isEqualTo(3);
            }
        }
    }
}
