package io.guichet.kb;

import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 10 §5: an article keeps the rules of where it came from, and only supervisors bring back a retired one. */
class KbRightsTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).capacity(5).withServices().withAgents().withSupervisor();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void aDraftCapturedFromAnAdmissionsConversationIsReadOnlyByAdmissionsAndSupervisors() {
        String visitor = api.visitor(Cegep.ZOE_NAME);
        String conversation = api.startConversation(visitor, Cegep.ADMISSIONS,
                "Mon dossier d’admission est refusé, mon numéro est 1234567 : que faire?").text("conversationId");
        api.post("/api/v1/conversations/" + conversation + "/messages", cegep.élodie, Map.of("body", "Écrivez au registrariat.", "clientId", "r-1"));
        api.post("/api/v1/conversations/" + conversation + "/resolve", cegep.élodie, Map.of());
        String location = api.post("/kb/capture/conversation/" + conversation, cegep.élodie, Map.of()).raw().headers()
                .firstValue("Location").orElseThrow();
        String draft = location.substring(location.lastIndexOf('/') + 1);

        assertThat(api.get("/api/v1/kb/articles/" + draft, cegep.élodie).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/kb/articles/" + draft, cegep.jérôme).status()).isEqualTo(200);
        assertThat(api.get("/api/v1/kb/articles/" + draft, cegep.noémie).status()).as("IT only").isEqualTo(403);
        assertThat(api.get("/kb/articles/" + draft, cegep.noémie).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/kb/articles/" + draft, cegep.noémie, Map.of("title", "Pris", "body", "Texte", "lang", "fr",
                "status", "draft")).status()).isEqualTo(403);
        assertThat(api.get("/kb/articles", cegep.noémie).json().asText()).doesNotContain("Mon dossier d’admission");
        assertThat(api.get("/kb/articles", cegep.élodie).json().asText()).contains("Mon dossier d’admission");
        assertThat(api.put("/api/v1/kb/articles/" + draft, cegep.élodie, Map.of("title", "Dossier refusé", "body", "Écrivez au registrariat.",
                "lang", "fr", "status", "draft", "service", Cegep.ADMISSIONS)).status()).isEqualTo(200);
    }

    @Test
    void onlyASupervisorChangesARetiredArticle() {
        String id = api.post("/api/v1/kb/articles", cegep.jérôme, Map.of("title", "Ancien horaire", "body", "Fermé le lundi.",
                "lang", "fr", "status", "published")).text("id");
        Map<String, Object> retired = Map.of("title", "Ancien horaire", "body", "Fermé le lundi.", "lang", "fr", "status", "retired");
        assertThat(api.put("/api/v1/kb/articles/" + id, cegep.jérôme, retired).status()).isEqualTo(200);

        Map<String, Object> draft = Map.of("title", "Ancien horaire", "body", "Fermé le mardi.", "lang", "fr", "status", "draft");
        Api.Response byAgent = api.put("/api/v1/kb/articles/" + id, cegep.élodie, draft);
        assertThat(byAgent.status()).isEqualTo(403);
        assertThat(byAgent.json().path("error").path("message").asText()).contains("retired");
        assertThat(api.get("/api/v1/kb/articles/" + id, cegep.élodie).json().path("status").asText()).isEqualTo("retired");
        assertThat(api.put("/api/v1/kb/articles/" + id, cegep.jérôme, draft).status()).as("a supervisor restores it").isEqualTo(200);
    }
}
