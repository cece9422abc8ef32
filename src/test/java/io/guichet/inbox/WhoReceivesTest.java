package io.guichet.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sockets' side of {@link InboxRecipients}: with Élodie (admissions), Noémie (soutien informatique),
 * Jérôme (supervisor) and Zoé connected, each action through the API reaches exactly the sockets
 * {@code InboxRecipientsTest} says, and the others get nothing of that type once things settle.
 */
class WhoReceivesTest {
    static final int SETTLE_MILLIS = 800; // much longer than the 150 ms gathering of conversations.updated
    static TestNode node;
    static Cegep cegep;
    static Api api;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        cegep = Cegep.on(node).capacity(10).withServices().withAgents(Cegep.Persona.ELODIE, Cegep.Persona.NOEMIE).withSupervisor().withVisitor();
        api = cegep.api;
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** For each frame type, who received one after the action (the sockets' names, sorted). */
    static Map<String, Set<String>> whoReceived(Map<String, Api.Socket> sockets, Runnable action) {
        sockets.values().forEach(s -> s.drain(200));
        action.run();
        try {
            Thread.sleep(SETTLE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Map<String, Set<String>> byType = new TreeMap<>();
        sockets.forEach((name, socket) -> {
            for (JsonNode f : socket.drain(150)) byType.computeIfAbsent(f.path("type").asText(), k -> new TreeSet<>()).add(name);
        });
        return byType;
    }

    @Test
    void resolveReopenAndTransferReachExactlyWhoTheRulesSay() {
        String path = "/api/v1/conversations/";
        try (var elodie = api.socket("/ws/agent?token=" + cegep.élodie);
             var noemie = api.socket("/ws/agent?token=" + cegep.noémie);
             var jerome = api.socket("/ws/agent?token=" + cegep.jérôme);
             var zoe = api.socket("/ws/visitor?token=" + cegep.zoé)) {
            Map<String, Api.Socket> sockets = new LinkedHashMap<>();
            sockets.put("élodie", elodie);
            sockets.put("noémie", noemie);
            sockets.put("jérôme", jerome);
            sockets.put("zoé", zoe);
            String[] id = new String[1];

            Map<String, Set<String>> started = whoReceived(sockets, () ->
                    id[0] = api.startConversation(cegep.zoé, "admissions", "Quelle est l’échéance d’admission?").text("conversationId"));
            assertThat(started.get("conversation.assigned")).isEqualTo(Set.of("élodie"));
            assertThat(started.get("message")).isEqualTo(Set.of("jérôme", "zoé"));
            assertThat(started.get("conversation.status")).isEqualTo(Set.of("zoé"));
            // whether Élodie also saw it waiting for a moment depends on when the routing pass ran
            assertThat(started.get("conversations.updated")).contains("jérôme").isSubsetOf("jérôme", "élodie");

            Map<String, Set<String>> resolved = whoReceived(sockets, () ->
                    assertThat(api.post(path + id[0] + "/resolve", cegep.élodie, Map.of()).status()).isEqualTo(200));
            assertThat(resolved.get("conversation.assigned")).isNull();
            assertThat(resolved.get("conversations.updated")).isEqualTo(Set.of("élodie", "jérôme"));
            assertThat(resolved.get("conversation.status")).isEqualTo(Set.of("zoé"));
            assertThat(resolved.get("message")).as("the system line").isEqualTo(Set.of("élodie", "jérôme", "zoé"));
            assertThat(resolved.keySet()).containsOnly("conversations.updated", "conversation.status", "message");

            Map<String, Set<String>> reopened = whoReceived(sockets, () ->
                    assertThat(api.post(path + id[0] + "/reopen", cegep.élodie, Map.of()).status()).isEqualTo(200));
            assertThat(reopened.get("conversation.assigned")).as("she reopened it herself: no alert").isNull();
            assertThat(reopened.get("conversations.updated")).isEqualTo(Set.of("élodie", "jérôme"));
            assertThat(reopened.get("conversation.status")).isEqualTo(Set.of("zoé"));
            assertThat(reopened.get("message")).as("the system line").isEqualTo(Set.of("élodie", "jérôme", "zoé"));
            assertThat(reopened.keySet()).containsOnly("conversations.updated", "conversation.status", "message");

            Map<String, Set<String>> transferred = whoReceived(sockets, () ->
                    assertThat(api.post(path + id[0] + "/transfer", cegep.élodie, Map.of("toService", "soutien-informatique")).status()).isEqualTo(200));
            assertThat(transferred.get("conversation.assigned")).as("routed at once to the new service's available agent").isEqualTo(Set.of("noémie"));
            // Noémie may first see it waiting in her service, depending on when the routing pass ran
            assertThat(transferred.get("conversations.updated")).as("Élodie's list lets it go")
                    .contains("jérôme", "élodie").isSubsetOf("jérôme", "élodie", "noémie");
            assertThat(transferred.get("message")).as("the system line").contains("jérôme", "zoé").isSubsetOf("jérôme", "zoé", "noémie");
            assertThat(transferred.get("conversation.status")).isEqualTo(Set.of("zoé"));
            transferred.forEach((type, who) -> assertThat(who.contains("élodie")).as("Élodie gets only the update, not " + type)
                    .isEqualTo(type.equals("conversations.updated")));
        }
    }
}
