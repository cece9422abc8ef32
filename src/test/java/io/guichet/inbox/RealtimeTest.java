package io.guichet.inbox;

import io.guichet.testing.Cegep;
import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Exactly who receives each real-time notice, and who does not. */
class RealtimeTest {
    static TestNode node;
    static Api api;
    static String admin;
    static String elodie;
    static String noemie;
    static String jerome;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        Cegep cegep = Cegep.on(node).capacity(10).withServices().withAgents(Cegep.Persona.ELODIE, Cegep.Persona.NOEMIE).withSupervisor();
        admin = cegep.admin;
        elodie = cegep.élodie;
        noemie = cegep.noémie;
        jerome = cegep.jérôme;
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void messagesReachTheVisitorTheAssigneeAndSupervisorsButNotOtherServices() {
        try (var elodieWs = api.socket("/ws/agent?token=" + elodie);
             var noemieWs = api.socket("/ws/agent?token=" + noemie);
             var jeromeWs = api.socket("/ws/agent?token=" + jerome)) {
            String visitor = api.visitor("Zoé");
            try (var visitorWs = api.socket("/ws/visitor?token=" + visitor)) {
                String id = api.startConversation(visitor, "admissions", "Bonjour, une question").text("conversationId");

                var assigned = elodieWs.next("conversation.assigned", 5);
                assertThat(assigned.path("conversation").path("id").asText()).isEqualTo(id);
                assertThat(assigned.path("conversation").path("contact").path("name").asText()).isEqualTo("Zoé");
                assertThat(assigned.path("messages").findValuesAsText("body")).as("the first message travels with the assignment")
                        .containsExactly("Bonjour, une question");
                assertThat(jeromeWs.next("message", 5).path("message").path("body").asText()).isEqualTo("Bonjour, une question");
                var own = visitorWs.next("message", 5);
                assertThat(own.path("message").path("body").asText()).isEqualTo("Bonjour, une question");
                assertThat(visitorWs.next("conversation.status", 5).path("status").asText()).isIn("waiting", "open");

                api.post("/api/v1/conversations/" + id + "/messages", elodie, Map.of("body", "Note : dossier à vérifier", "clientId", "n", "internal", true));
                api.post("/api/v1/conversations/" + id + "/messages", elodie, Map.of("body", "Bonjour Zoé!", "clientId", "r"));

                var toVisitor = visitorWs.next("message", 5);
                assertThat(toVisitor.path("message").path("body").asText()).as("the internal note is skipped").isEqualTo("Bonjour Zoé!");
                assertThat(toVisitor.path("message").has("internal")).isFalse();
                assertThat(visitorWs.receives("message", 300)).isFalse();

                var toSupervisor = jeromeWs.nextMessage("Note : dossier à vérifier", 5);
                assertThat(toSupervisor.path("message").path("internal").asBoolean()).isTrue();
                assertThat(noemieWs.receives("message", 300)).isFalse();
                var listChanged = jeromeWs.next("conversations.updated", 5);
                assertThat(listChanged.path("conversations").findValuesAsText("id")).as("the supervisor's list follows").contains(id);
                assertThat(noemieWs.receives("conversations.updated", 500)).as("another service's agent hears nothing").isFalse();
            }
        }
    }

    @Test
    void typingTravelsFromAgentToVisitorOnly() {
        String visitor = api.visitor("Léo");
        try (var elodieWs = api.socket("/ws/agent?token=" + elodie);
             var visitorWs = api.socket("/ws/visitor?token=" + visitor);
             var other = api.socket("/ws/visitor?token=" + api.visitor("Autre"))) {
            String id = api.startConversation(visitor, "admissions", "Allô").text("conversationId");
            elodieWs.next("conversation.assigned", 5);
            elodieWs.sendText("{\"type\":\"typing\",\"conversationId\":\"" + id + "\"}");
            var typing = visitorWs.next("typing", 5);
            assertThat(typing.path("from").asText()).isEqualTo("agent");
            assertThat(other.receives("typing", 300)).isFalse();
        }
    }

    @Test
    void socketsWithoutAValidTokenAreClosed() {
        var response = api.get("/api/v1/visitor/me", "gv_faux");
        assertThat(response.status()).isEqualTo(401);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.socket("/ws/agent?token=gs_faux"))
                .hasMessageContaining("4401");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> api.socket("/ws/visitor?token=" + elodie))
                .hasMessageContaining("4401");
    }
}
