package io.guichet.channels;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import io.guichet.testing.Cegep;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A visitor on the demo page and an agent in the console talk in both directions, then the visitor
 * reloads and finds the history — in a real Chromium, as people would.
 */
class ChatEndToEndTest {
    static TestNode node;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        Cegep.on(node).capacity(4).withServices().withAgents(Cegep.Persona.ELODIE);
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    @Test
    void visitorAndAgentTalkAndTheHistorySurvivesAReload() {
        try (BrowserContext agentBrowser = browsers.person(1366, 800, "fr-CA");
             BrowserContext visitorBrowser = browsers.person(390, 844, "fr-CA")) {
            Page login = agentBrowser.newPage();
            login.navigate(node.baseUrl() + "/login");
            Browsers.screenshot(login, "login");
            login.close();
            Page console = Browsers.signIn(agentBrowser, node.baseUrl(), "/console", "elodie@cegep-test.qc.ca", "un-mot-de-passe-long");
            node.api().awaitAnswering("admissions"); // the console's socket connects: Élodie is now available

            Page site = visitorBrowser.newPage();
            site.navigate(node.baseUrl() + "/demo?lang=fr");
            Browsers.screenshot(site, "demo-closed");
            site.mouse().click(390 - 50, 844 - 50); // the chat bubble, bottom right
            Frame panel = Browsers.chatPanel(site);
            panel.waitForSelector("#f-body");
            Browsers.screenshot(site, "widget-phone-start");
            panel.fill("#f-name", "Zoé Lévesque");
            panel.fill("#f-body", "Bonjour! Quelle est l’échéance pour l’admission à l’automne?");
            panel.click("button[type=submit]");
            panel.waitForSelector("#composer-input");

            // The conversation was routed to Élodie: it appears in her list without a reload.
            console.locator(".conv-list a.conv:has-text('Zoé Lévesque')").click(); // re-found if the list re-renders
            console.waitForSelector("#messages :text('Quelle est l’échéance pour l’admission à l’automne?')");
            console.fill("#reply", "Bonjour Zoé! C’est le 1er mars, à 23 h 59.");
            console.press("#reply", "Enter");

            panel.waitForSelector("#log :text('C’est le 1er mars, à 23 h 59.')");
            assertThat(panel.textContent("#log")).contains("Élodie Tremblay");
            Browsers.screenshot(site, "widget-phone-conversation");

            panel.fill("#composer-input", "Merci beaucoup, ça m’aide énormément!");
            panel.press("#composer-input", "Enter");
            console.waitForSelector("#messages :text('Merci beaucoup, ça m’aide énormément!')");
            Browsers.screenshot(console, "console-conversation");

            site.reload();
            site.mouse().click(390 - 50, 844 - 50);
            Frame again = Browsers.chatPanel(site);
            again.waitForSelector("#log :text('Merci beaucoup, ça m’aide énormément!')");
            String history = again.textContent("#log");
            assertThat(history).contains("Quelle est l’échéance pour l’admission à l’automne?")
                    .contains("C’est le 1er mars, à 23 h 59.");
            Browsers.screenshot(site, "widget-phone-after-reload");
        }
    }
}
