package io.guichet.live;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.LoadState;
import com.microsoft.playwright.options.WaitForSelectorState;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.QrDecoder;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The moderator's safety nets and the big screen, in Chromium: approve all, a dismissal undone from its
 * toast (which waits while it has the focus) and another restored from the closed list, the end of the session confirmed in a dialog (Escape
 * cancels); the presenter's QR code read back as the join address, answers shown with who gave them
 * ("Réponse d’Hélène"), people present counted in words; a merged question told to its asker.
 */
class LiveModerationBrowserTest {
    static final String PASSWORD = "un-mot-de-passe-long";
    static LiveFixtures live;
    static TestNode node;
    static Api api;
    static Browsers browsers;
    static String hélène;

    @BeforeAll
    static void start() {
        live = LiveFixtures.start();
        node = live.node;
        api = live.api;
        live.cegep.withSupervisor(); // Jérôme Bélanger moderates
        hélène = api.createStaff(live.admin, "helene@cegep-test.qc.ca", "Hélène Roy", "supervisor", 10);
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        live.close();
    }

    @Test
    void approveAllThenADismissalUndoneAnotherRestoredAndTheEndConfirmed() {
        String slug = live.session("soiree-moderation", "pre", true, Map.of());
        live.ask(api.visitor("Zoé"), slug, "Où se trouve la cafétéria?");
        live.ask(api.visitor("Noé"), slug, "Peut-on visiter les laboratoires?");
        live.ask(api.visitor("Ève"), slug, "Y a-t-il un service de garde?");
        Api.Response secret = api.post("/api/v1/live/" + slug + "/questions", api.visitor("Yves"), Map.of("body",
                "Mes parents sont séparés : quel revenu compte?", "visibility", "private", "service", "aide-financiere",
                "clientId", UUID.randomUUID().toString()));
        assertThat(secret.status()).isEqualTo(201);
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page moderator = Browsers.signIn(desk, node.baseUrl(), "/live/" + slug + "/moderate", Cegep.Persona.JEROME.email, PASSWORD);
            assertThat(moderator.textContent(".private-count")).contains("1 question privée, répondue dans la boîte de réception");
            assertThat(moderator.getAttribute(".private-count a", "href")).isEqualTo("/console?view=all");

            moderator.click("button:has-text('Tout approuver (3)')");
            moderator.waitForSelector("#pending-title .count:text-is('0')");
            moderator.waitForSelector("#wall-title .count:text-is('3')");
            assertThat(api.get("/api/v1/live/" + slug + "/questions", null).json().path("questions").size()).isEqualTo(3);

            // Rejeter, then Annuler in the toast: the question is back on the wall, the toast gone.
            card(moderator, "cafétéria").locator("button:has-text('Rejeter')").click();
            Locator toast = moderator.locator("#undo-toast .toast");
            toast.waitFor();
            assertThat(toast.textContent()).contains("Question rejetée.");
            assertThat((Boolean) moderator.evaluate("document.activeElement.textContent.trim() === 'Annuler'"))
                    .as("the undo is where the keyboard is").isTrue();
            moderator.waitForSelector("#wall-title .count:text-is('2')");
            Browsers.screenshot(moderator, "live-moderation-undo-1440");
            assertThat(Browsers.problems(moderator, "moderation with the undo toast")).isEmpty();
            moderator.keyboard().press("Enter");
            moderator.waitForSelector("#wall-title .count:text-is('3')");
            toast.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED));
            assertThat(api.get("/api/v1/live/" + slug + "/questions", null).json().toString()).contains("cafétéria");

            // Dismissed and left: it waits among the closed ones, and Restaurer brings it back. The board's refresh
            // that follows the undo lands first: it puts the restored question back above, moving the buttons.
            moderator.waitForLoadState(LoadState.NETWORKIDLE);
            card(moderator, "laboratoires").locator("button:has-text('Rejeter')").click();
            toast.waitFor();
            moderator.click("h1"); // the moderator moves on: the toast leaves a few seconds later
            toast.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.DETACHED).setTimeout(30_000));
            moderator.click("details.closed summary");
            Locator dismissed = moderator.locator("details.closed .q-card:has(.q-body:has-text('laboratoires'))");
            assertThat(dismissed.textContent()).contains("Rejetée");
            dismissed.locator("button:has-text('Restaurer')").click();
            moderator.waitForSelector("#wall-title .count:text-is('3')");
            assertThat(moderator.locator("details.closed").count()).isZero();

            // Terminer la soirée asks first; Escape keeps the session going, the focus back on the button.
            moderator.click(".bar-actions button:has-text('Terminer la soirée')");
            Locator dialog = moderator.locator("#end-dialog");
            dialog.waitFor();
            assertThat(dialog.textContent()).contains("Le mur n’acceptera plus de questions ni de votes.");
            Browsers.screenshot(moderator, "live-moderation-confirm-end-1440");
            assertThat(Browsers.problems(moderator, "moderation confirming the end")).isEmpty();
            moderator.keyboard().press("Escape");
            dialog.waitFor(new Locator.WaitForOptions().setState(WaitForSelectorState.HIDDEN));
            assertThat(moderator.textContent("#phase")).isEqualTo("En direct");
            assertThat((Boolean) moderator.evaluate("document.activeElement.textContent.trim() === 'Terminer la soirée'")).isTrue();
            assertThat(api.get("/api/v1/live/" + slug, null).text("phase")).isEqualTo("live");

            moderator.keyboard().press("Enter");
            dialog.waitFor();
            moderator.keyboard().press("Tab"); // from "Continuer la soirée" to the confirmation
            moderator.keyboard().press("Enter");
            moderator.waitForSelector("#phase:text-is('Terminée')");
            assertThat(api.get("/api/v1/live/" + slug, null).text("phase")).isEqualTo("ended");
        }
    }

    @Test
    void theModerationBoardFitsAPhoneWithItsToast() {
        String slug = live.session("soiree-telephone", "post", true, Map.of());
        live.published(api.visitor("Zoé"), slug, "Où est le stationnement des visiteurs?");
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page moderator = Browsers.signIn(phone, node.baseUrl(), "/live/" + slug + "/moderate", Cegep.Persona.JEROME.email, PASSWORD);
            card(moderator, "stationnement").locator("button:has-text('Rejeter')").click();
            moderator.locator("#undo-toast .toast").waitFor();
            Browsers.screenshot(moderator, "live-moderation-undo-390");
            assertThat(Browsers.problems(moderator, "moderation on a phone with the undo toast")).isEmpty();
            moderator.click(".bar-actions button:has-text('Terminer la soirée')");
            moderator.locator("#end-dialog").waitFor();
            Browsers.screenshot(moderator, "live-moderation-confirm-end-390");
        }
    }

    @Test
    void thePresenterShowsTheJoinAddressAsAQrCodeAndTheAnswersWithWhoGaveThem() {
        String slug = live.session("soiree-ecran", "post", true, Map.of());
        String cafeteria = live.published(api.visitor("Zoé"), slug, "Où se trouve la cafétéria?");
        for (String name : new String[] {"Noé", "Ève", "Yves", "Léa", "Mathis", "Inès"}) live.vote(api.visitor(name), slug, cafeteria);
        assertThat(api.post("/api/v1/live/" + slug + "/questions/" + cafeteria + "/answer", hélène,
                Map.of("body", "Au pavillon François-Xavier, près de l’entrée.")).status()).isEqualTo(200);
        String parking = live.published(api.visitor("Zoé"), slug, "Où est le stationnement des visiteurs?");
        api.post("/api/v1/live/" + slug + "/questions/" + parking + "/answer", live.cegep.jérôme, Map.of("body", "Derrière le pavillon B, gratuit le soir."));

        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA");
             BrowserContext zoéPhone = browsers.person(390, 844, "fr-CA");
             BrowserContext samPhone = browsers.person(390, 844, "en-CA")) {
            Page presenter = Browsers.signIn(desk, node.baseUrl(), "/live/" + slug + "/present", Cegep.Persona.JEROME.email, PASSWORD);
            presenter.waitForSelector(".present-answered");

            String join = presenter.getAttribute("#join-url", "href");
            assertThat(join).endsWith("/e/" + slug);
            assertThat(presenter.textContent("#join-url")).isEqualTo(join.replaceFirst("^https?://", ""));
            byte[] qr = presenter.locator(".present-qr svg").screenshot();
            assertThat(QrDecoder.decodePng(qr)).as("a phone scanning the big screen lands on the wall").isEqualTo(join);

            String board = presenter.textContent("#present-board");
            assertThat(board).doesNotContain("Aucune question pour l’instant.")
                    .contains("Déjà répondues", "Toutes les questions ont une réponse.", "Où se trouve la cafétéria?",
                            "Réponse d’Hélène Roy", "Au pavillon François-Xavier", "Réponse de Jérôme Bélanger");
            assertThat(presenter.textContent(".present-answered [data-votes-for='" + cafeteria + "']")).isEqualTo("6");
            assertThat(presenter.textContent(".present-foot")).contains("0 personne présente");

            // People arrive: the count says it in words, singular then plural.
            Page zoé = zoéPhone.newPage();
            zoé.navigate(node.baseUrl() + "/e/" + slug);
            presenter.waitForSelector(".present-foot :text('1 personne présente')", new Page.WaitForSelectorOptions().setTimeout(15_000));
            zoé.waitForSelector("#present-count:text('1 personne présente')", new Page.WaitForSelectorOptions().setTimeout(15_000));
            Page sam = samPhone.newPage();
            sam.navigate(node.baseUrl() + "/e/" + slug + "?lang=en");
            presenter.waitForSelector(".present-foot :text('2 personnes présentes')", new Page.WaitForSelectorOptions().setTimeout(15_000));
            sam.waitForSelector("#present-count:text('2 people present')", new Page.WaitForSelectorOptions().setTimeout(15_000));
            Browsers.screenshot(presenter, "live-presenter-1440");
            assertThat(Browsers.problems(presenter, "presenter")).isEmpty();

            // The wall names who answered, in each language; highlighted and answered, its vote buttons pass axe.
            live.staff(slug, cafeteria, "highlight", Map.of());
            zoé.waitForSelector("#wall li.is-highlighted .wq-answer strong:text-is('Réponse d’Hélène Roy')");
            sam.waitForSelector("#wall li.is-highlighted .wq-answer strong:text-is('Answer from Hélène Roy')");
            assertThat(zoé.textContent("#wall li:has-text('stationnement') .wq-answer strong")).isEqualTo("Réponse de Jérôme Bélanger");
            assertThat(zoé.locator("#wall li.is-highlighted button.vote").getAttribute("aria-label")).isNull();
            assertThat(zoé.locator("#wall li.is-highlighted button.vote").textContent()).startsWith("▲6").contains("votes, Voter pour cette question");
            zoé.locator("#wall-section").scrollIntoViewIfNeeded();
            Browsers.screenshot(zoé, "live-wall-answered-by-390");
            assertThat(Browsers.problems(zoé, "wall with a highlighted, answered question")).isEmpty();
            assertThat(Browsers.problems(sam, "English wall with a highlighted, answered question")).isEmpty();

            presenter.setViewportSize(390, 844);
            presenter.waitForSelector(".present-question:has-text('cafétéria')");
            Browsers.screenshot(presenter, "live-presenter-390");
            assertThat(Browsers.problems(presenter, "presenter on a phone")).isEmpty();
        }
    }

    @Test
    void aMergedQuestionSaysSoToItsAsker() {
        String slug = live.session("soiree-fusion", "post", true, Map.of());
        String kept = live.published(api.visitor("Noé"), slug, "Quand ouvre la résidence étudiante?");
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page zoé = phone.newPage();
            zoé.navigate(node.baseUrl() + "/e/" + slug);
            zoé.fill("#q-body", "La résidence ouvre à quelle date?");
            zoé.click("#ask-form button[type=submit]");
            zoé.waitForSelector("#mine-list :text('Publiée sur le mur')");
            String mine = api.get("/api/v1/live/" + slug + "/questions?sort=new", null).json().path("questions").get(0).path("id").asText();
            assertThat(live.staff(slug, mine, "merge", Map.of("into", kept)).status()).isEqualTo(200);
            zoé.waitForSelector("#mine-list :text('Fusionnée')");
            assertThat(zoé.textContent("#mine-list")).contains("réunie à une question semblable du mur, où vos votes comptent",
                    "Quand ouvre la résidence étudiante?").doesNotContain("Non retenue");
            zoé.locator("#mine").scrollIntoViewIfNeeded();
            Browsers.screenshot(zoé, "live-wall-merged-390");
        }
    }

    private static Locator card(Page moderator, String text) {
        return moderator.locator(".q-card:has(.q-body:has-text('" + text + "'))");
    }
}
