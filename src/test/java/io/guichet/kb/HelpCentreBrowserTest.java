package io.guichet.kb;

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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The help centre in a real Chromium, on the demo cégep's articles: a visitor searching in French
 * without accents, one offered articles by the chat widget, an agent offered them in the console.
 */
class HelpCentreBrowserTest {
    static TestNode node;
    static Browsers browsers;
    static String admin;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_DEMO", "true"));
        admin = Cegep.on(node).capacity(4).withAgents(Cegep.Persona.NOEMIE).admin; // the demo made the services
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    @Test
    void aVisitorSearchesInFrenchWithoutAccentsOnAPhoneAndOpensTheRightArticle() {
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page page = phone.newPage();
            page.navigate(node.baseUrl() + "/aide");
            assertThat(page.title()).isEqualTo("Comment pouvons-nous vous aider? · Centre d’aide");
            assertThat(page.textContent(".categories")).contains("Aide financière", "Soutien informatique");
            Browsers.screenshot(page, "help-phone-home");

            page.locator("#q").pressSequentially("echeance admision automne", new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(30));
            page.waitForSelector("#results .result-title");
            assertThat(page.textContent("#results .results-count")).contains("pour « echeance admision automne »");
            assertThat(page.locator("#results mark").first().textContent()).isNotBlank();
            Browsers.screenshot(page, "help-phone-results");

            page.locator("#results .result-title").first().click();
            page.waitForSelector("#article-title");
            assertThat(page.textContent("#article-title")).isEqualTo("Date limite d’admission pour la session d’automne");
            assertThat(page.textContent(".article-body")).contains("1er mars");
            assertThat(page.locator("meta[name=description]").getAttribute("content")).startsWith("La date limite pour déposer");
            assertThat(page.locator("a[hreflang=en]").last().textContent()).isEqualTo("Read in English");
            Browsers.screenshot(page, "help-phone-article");

            page.click("button[value=yes]");
            page.waitForSelector(".vote-thanks");
            assertThat(page.textContent(".vote-thanks")).isEqualTo("Merci de votre avis!");

            page.click("a[hreflang=en] >> text=Read in English");
            page.waitForSelector("#article-title");
            assertThat(page.textContent("#article-title")).isEqualTo("Application deadline for the fall semester");
            assertThat(page.locator("html").getAttribute("lang")).isEqualTo("en");
        }
    }

    @Test
    void aNonAsksWhyAndTheTeamReadsItInTheGapsReport() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page page = phone.newPage();
            page.navigate(node.baseUrl() + "/aide?q=" + java.net.URLEncoder.encode("echeance admission automne", java.nio.charset.StandardCharsets.UTF_8));
            page.locator(".result-title").first().click();
            String title = page.locator("#article-title").textContent();
            page.click("button[value=no]");
            page.locator(".why-form").waitFor();
            assertThat(page.textContent("#vote-title")).isEqualTo("Merci. Qu’est-ce qui manquait?");
            page.click("button:has-text('Envoyer')");
            assertThat(page.locator(".why-error").textContent()).isEqualTo("Choisissez une raison ou écrivez quelques mots.");
            page.locator("#vote").scrollIntoViewIfNeeded();
            Browsers.shoot(page, "help-why-refused-390", problems);
            page.getByLabel("est difficile à comprendre").check();
            page.fill("#why-comment", "Je ne trouve pas « Mot de passe oublié » sur mon téléphone.");
            page.locator("#vote").scrollIntoViewIfNeeded();
            Browsers.shoot(page, "help-why-390", problems);
            page.click("button:has-text('Envoyer')");
            assertThat(page.locator(".vote-thanks").textContent()).isEqualTo("Merci : l’équipe du centre d’aide lira votre remarque.");

            try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
                Page gaps = Browsers.signIn(desk, node.baseUrl(), "/kb/gaps", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
                var row = gaps.locator("#unhelpful tr", new Page.LocatorOptions().setHasText(title));
                assertThat(row.textContent()).contains("est difficile à comprendre (1)", "« Je ne trouve pas « Mot de passe oublié » sur mon téléphone. »");
                row.scrollIntoViewIfNeeded();
                Browsers.shoot(gaps, "kb-gaps-unhelpful-1440", problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theHelpCentreOnADesktopInEnglish() {
        try (BrowserContext desktop = browsers.person(1366, 800, "en-CA")) {
            Page page = desktop.newPage();
            page.navigate(node.baseUrl() + "/help");
            Browsers.screenshot(page, "help-desktop-home");
            page.fill("#q", "forgot my pasword");
            page.press("#q", "Enter");
            page.waitForSelector(".result-title");
            assertThat(page.locator(".result-title").first().textContent()).isEqualTo("Forgotten Omnivox password");
            Browsers.screenshot(page, "help-desktop-results");
            page.locator(".result-title").first().click();
            page.waitForSelector("#article-title");
            Browsers.screenshot(page, "help-desktop-article");
        }
    }

    @Test
    void theWidgetOffersArticlesAsTheFirstQuestionIsTypedAndCountsADeflection() {
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page site = phone.newPage();
            site.navigate(node.baseUrl() + "/demo?lang=fr");
            site.mouse().click(390 - 50, 844 - 50);
            Frame panel = Browsers.chatPanel(site);
            panel.waitForSelector("#f-body");
            panel.locator("#f-body").pressSequentially("jai oublier mon mot de passe omnivox",
                    new com.microsoft.playwright.Locator.PressSequentiallyOptions().setDelay(20));
            panel.waitForSelector(".kb-suggest a");
            assertThat(panel.locator(".kb-suggest a").first().textContent()).startsWith("Mot de passe oublié du portail Omnivox");
            Browsers.screenshot(site, "widget-phone-suggestions");

            Page article = phone.waitForPage(() -> panel.locator(".kb-suggest a").first().click());
            article.waitForSelector("#article-title");
            assertThat(article.textContent("#article-title")).isEqualTo("Mot de passe oublié du portail Omnivox");
        }
        String report = "";
        for (int i = 0; i < 50 && !report.contains("1 visiteurs ont ouvert"); i++) {
            report = node.api().get("/kb/gaps", admin).json().asText();
        }
        assertThat(report).contains("1 visiteurs ont ouvert un article suggéré; 1 n’ont pas clavardé ensuite (100 %).");
    }

    @Test
    void theAgentSeesSuggestedArticlesAndInsertsOneAndASavedReply() {
        Api api = node.api();
        String noemie = api.login("noemie@cegep-test.qc.ca", "un-mot-de-passe-long");
        api.postForm("/kb/replies", noemie, Map.of("name", "merci", "body", "Merci, bonne session!"));
        String visitor = api.visitor("Zoé Lévesque");
        String conversation = api.startConversation(visitor, "soutien-informatique",
                "Bonjour, je ne me souviens plus de mon mot de passe Omnivox").text("conversationId");
        try (BrowserContext desk = browsers.person(1366, 800, "fr-CA")) {
            Page console = Browsers.signIn(desk, node.baseUrl(), "/console", "noemie@cegep-test.qc.ca", "un-mot-de-passe-long");
            // Noémie's socket connects, she is available: the waiting conversation is routed to her.
            console.locator(".conv-list a.conv:has-text('Zoé Lévesque')").first().click(); // a Locator: the list may be redrawn between finding and clicking
            console.waitForSelector(".kb-suggestion");
            assertThat(console.textContent(".kb-suggest")).contains("Mot de passe oublié du portail Omnivox");
            console.locator(".kb-suggestion").first().locator("button", new com.microsoft.playwright.Locator.LocatorOptions()
                    .setHasText("Insérer le lien")).click();
            assertThat(console.inputValue("#reply")).matches("http://localhost:\\d+/aide/\\d+-mot-de-passe-oublie-du-portail-omnivox");
            console.locator("#reply").press("End");
            console.locator("#reply").pressSequentially(" /mer");
            console.waitForSelector("#kb-replies [role=option]");
            Browsers.screenshot(console, "console-kb-suggestions");
            console.locator("#reply").press("Enter");
            assertThat(console.inputValue("#reply")).endsWith(" Merci, bonne session!");
            assertThat(console.locator("#messages .msg-agent").count()).as("Enter picked the reply; nothing was sent").isZero();

            assertThat(console.textContent(".kb-suggest")).doesNotContain("Se connecter au réseau sans fil");
            api.post("/api/v1/visitor/conversations/" + conversation + "/messages", visitor,
                    Map.of("body", "Et le wifi eduroam ne marche pas non plus", "clientId", "wifi-1"));
            console.waitForSelector(".kb-suggest :text('Se connecter au réseau sans fil (Wi-Fi) du cégep')");
        }
    }
}
