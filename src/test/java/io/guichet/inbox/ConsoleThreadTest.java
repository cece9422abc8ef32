package io.guichet.inbox;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.BoundingBox;
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
 * The conversation in the console as its agent reads it: on a phone the newest message is in view after opening
 * and after sending; a resolved conversation takes no reply until reopened (console and API agree); after a
 * transfer the former agent is offered neither the reply nor "Résoudre".
 */
class ConsoleThreadTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Browsers browsers;
    static String leaId;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).capacity(3).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
        leaId = api.post("/api/v1/staff", cegep.admin, Map.of("email", "lea@cegep-test.qc.ca", "name", "Léa Bouchard",
                "password", Cegep.PASSWORD, "role", "agent", "services", java.util.List.of(Cegep.ADMISSIONS), "maxConcurrent", 3)).text("id");
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    /** A conversation of Zoé's, given to Élodie (online for a moment), with enough messages to fill a phone. */
    private static String assignedToElodie(String question, int exchanges) {
        String id;
        try (var ws = api.socket("/ws/agent?token=" + cegep.élodie)) {
            api.awaitAnswering(Cegep.ADMISSIONS); // her socket counted: the conversation is routed to her, not queued
            String visitor = api.visitor(Cegep.ZOE_NAME);
            id = api.startConversation(visitor, Cegep.ADMISSIONS, question).text("conversationId");
            assertThat(ws.next("conversation.assigned", 15)).isNotNull();
            for (int i = 1; i <= exchanges; i++) {
                api.post("/api/v1/conversations/" + id + "/messages", cegep.élodie, Map.of("body", "Réponse n° " + i + " d’Élodie", "clientId", "e-" + i));
                api.post("/api/v1/visitor/conversations/" + id + "/messages", visitor, Map.of("body", "Question n° " + i + " de Zoé", "clientId", "z-" + i));
            }
        }
        return id;
    }

    private static void assertInView(Page page, Locator message, String when) {
        message.waitFor();
        page.waitForTimeout(300); // suggested articles arrive after the thread and take their line
        BoundingBox box = message.boundingBox();
        int height = page.viewportSize().height;
        assertThat(box.y).as(when + ": the newest message's top is on screen").isGreaterThanOrEqualTo(0);
        assertThat(box.y + box.height).as(when + ": the newest message's bottom is on screen").isLessThanOrEqualTo(height);
        // Nothing sits over it: the element at its centre is the message itself.
        Object onTop = page.evaluate("([x, y]) => { const e = document.elementFromPoint(x, y); "
                        + "return e?.closest('#messages li:last-child') ? true : (e ? e.tagName + '.' + e.className : 'nothing'); }",
                java.util.List.of(box.x + box.width / 2, box.y + box.height / 2));
        assertThat(onTop).as(when + ": not covered by the head or the composer").isEqualTo(true);
    }

    @Test
    void onAPhoneTheNewestMessageIsInViewAfterOpeningAndAfterSending() {
        String id = assignedToElodie("Bonjour, j’ai une question sur l’admission à l’automne.", 8);
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext person = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(person, node.baseUrl(), "/console/c/" + id, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
                page.waitForSelector("#messages li");
                Browsers.screenshot(page, "console-thread-opened-" + width);
                assertInView(page, page.locator("#messages li:last-child"), width + " px, opened");
                assertThat(page.locator("#messages li:last-child").textContent()).contains(width == 390 ? "Question n° 8 de Zoé" : "Envoyé à 390 px");
                Browsers.screenshot(page, "console-thread-opened-" + width);
                assertThat(Browsers.problems(page, "console thread " + width)).isEmpty();

                String text = "Envoyé à " + width + " px : c’est noté, Zoé.";
                page.fill("#reply", text);
                page.press("#reply", "Enter");
                Locator sent = page.locator("#messages li:last-child:has-text('" + text + "')");
                sent.waitFor();
                page.waitForSelector("#messages li:last-child:not(.pending)");
                assertInView(page, sent, width + " px, sent");
                Browsers.screenshot(page, "console-thread-sent-" + width);
            }
        }
    }

    @Test
    void aResolvedConversationTakesNoReplyUntilReopened() {
        String id = assignedToElodie("Mon dossier est-il complet?", 0);
        String c = "/api/v1/conversations/" + id;
        assertThat(api.post(c + "/resolve", cegep.élodie, Map.of()).status()).isEqualTo(200);
        Api.Response refused = api.post(c + "/messages", cegep.élodie, Map.of("body", "Encore une chose", "clientId", "after-1"));
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().path("error").path("code").asText()).isEqualTo("resolved");
        assertThat(api.post(c + "/messages", cegep.élodie, Map.of("body", "Note après coup", "clientId", "after-2", "internal", true)).status())
                .as("nor a note: the composer is disabled").isEqualTo(409);
        assertThat(api.get(c, cegep.élodie).json().path("status").asText()).isEqualTo("resolved");

        for (int width : new int[]{390, 1440}) {
            try (BrowserContext person = browsers.person(width, 844, "fr-CA")) {
                Page page = Browsers.signIn(person, node.baseUrl(), "/console/c/" + id, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
                page.waitForSelector("#composer");
                assertThat(page.locator("#resolved-note").textContent()).contains("Cette conversation est résolue : rouvrez-la pour répondre.");
                assertThat(page.locator("#reply").isDisabled()).isTrue();
                assertThat(page.locator("#composer button[type=submit]").isDisabled()).isTrue();
                Browsers.screenshot(page, "console-resolved-" + width);
                assertThat(Browsers.problems(page, "console resolved " + width)).isEmpty();
            }
        }
        try (BrowserContext person = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(person, node.baseUrl(), "/console/c/" + id, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            page.click("button:has-text('Rouvrir')");
            page.waitForSelector(".thread[data-status=open]");
            assertThat(page.locator("#reply").isEnabled()).isTrue();
            assertThat(page.locator("#messages").textContent()).contains("Élodie Tremblay a rouvert");
            page.fill("#reply", "Une dernière précision, Zoé.");
            page.press("#reply", "Enter");
            page.waitForSelector("#messages li:last-child:not(.pending):has-text('Une dernière précision, Zoé.')");
        }
        assertThat(api.get(c, cegep.élodie).json().path("status").asText()).isEqualTo("open");
    }

    @Test
    void afterATransferTheFormerAgentIsOfferedNeitherTheReplyNorResolve() {
        String id = assignedToElodie("Puis-je changer de programme?", 0);
        String lea = api.login("lea@cegep-test.qc.ca", Cegep.PASSWORD);
        try (BrowserContext person = browsers.person(1440, 900, "fr-CA");
             var leaWs = api.socket("/ws/agent?token=" + lea)) { // Léa online: she has room for it
            Page page = Browsers.signIn(person, node.baseUrl(), "/console/c/" + id, Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
            page.waitForSelector("button.resolve");
            assertThat(page.locator("input[name=internal][value=false]").count()).isEqualTo(1);

            // Jérôme, the supervisor, hands it to Léa while Élodie has it open.
            assertThat(api.post("/api/v1/conversations/" + id + "/transfer", cegep.jérôme, Map.of("toStaffId", leaId)).status()).isEqualTo(200);
            page.waitForSelector("#note-only");
            assertThat(page.locator("#note-only").textContent()).contains("Assignée à Léa Bouchard");
            assertThat(page.locator("button.resolve").count()).as("no resolve").isZero();
            assertThat(page.locator("input[name=internal][value=false]").count()).as("no reply to the visitor").isZero();
            assertThat(api.post("/api/v1/conversations/" + id + "/messages", cegep.élodie,
                    Map.of("body", "Je réponds quand même", "clientId", "e-late")).status()).as("the API refuses what the console hides").isEqualTo(403);
            assertThat(api.post("/api/v1/conversations/" + id + "/resolve", cegep.élodie, Map.of()).status()).isEqualTo(403);
            Browsers.screenshot(page, "console-transferred-away-1440");
        }
    }
}
