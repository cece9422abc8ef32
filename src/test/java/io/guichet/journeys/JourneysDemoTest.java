package io.guichet.journeys;

import io.guichet.testing.FormBrowser;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's journey: applicants at every stage, and one of them asking in the chat with their checklist beside it. */
class JourneysDemoTest {
    @AutoClose
    final TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_DEMO", "true"));

    @Test
    void theDemoHasApplicantsAtVariousStepsAndAQuestionBesideItsChecklist() {
        FormBrowser admin = new FormBrowser(node.baseUrl());
        admin.logIn(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        String index = admin.get("/journeys").body();
        assertThat(index).contains("Étudiant international — automne 2027");
        String id = index.replaceAll("(?s).*href=\"/journeys/(\\d+)\">Étudiant international.*", "$1");
        assertThat(admin.get("/journeys/" + id).body()).contains("5 candidats", "Aïcha Diallo", "Éloïse Fournier", "Refusé", "Envoyé", "Approuvé");
        String token = node.api().login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        String conversation = node.api().get("/api/v1/conversations?q=CAQ", token).json().path("conversations").get(0).path("id").asText();
        assertThat(admin.get("/console/c/" + conversation).body())
                .contains("Mehdi Benslimane", "pourquoi mon CAQ a-t-il été refusé?", "Parcours : Étudiant international — automne 2027", "panel-refused");
    }
}
