package io.guichet.live;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.guichet.testing.Cegep;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A live night in real Chromium: two viewers on their phones (French and English) and a moderator.
 * A question is asked, approved, upvoted, answered and highlighted, and both walls follow without a
 * reload; a private question is answered by a specialist in the console and the answer appears on the
 * asker's page.
 */
class LiveBrowserTest {
    static final String MODERATOR = Cegep.Persona.JEROME.email;
    static final String PASSWORD = "un-mot-de-passe-long";
    static LiveFixtures live;
    static TestNode node;
    static Api api;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        live = LiveFixtures.start();
        node = live.node;
        api = live.api;
        live.cegep.withSupervisor(); // Jérôme, the moderator
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        live.close();
    }

    @Test
    void askedApprovedUpvotedAnsweredAndBothWallsFollowWithoutReload() {
        String slug = live.session("soiree-admission", "pre", true,
                Map.of("descriptionFr", "Posez vos questions aux équipes des admissions et de l’aide financière.",
                        "descriptionEn", "Ask the admissions and financial aid teams."));
        try (BrowserContext zoeBrowser = browsers.person(390, 844, "fr-CA");
             BrowserContext samBrowser = browsers.person(390, 844, "en-CA");
             BrowserContext staffBrowser = browsers.person(1440, 900, "fr-CA");
             BrowserContext francoisBrowser = browsers.person(1366, 800, "fr-CA")) {
            Page moderator = Browsers.signIn(staffBrowser, node.baseUrl(), "/live/" + slug + "/moderate", MODERATOR, PASSWORD);

            Page zoe = zoeBrowser.newPage();
            zoe.navigate(node.baseUrl() + "/e/" + slug);
            Page sam = samBrowser.newPage();
            sam.navigate(node.baseUrl() + "/e/" + slug + "?lang=en");
            assertThat(sam.textContent("h1")).isEqualTo("Admission night");
            zoe.waitForSelector("#wall-empty:visible");

            // Zoé asks; under pre-moderation it waits, and only the moderator sees it.
            zoe.fill("#q-body", "Quelle est la date limite pour l’admission en Sciences de la nature?");
            zoe.fill("#q-name", "Zoé");
            zoe.click("#ask-form button[type=submit]");
            zoe.waitForSelector("#ask-status:has-text('après modération')");
            zoe.waitForSelector("#mine-list :text('En attente de modération')");
            Locator card = moderator.locator(".q-card:has-text('Sciences de la nature')");
            card.waitFor();
            assertThat(sam.locator("#wall li").count()).isZero();
            Browsers.screenshot(moderator, "live-moderation-pending");

            card.locator("button:has-text('Approuver')").click();
            zoe.waitForSelector("#wall li:has-text('Sciences de la nature')");
            Locator samQuestion = sam.locator("#wall li:has-text('Sciences de la nature')");
            samQuestion.waitFor();

            // Sam upvotes with the keyboard; both walls count it.
            samQuestion.locator("button.vote").focus();
            sam.keyboard().press("Space");
            sam.waitForSelector("#wall li button.vote[aria-pressed=true] .vote-count:text-is('1')");
            zoe.waitForSelector("#wall li .vote-count:text-is('1')");
            moderator.waitForSelector(".q-card [data-votes-for]:text-is('1')");

            // The moderator answers and highlights; both walls show it.
            Locator published = moderator.locator(".q-card:has-text('Sciences de la nature')");
            published.locator("summary:has-text('Répondre')").click();
            published.locator("textarea[name=body]").first().fill("Le 1er mars, à 23 h 59, sur le site du SRAM.");
            published.locator("button:has-text('Publier la réponse')").click();
            zoe.waitForSelector("#wall li .wq-answer:has-text('Le 1er mars, à 23 h 59')");
            sam.waitForSelector("#wall li .wq-answer:has-text('Le 1er mars, à 23 h 59')");
            moderator.locator(".q-card:has-text('Sciences de la nature') button:has-text('Mettre en avant')").click();
            zoe.waitForSelector("#wall li.is-highlighted :text('Question en cours')");
            sam.waitForSelector("#wall li.is-highlighted :text('Current question')");
            assertThat(zoe.textContent("#wall li")).contains("Zoé");
            zoe.locator("#wall-section").scrollIntoViewIfNeeded();
            Browsers.screenshot(zoe, "live-wall-phone-fr");
            sam.evaluate("window.scrollTo(0, 0)");
            Browsers.screenshot(sam, "live-wall-phone-en");
            Browsers.screenshot(moderator, "live-moderation");

            // The big screen shows the highlighted question and its answer.
            Page presenter = staffBrowser.newPage();
            presenter.setViewportSize(1920, 1080);
            presenter.navigate(node.baseUrl() + "/live/" + slug + "/present");
            presenter.waitForSelector(".present-question:has-text('Sciences de la nature')");
            assertThat(presenter.textContent(".present-answer")).contains("Le 1er mars");
            Browsers.screenshot(presenter, "live-presenter");

            // A private question goes to financial aid: François answers it from his console.
            Page console = Browsers.signIn(francoisBrowser, node.baseUrl(), "/console", "francois@cegep-test.qc.ca", "un-mot-de-passe-long");
            node.api().awaitAnswering("aide-financiere"); // his socket connects: he is available
            zoe.check("input[name=visibility][value=private]");
            zoe.selectOption("#q-service", "aide-financiere");
            zoe.fill("#q-body", "Mes parents sont séparés : quel revenu compte pour les prêts et bourses?");
            zoe.click("#ask-form button[type=submit]");
            zoe.waitForSelector("#mine-list :text('Question privée')");
            console.locator(".conv-list a.conv:has-text('Zoé')").first().click(); // a Locator: the list may be redrawn between finding and clicking
            console.waitForSelector("#messages :text('quel revenu compte pour les prêts et bourses?')");
            assertThat(console.textContent(".thread-sub")).contains("Soirée en direct : " + slug);
            console.fill("#reply", "Celui du parent qui a votre garde; écrivez-nous pour les détails.");
            console.press("#reply", "Enter");
            zoe.waitForSelector("#mine-list :text('Celui du parent qui a votre garde')");
            Browsers.screenshot(console, "live-console-private-question");
            assertThat(zoe.textContent("#mine-list")).contains(LiveFixtures.AGENT_NAME);
            assertThat(sam.textContent("#wall")).doesNotContain("Mes parents sont séparés");
            zoe.locator("#mine").scrollIntoViewIfNeeded();
            Browsers.screenshot(zoe, "live-wall-phone-private-answer");

            // After the night: the report counts both questions, the private one answered by its specialist.
            moderator.navigate(node.baseUrl() + "/live/" + slug + "/report");
            assertThat(moderator.textContent(".figures")).contains("100 %");
            assertThat(moderator.textContent(".service-figures")).contains("Aide financière");
            assertThat(moderator.getAttribute("a[download]", "href")).isEqualTo("/api/v1/live/" + slug + "/questions.csv");
            Browsers.screenshot(moderator, "live-report");
        }
    }

    @Test
    void beforeTheStartACountdownAndAdvanceQuestionsShownAsText() {
        String slug = live.session("soiree-a-venir", "post", false, Map.of());
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page page = phone.newPage();
            // A token left by another installation in this browser is replaced, not a dead end.
            page.addInitScript("localStorage.setItem('guichet.visitor', JSON.stringify({token: 'gv_perime'}))");
            page.navigate(node.baseUrl() + "/e/" + slug);
            page.waitForSelector("#countdown:text-matches('\\\\d\\\\d:\\\\d\\\\d:\\\\d\\\\d')");
            assertThat(page.isVisible("#wall-section")).isFalse();
            assertThat(page.textContent("#ask-title")).isEqualTo("Envoyer une question à l’avance");
            page.fill("#q-body", "ab");
            page.click("#ask-form button[type=submit]");
            assertThat(page.textContent("#q-body-err")).contains("au moins 3 caractères");
            page.fill("#q-body", "<b>Est-ce qu’on peut visiter le cégep?</b>");
            page.click("#ask-form button[type=submit]");
            page.waitForSelector("#mine-list :text('<b>Est-ce qu’on peut visiter le cégep?</b>')");
            Browsers.screenshot(page, "live-wall-phone-countdown");
        }
    }

    @Test
    void staffCreateASessionAndSeeMistakesNextToTheField() {
        try (BrowserContext desktop = browsers.person(1366, 900, "fr-CA")) {
            Page page = Browsers.signIn(desktop, node.baseUrl(), "/live", MODERATOR, PASSWORD);
            page.fill("#slug", "Soirée!");
            page.fill("#titleFr", "Soirée portes ouvertes");
            page.fill("#titleEn", "Open house night");
            page.fill("#startsAt", "2026-03-01T19:00");
            page.fill("#endsAt", "2026-03-01T21:00");
            page.check("input[name=services][value=admissions]");
            page.click("form.session-form button[type=submit]");
            assertThat(page.textContent("#slug-err")).contains("minuscules");
            assertThat(page.inputValue("#titleFr")).as("nothing typed is lost").isEqualTo("Soirée portes ouvertes");
            page.fill("#slug", "portes-ouvertes");
            page.click("form.session-form button[type=submit]");
            page.waitForURL("**/live/portes-ouvertes/moderate");
            assertThat(page.textContent("h1")).contains("Soirée portes ouvertes");
            page.click("a:has-text('Paramètres')");
            page.fill("#titleEn", "");
            page.click("form.session-form button[type=submit]");
            assertThat(page.textContent("#titleEn-err")).contains("titre en anglais");
            page.fill("#titleEn", "Open house — evening");
            page.click("form.session-form button[type=submit]");
            page.waitForURL("**/live/portes-ouvertes/moderate");
            page.navigate(node.baseUrl() + "/live/portes-ouvertes/moderate?lang=en");
            assertThat(page.textContent("h1")).contains("Open house — evening");
            page.navigate(node.baseUrl() + "/live");
            Browsers.screenshot(page, "live-sessions");
        }
    }
}
