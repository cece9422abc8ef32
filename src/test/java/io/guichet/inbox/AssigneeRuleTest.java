package io.guichet.inbox;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A colleague of the same service may read an assigned conversation and add internal notes, but only
 * its assignee or a supervisor answers the visitor, resolves or reopens it (as for transfer).
 */
class AssigneeRuleTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static String lea; // a second agent of admissions

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).capacity(3).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
        lea = api.createStaff(cegep.admin, "lea@cegep-test.qc.ca", "Léa Bouchard", "agent", 3, Cegep.ADMISSIONS);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    private static int post(String path, String token, Map<String, Object> body) {
        return api.post(path, token, body).status();
    }

    @Test
    void onlyTheAssigneeOrASupervisorAnswersResolvesAndReopens() {
        String id;
        try (var elodieWs = api.socket("/ws/agent?token=" + cegep.élodie)) { // online: routing gives it to her
            id = api.startConversation(api.visitor("Zoé"), Cegep.ADMISSIONS, "Ma demande est-elle complète?").text("conversationId");
            String mine = id; // her socket drains the queue first: another test's waiting conversation may come before this one
            assertThat(elodieWs.nextMatching("conversation.assigned", f -> f.path("conversation").path("id").asText().equals(mine), 10)).isNotNull();
        }
        String c = "/api/v1/conversations/" + id;
        assertThat(api.get(c, lea).status()).as("a colleague reads it").isEqualTo(200);
        assertThat(post(c + "/messages", lea, Map.of("body", "Je réponds à sa place", "clientId", "l-1"))).isEqualTo(403);
        assertThat(post(c + "/messages", lea, Map.of("body", "Note : pièce manquante", "clientId", "l-2", "internal", true)))
                .as("an internal note is fine").isEqualTo(201);
        assertThat(post(c + "/resolve", lea, Map.of())).isEqualTo(403);
        assertThat(post(c + "/messages", cegep.élodie, Map.of("body", "Oui, tout est reçu.", "clientId", "e-1"))).isEqualTo(201);
        assertThat(post(c + "/resolve", cegep.élodie, Map.of())).isEqualTo(200);
        assertThat(post(c + "/reopen", lea, Map.of())).as("reopening would make Léa the assignee").isEqualTo(403);
        assertThat(api.get(c, cegep.admin).json().path("status").asText()).isEqualTo("resolved");
        assertThat(post(c + "/reopen", cegep.jérôme, Map.of())).as("a supervisor may").isEqualTo(200);
    }

    @Test
    void aColleaguesConsoleOffersOnlyAnInternalNote() {
        String id;
        try (var elodieWs = api.socket("/ws/agent?token=" + cegep.élodie)) {
            id = api.startConversation(api.visitor("Zoé Lévesque"), Cegep.ADMISSIONS, "Puis-je changer de programme?").text("conversationId");
            String mine = id; // her socket drains the queue first: another test's waiting conversation may come before this one
            assertThat(elodieWs.nextMatching("conversation.assigned", f -> f.path("conversation").path("id").asText().equals(mine), 10)).isNotNull();
        }
        try (Browsers browsers = new Browsers()) {
            for (int width : new int[]{390, 1440}) {
                try (BrowserContext person = browsers.person(width, 900, "fr-CA")) {
                    Page page = Browsers.signIn(person, node.baseUrl(), "/console/c/" + id, "lea@cegep-test.qc.ca", Cegep.PASSWORD);
                    page.waitForSelector("#composer");
                    assertThat(page.locator("#note-only").textContent()).contains("Assignée à Élodie Tremblay");
                    assertThat(page.locator("input[name=internal][value=false]").count()).as("no reply to the visitor").isZero();
                    assertThat(page.locator("button.resolve").count()).as("no resolve").isZero();
                    Browsers.screenshot(page, "console-colleague-" + width);
                }
            }
        }
    }

    @Test
    void whileNoOneHoldsItAnyAgentOfTheServiceAnswers() {
        String id = api.startConversation(api.visitor("Zoé"), Cegep.ADMISSIONS, "Bonjour?").text("conversationId"); // no one online
        assertThat(post("/api/v1/conversations/" + id + "/messages", lea, Map.of("body", "Bonjour Zoé!", "clientId", "l-3"))).isEqualTo(201);
    }
}
