package io.guichet.inbox;

import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Snooze: out of the active lists until a time or the visitor's reply, back visibly, never shown to the visitor. */
class SnoozeTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static List<String> ids(String query) {
        List<String> ids = new ArrayList<>();
        api.get("/api/v1/conversations?" + query, cegep.élodie).json().path("conversations").forEach(c -> ids.add(c.path("id").asText()));
        return ids;
    }

    static List<String> staffBodies(String id) {
        List<String> bodies = new ArrayList<>();
        api.get("/api/v1/conversations/" + id + "/messages", cegep.élodie).json().path("messages").forEach(m -> bodies.add(m.path("body").asText()));
        return bodies;
    }

    @Test
    void untilTheVisitorsReplyItLeavesTheListsAndTheReplyBringsItBack() {
        String visitor = api.visitor("Chloé Gagné");
        String id = api.startConversation(visitor, Cegep.ADMISSIONS, "J’envoie mon relevé de notes plus tard").text("conversationId");
        Response snoozed = api.post("/api/v1/conversations/" + id + "/snooze", cegep.élodie, Map.of());
        assertThat(snoozed.status()).as(snoozed.raw().body()).isEqualTo(200);
        assertThat(snoozed.json().path("snoozed").asBoolean()).isTrue();
        assertThat(ids("status=waiting")).doesNotContain(id);
        assertThat(ids("status=snoozed")).contains(id);

        api.post("/api/v1/visitor/conversations/" + id + "/messages", visitor, Map.of("body", "Voici mon relevé", "clientId", "v-2"));
        assertThat(ids("status=waiting")).contains(id);
        assertThat(ids("status=snoozed")).doesNotContain(id);
        assertThat(staffBodies(id)).containsSubsequence(ConversationService.SNOOZED_UNTIL_REPLY, ConversationService.SNOOZE_RETURNED, "Voici mon relevé");
        List<String> seenByVisitor = new ArrayList<>();
        api.get("/api/v1/visitor/conversations/" + id + "/messages", visitor).json().path("messages").forEach(m -> seenByVisitor.add(m.path("body").asText()));
        assertThat(seenByVisitor).containsExactly("J’envoie mon relevé de notes plus tard", "Voici mon relevé");
    }

    @Test
    void untilATimeItComesBackByItselfWhenTheTimeComes() throws InterruptedException {
        String id = api.startConversation(api.visitor("Raphaël Roy"), Cegep.ADMISSIONS, "Rappelez-moi demain").text("conversationId");
        String until = OffsetDateTime.now().plusSeconds(2).toString();
        Response snoozed = api.post("/api/v1/conversations/" + id + "/snooze", cegep.élodie, Map.of("until", until));
        assertThat(snoozed.json().path("snoozedUntil").asText()).isNotBlank();
        assertThat(ids("status=waiting")).doesNotContain(id);
        long deadline = System.currentTimeMillis() + 30_000; // the timer looks every few seconds
        while (!ids("status=waiting").contains(id) && System.currentTimeMillis() < deadline) Thread.sleep(200);
        assertThat(ids("status=waiting")).contains(id);
        assertThat(staffBodies(id)).last().isEqualTo(ConversationService.SNOOZE_RETURNED);
    }

    @Test
    void wakingItByHandBringsItBackAtOnce() {
        String id = api.startConversation(api.visitor("Émile Côté"), Cegep.ADMISSIONS, "Plus tard").text("conversationId");
        api.post("/api/v1/conversations/" + id + "/snooze", cegep.élodie, Map.of("until", OffsetDateTime.now().plusDays(1).toString()));
        Response woke = api.delete("/api/v1/conversations/" + id + "/snooze", cegep.élodie);
        assertThat(woke.json().path("snoozed").asBoolean()).isFalse();
        assertThat(ids("status=waiting")).contains(id);
    }

    @Test
    void badSnoozesAreRefused() {
        String id = api.startConversation(api.visitor("Hélène Roy"), Cegep.ADMISSIONS, "Question").text("conversationId");
        assertThat(api.post("/api/v1/conversations/" + id + "/snooze", cegep.élodie, Map.of("until", "demain")).status()).isEqualTo(422);
        assertThat(api.post("/api/v1/conversations/" + id + "/snooze", cegep.élodie, Map.of("until", OffsetDateTime.now().minusHours(1).toString())).status())
                .isEqualTo(422);
        assertThat(api.post("/api/v1/conversations/" + id + "/snooze", cegep.token(Cegep.Persona.NOEMIE), Map.of()).status())
                .as("not her service").isIn(403, 404);
        api.post("/api/v1/conversations/" + id + "/resolve", cegep.jérôme, Map.of());
        Response resolved = api.post("/api/v1/conversations/" + id + "/snooze", cegep.jérôme, Map.of());
        assertThat(resolved.status()).isEqualTo(409);
    }
}
