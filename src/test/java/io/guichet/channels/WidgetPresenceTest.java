package io.guichet.channels;

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

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * "En ligne" only when someone is there: the widget says online only while an agent of the service is available,
 * otherwise asks for an email; a waiting visitor reads their place and an estimated wait; administrators are told
 * which services have no staff. The panel's page states pass axe-core.
 */
class WidgetPresenceTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).capacity(1).withServices().withAgents(Cegep.Persona.ELODIE);
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    private static JsonNode admissions() {
        for (JsonNode s : api.get("/api/v1/services", null).json().path("services")) {
            if (s.path("slug").asText().equals(Cegep.ADMISSIONS)) return s;
        }
        throw new AssertionError("no admissions service");
    }

    @Test
    void theServiceIsOnlineOnlyWhileOneOfItsAgentsIsThere() {
        assertThat(admissions().path("open").asBoolean()).as("no hours: always open").isTrue();
        assertThat(admissions().path("available").asBoolean()).as("but no one is there").isFalse();
        try (var ws = api.socket("/ws/agent?token=" + cegep.élodie)) {
            ws.next("hello", 5);
            assertThat(admissions().path("available").asBoolean()).as("Élodie is there").isTrue();
            api.post("/api/v1/me/presence", cegep.élodie, Map.of("status", "away"));
            assertThat(admissions().path("available").asBoolean()).as("Élodie stepped away").isFalse();
            api.post("/api/v1/me/presence", cegep.élodie, Map.of("status", "available"));
        }
    }

    @Test
    void withNoOneThereTheWidgetSaysSoAndAsksForAnEmail() {
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext person = browsers.person(width, 800, "fr-CA")) {
                Page page = person.newPage();
                page.navigate(node.baseUrl() + "/widget/panel?lang=fr&service=" + Cegep.ADMISSIONS);
                page.waitForSelector("#f-body");
                assertThat(page.textContent("#status-line")).isEqualTo("Personne en ligne");
                assertThat(page.textContent("#offline-note")).contains("Personne n’est disponible en ce moment");
                assertThat(page.getAttribute("#f-email", "aria-required")).isEqualTo("true");
                assertThat(page.locator("text=Nous répondons habituellement en quelques minutes").count())
                        .as("the subtitle is not repeated").isLessThanOrEqualTo(1);
                page.fill("#f-body", "Bonjour, une question sur l’admission.");
                page.click("button[type=submit]");
                assertThat(page.textContent("[role=alert]")).contains("Indiquez votre courriel");
                page.fill("#f-email", "zoe@example.com");
                assertThat(page.locator("#form-error").count()).as("no stale error once typing again").isZero();
                assertThat(page.textContent("#lang-btn")).isEqualTo("English");
                Browsers.screenshot(page, "widget-nobody-" + width);
                assertThat(Browsers.problems(page, "widget nobody " + width)).isEmpty();
            }
        }
    }

    @Test
    void aWaitingVisitorReadsTheirPlaceAndAnEstimatedWait() {
        try (var ws = api.socket("/ws/agent?token=" + cegep.élodie)) {
            ws.next("hello", 5);
            api.startConversation(api.visitor("Léa"), Cegep.ADMISSIONS, "Première question").text("conversationId");
            ws.next("conversation.assigned", 5); // Élodie takes one at a time: the next one waits
            String zoe = api.visitor(Cegep.ZOE_NAME);
            String id = api.startConversation(zoe, Cegep.ADMISSIONS, "Deuxième question").text("conversationId");
            JsonNode status = api.get("/api/v1/visitor/conversations/" + id, zoe).json();
            assertThat(status.path("status").asText()).isEqualTo("waiting");
            assertThat(status.path("queuePosition").asInt()).isEqualTo(1);
            // No resolved conversation yet: 5 minutes per conversation ahead, one agent available.
            assertThat(status.path("estimatedWaitMinutes").asInt()).isEqualTo(5);

            try (BrowserContext person = browsers.person(390, 800, "fr-CA")) {
                Page page = person.newPage();
                page.navigate(node.baseUrl() + "/widget/panel?lang=fr&service=" + Cegep.ADMISSIONS);
                page.waitForSelector("#f-body");
                assertThat(page.textContent("#status-line")).as("Élodie is there, though busy").isEqualTo("Nous répondons habituellement en quelques minutes");
                page.fill("#f-name", "Noé Roy");
                page.fill("#f-body", "Troisième question");
                page.click("button[type=submit]");
                page.waitForSelector("#status-line:has-text('min d’attente')");
                assertThat(page.textContent("#status-line")).isEqualTo("Vous êtes 2e dans la file · environ 10 min d’attente");
                Browsers.screenshot(page, "widget-waiting-390");
                assertThat(Browsers.problems(page, "widget waiting 390")).isEmpty();
            }
        }
    }

    @Test
    void onAPhoneTheKeyboardStaysInsideThePanel() {
        try (BrowserContext person = browsers.person(390, 844, "fr-CA")) {
            Page site = person.newPage();
            site.navigate(node.baseUrl() + "/demo?lang=fr");
            site.mouse().click(390 - 50, 844 - 50); // the chat bubble
            com.microsoft.playwright.Frame panel = Browsers.chatPanel(site);
            panel.waitForSelector("#f-body");
            panel.focus("#lang-btn"); // the first control of the panel
            site.keyboard().press("Shift+Tab");
            assertThat(panel.evaluate("document.hasFocus() && document.activeElement.matches('button[type=submit]')"))
                    .as("Shift+Tab from the first control goes round to the last, not to the page").isEqualTo(true);
            site.keyboard().press("Tab");
            assertThat(panel.evaluate("document.activeElement.id")).isEqualTo("lang-btn");
            Browsers.screenshot(site, "widget-phone-focus-390");
        }
    }

    @Test
    void administratorsAreToldWhichServicesHaveNoStaff() {
        try (BrowserContext person = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(person, node.baseUrl(), "/admin/services", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            page.waitForSelector("#unstaffed");
            assertThat(page.textContent("#unstaffed")).contains("Ces 2 services actifs n’ont aucun membre du personnel");
            assertThat(page.locator("#unstaffed li").allTextContents()).containsExactly("Aide financière", "Soutien informatique");
            Browsers.screenshot(page, "admin-services-unstaffed-1440");
            assertThat(Browsers.problems(page, "admin services unstaffed")).isEmpty();
        }
    }
}
