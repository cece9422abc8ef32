package io.guichet.inbox;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The console's search screen: a French word typed without accents, the filters in the address, a label shown. */
class SearchScreenTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh());
    @AutoClose
    static final Browsers browsers = new Browsers();

    /** Two conversations, one of them labelled. */
    @BeforeAll
    static void seed() {
        PlaywrightAssertions.setDefaultAssertionTimeout(30_000); // a loaded machine answers slowly, not wrongly
        Api api = node.api();
        Cegep cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        String id = api.startConversation(api.visitor("Marc Côté"), Cegep.ADMISSIONS, "Mon fils est élève de 5e secondaire, peut-il s’inscrire?")
                .text("conversationId");
        api.startConversation(api.visitor("Inès Bérubé"), Cegep.AIDE_FINANCIERE, "Quand arrive la bourse d’études?");
        String label = api.post("/api/v1/labels", cegep.admin, Map.of("name", "Secondaire 5", "colour", "#2e86c1")).text("id");
        api.put("/api/v1/conversations/" + id + "/labels/" + label, cegep.jérôme, Map.of());
    }

    /**
     * Under load htmx may not be running yet when the field is filled, so the search is submitted with Enter: the form
     * then works with htmx (a fragment and a pushed address) or without it (a plain GET). Every wait is a Locator's or
     * an address's, never a fixed time.
     */
    @Test
    void aWordTypedWithoutAccentsFindsTheConversationAndTheAddressKeepsIt() {
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext ctx = browsers.person(width, 900, "fr-CA")) {
                Page page = Browsers.signIn(ctx, node.baseUrl(), "/console/search", Cegep.Persona.JEROME.email, Cegep.PASSWORD);
                Locator results = page.locator("#search-results");
                PlaywrightAssertions.assertThat(results).containsText("Marc Côté");
                PlaywrightAssertions.assertThat(results).containsText("Inès Bérubé");

                page.locator("#search-q").fill("eleve");
                page.locator("#search-q").press("Enter");
                // Polled, not awaited as a navigation: htmx changes the address with pushState.
                PlaywrightAssertions.assertThat(page).hasURL(node.baseUrl() + "/console/search?q=eleve"); // only the filters given
                PlaywrightAssertions.assertThat(results).not().containsText("Inès Bérubé");
                PlaywrightAssertions.assertThat(results).containsText("1 conversation trouvée.");
                assertThat(results.textContent()).contains("Marc Côté", "élève", "Secondaire 5");
                Browsers.screenshot(page, "inbox-search-" + width);
                assertThat(Browsers.problems(page, "inbox-search-" + width)).isEmpty();

                // Back returns to the search before it, forward to this one; the address opened anew shows the same results.
                page.goBack();
                PlaywrightAssertions.assertThat(page).hasURL(node.baseUrl() + "/console/search");
                PlaywrightAssertions.assertThat(results).containsText("Inès Bérubé");
                page.goForward();
                PlaywrightAssertions.assertThat(page).hasURL(node.baseUrl() + "/console/search?q=eleve");
                PlaywrightAssertions.assertThat(results).not().containsText("Inès Bérubé");
                page.navigate(node.baseUrl() + "/console/search?q=eleve");
                PlaywrightAssertions.assertThat(page.locator("#search-q")).hasValue("eleve");
                PlaywrightAssertions.assertThat(results).containsText("1 conversation trouvée.");

                page.navigate(node.baseUrl() + "/console/search?q=bourse&status=resolved");
                PlaywrightAssertions.assertThat(results).containsText("Aucune conversation ne correspond.");
                PlaywrightAssertions.assertThat(page.locator("#search-status")).hasValue("resolved");

                page.navigate(node.baseUrl() + "/console/search?to=pas-une-date");
                PlaywrightAssertions.assertThat(page.locator("#to-err")).containsText("La date de fin n’est pas valide");
                assertThat(Browsers.problems(page, "inbox-search-error-" + width)).isEmpty();

                page.navigate(node.baseUrl() + "/console/search?q=eleve");
                page.locator("#search-results a.search-hit").first().click();
                PlaywrightAssertions.assertThat(page).hasURL(java.util.regex.Pattern.compile(".*/console/c/.*"));
                PlaywrightAssertions.assertThat(page.locator(".thread")).containsText("élève de 5e secondaire");
            }
        }
    }
}
