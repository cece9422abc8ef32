package io.guichet.inbox;

import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sockets obey the same rules as HTTP: when an admin on one node deactivates or demotes someone, or
 * they sign out, their agent socket on the other node is closed or re-authorized at once, and routing
 * stops counting them available.
 */
class SocketRightsTest {
    static TestNode a, b;
    static Api onA, onB;
    static Cegep cegep;

    @BeforeAll
    static void start() {
        var db = TestDatabases.fresh();
        a = TestNode.start(db);
        b = TestNode.start(db);
        onA = a.api();
        onB = b.api();
        cegep = Cegep.on(a).capacity(5).withServices().withAgents().withSupervisor();
    }

    @AfterAll
    static void stop() {
        b.close();
        a.close();
    }

    private static String staffId(String email) {
        return onA.post("/api/v1/auth/login", null, Map.of("email", email, "password", Cegep.PASSWORD)).text("staffId");
    }

    private static String waitingStatus(String conversationId) {
        return onA.get("/api/v1/conversations/" + conversationId, cegep.admin).json().path("status").asText();
    }

    @Test
    void aDeactivatedAgentsSocketOnTheOtherNodeClosesAndTakesNoMoreConversations() {
        String id = staffId(Cegep.Persona.NOEMIE.email);
        try (var noemieOnB = onB.socket("/ws/agent?token=" + cegep.noémie)) {
            var update = onA.put("/api/v1/staff/" + id, cegep.admin, Map.of("name", Cegep.Persona.NOEMIE.fullName, "role", "agent",
                    "active", false, "services", List.of(Cegep.SOUTIEN_INFORMATIQUE), "maxConcurrent", 5));
            assertThat(update.status()).isEqualTo(204);
            var closed = noemieOnB.next("closed", 5);
            assertThat(closed).as("closed by the other node").isNotNull();
            assertThat(closed.path("code").asInt()).isEqualTo(4401);

            String visitor = onA.visitor("Zoé");
            String conversation = onA.startConversation(visitor, Cegep.SOUTIEN_INFORMATIQUE, "Mon mot de passe ne marche plus").text("conversationId");
            assertThat(waitingStatus(conversation)).as("no one may take it").isEqualTo("waiting");
        }
    }

    @Test
    void aDemotedSupervisorStopsReceivingWhatHttpNowRefuses() {
        String id = staffId(Cegep.Persona.JEROME.email);
        try (var jeromeOnB = onB.socket("/ws/agent?token=" + cegep.jérôme)) {
            var update = onA.put("/api/v1/staff/" + id, cegep.admin, Map.of("name", Cegep.Persona.JEROME.fullName, "role", "agent",
                    "active", true, "services", List.of(), "maxConcurrent", 5));
            assertThat(update.status()).isEqualTo(204);
            assertThat(jeromeOnB.receives("closed", 1_000)).as("still signed in: the socket stays, with fewer rights").isFalse();

            String visitor = onA.visitor("Zoé");
            String conversation = onA.startConversation(visitor, Cegep.AIDE_FINANCIERE, "Quand arrive mon prêt?").text("conversationId");
            assertThat(onB.get("/api/v1/conversations/" + conversation, cegep.jérôme).status()).isEqualTo(403);
            assertThat(jeromeOnB.receives("message", 1_500)).as("the socket refuses it too").isFalse();
            assertThat(jeromeOnB.receives("conversations.updated", 500)).isFalse();
        }
    }

    @Test
    void signingOutClosesTheSocketAndTheAgentIsNoLongerRouted() {
        String elodie = onA.login(Cegep.Persona.ELODIE.email, Cegep.PASSWORD); // a session of her own for this test
        try (var elodieOnB = onB.socket("/ws/agent?token=" + elodie)) {
            assertThat(onA.post("/api/v1/auth/logout", elodie, Map.of()).status()).isEqualTo(204);
            var closed = elodieOnB.next("closed", 5);
            assertThat(closed).as("closed by the other node").isNotNull();
            assertThat(closed.path("code").asInt()).isEqualTo(4401);
            assertThat(onB.get("/api/v1/conversations?assignee=me", elodie).status()).as("the token is revoked").isEqualTo(401);
        }
    }
}
