package io.guichet.inbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Labels: defined by an administrator, put on and taken off by whoever reads the conversation, filtered by, counted. */
class LabelsTest {
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

    static String create(String name, String colour) {
        Response r = api.post("/api/v1/labels", cegep.admin, Map.of("name", name, "colour", colour));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.text("id");
    }

    @Test
    void anAgentLabelsAConversationAndTheSearchFiltersByIt() {
        String urgent = create("Urgent – examen", "#C0392B");
        String id = api.startConversation(api.visitor("Gaël Roy"), Cegep.SOUTIEN_INFORMATIQUE, "Je ne vois pas mon examen").text("conversationId");
        api.startConversation(api.visitor("Léa Roy"), Cegep.SOUTIEN_INFORMATIQUE, "Autre chose");
        String noemie = cegep.token(Cegep.Persona.NOEMIE);
        Response put = api.put("/api/v1/conversations/" + id + "/labels/" + urgent, noemie, Map.of());
        assertThat(put.status()).isEqualTo(200);
        assertThat(put.json().path("labels").get(0).path("name").asText()).isEqualTo("Urgent – examen");
        assertThat(put.json().path("labels").get(0).path("colour").asText()).as("kept lower-case").isEqualTo("#c0392b");
        assertThat(api.put("/api/v1/conversations/" + id + "/labels/" + urgent, noemie, Map.of()).json().path("labels")).as("idempotent").hasSize(1);

        JsonNode found = api.get("/api/v1/conversations?label=" + urgent, noemie).json().path("conversations");
        assertThat(found).hasSize(1);
        assertThat(found.get(0).path("id").asText()).isEqualTo(id);
        assertThat(found.get(0).path("labels").get(0).asText()).isEqualTo(urgent);

        assertThat(api.delete("/api/v1/conversations/" + id + "/labels/" + urgent, noemie).json().path("labels")).isEmpty();
        assertThat(api.get("/api/v1/conversations?label=" + urgent, noemie).json().path("conversations")).isEmpty();
    }

    @Test
    void onlyAdministratorsDefineLabelsAndOnlyReadersLabel() {
        Response byAgent = api.post("/api/v1/labels", cegep.élodie, Map.of("name", "Mien", "colour", "#112233"));
        assertThat(byAgent.status()).isEqualTo(403);
        String label = create("Réorientation", "#2e86c1");
        String id = api.startConversation(api.visitor("Anaïs Côté"), Cegep.ADMISSIONS, "Changer de programme?").text("conversationId");
        assertThat(api.put("/api/v1/conversations/" + id + "/labels/" + label, cegep.token(Cegep.Persona.NOEMIE), Map.of()).status())
                .as("not her service").isIn(403, 404);
        assertThat(api.put("/api/v1/conversations/" + id + "/labels/999999", cegep.élodie, Map.of()).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/labels", cegep.élodie).json().path("labels").toString()).contains("Réorientation");
    }

    @Test
    void badLabelsAreRefusedNamingTheField() {
        assertRefused(Map.of("name", "", "colour", "#112233"), 422, "name");
        assertRefused(Map.of("name", "x".repeat(41), "colour", "#112233"), 422, "name");
        assertRefused(Map.of("name", "Bourse\u0007", "colour", "#112233"), 422, "name");
        assertRefused(Map.of("name", "Rouge", "colour", "red"), 422, "colour");
        assertRefused(Map.of("name", "Rouge", "colour", "#12345g"), 422, "colour");
        create("Élève du secondaire", "#117a65");
        Response same = api.post("/api/v1/labels", cegep.admin, Map.of("name", "eleve DU secondaire", "colour", "#117a65"));
        assertThat(same.status()).as("accent- and case-blind").isEqualTo(409);
        assertThat(same.json().path("error").path("code").asText()).isEqualTo("name_taken");
        Response html = api.post("/api/v1/labels", cegep.admin, Map.of("name", "<b>gras</b>", "colour", "#000000"));
        assertThat(html.json().path("name").asText()).as("kept as text").isEqualTo("<b>gras</b>");
        assertThat(api.postRaw("/api/v1/labels", cegep.admin, "{pas du json").status()).isEqualTo(400);
    }

    @Test
    void theReportCountsLabelledConversationsForSupervisorsOnly() {
        String bourse = create("Bourse", "#d4ac0d");
        for (String name : List.of("Zoé", "Maël")) {
            String id = api.startConversation(api.visitor(name), Cegep.AIDE_FINANCIERE, "Ma bourse?").text("conversationId");
            api.put("/api/v1/conversations/" + id + "/labels/" + bourse, cegep.françois, Map.of());
        }
        Response report = api.get("/api/v1/reports/labels", cegep.jérôme);
        assertThat(report.status()).isEqualTo(200);
        List<String> rows = new ArrayList<>();
        report.json().path("labels").forEach(l -> rows.add(l.path("name").asText() + "=" + l.path("conversations").asInt()));
        assertThat(rows).contains("Bourse=2");
        assertThat(api.get("/api/v1/reports/labels", cegep.françois).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/reports/labels?from=hier", cegep.jérôme).status()).isEqualTo(422);
    }

    private static void assertRefused(Map<String, String> body, int status, String field) {
        Response r = api.post("/api/v1/labels", cegep.admin, body);
        assertThat(r.status()).as(body.toString()).isEqualTo(status);
        assertThat(r.json().path("error").path("message").asText()).as(body.toString()).startsWith(field + " ");
    }
}
