package io.guichet.platform.web;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Error pages as people meet them: a visitor's 404 in the help centre's look, its search box first and
 * every word in the page's language (the address's for the help centre), no way to the staff login;
 * staff's 404 and 403 inside the staff shell.
 */
class ErrorPagesBrowserTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh());
    @AutoClose
    static final Browsers browsers = new Browsers();

    @BeforeAll
    static void seed() {
        Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE);
    }

    @Test
    void aPublicNotFoundStaysInTheHelpCentreInItsOwnLanguage() {
        for (int width : new int[] {390, 1440}) {
            try (BrowserContext french = browsers.person(width, 900, "fr-CA")) {
                Page page = french.newPage();
                Response r = page.navigate(node.baseUrl() + "/help/999999-no-such-article");
                assertThat(r.status()).isEqualTo(404);
                assertThat(page.getAttribute("html", "lang")).as("the address says English").isEqualTo("en");
                assertThat(page.textContent("h1")).isEqualTo("Page not found");
                String text = page.textContent("body");
                assertThat(text).contains("This page was not found.", "Search the help centre")
                        .doesNotContain("Une erreur", "introuvable", "Article not found");
                assertThat(page.locator("form[role=search] input#q").isVisible()).isTrue();
                assertThat(page.locator("a[href*='login'], a[href='/'], a[href^='/console']").count()).as("no way to the staff login").isZero();
                Browsers.screenshot(page, "error-404-help-" + width);
                assertThat(Browsers.problems(page, "public 404 at " + width)).isEmpty();

                page.fill("#q", "inscription");
                page.press("#q", "Enter");
                // The field's live search puts the same address in the bar before the submitted page arrives: wait for
                // that page itself, or the next navigation would interrupt it.
                page.waitForCondition(() -> shownDocument(page).endsWith("/help?q=inscription"));
                page.waitForLoadState();

                Response aide = page.navigate(node.baseUrl() + "/aide/999999-rien");
                assertThat(aide.status()).isEqualTo(404);
                assertThat(page.textContent("h1")).isEqualTo("Page introuvable");
                assertThat(page.getAttribute("html", "lang")).isEqualTo("fr");
                assertThat(page.textContent("body")).contains("Cette page est introuvable.", "Cherchez une réponse")
                        .doesNotContain("not found", "Search the help centre");
                assertThat(page.locator("form[role=search] input#q").isVisible()).isTrue();
                Browsers.screenshot(page, "error-404-aide-" + width);
                assertThat(Browsers.problems(page, "public French 404 at " + width)).isEmpty();
            }
        }
        try (BrowserContext english = browsers.person(390, 844, "en-CA")) {
            Page page = english.newPage();
            Response r = page.navigate(node.baseUrl() + "/nowhere/at-all");
            assertThat(r.status()).isEqualTo(404);
            assertThat(page.textContent("h1")).isEqualTo("Page not found");
            assertThat(page.locator("form[role=search]").count()).isEqualTo(1);
            assertThat(page.textContent("body")).doesNotContain("introuvable", "Une erreur");
        }
    }

    @Test
    void staffErrorsAreDrawnInTheStaffShell() {
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/console", Cegep.Persona.ELODIE.email, Cegep.PASSWORD);

            Response missing = page.navigate(node.baseUrl() + "/live/soiree-inconnue/moderate");
            assertThat(missing.status()).isIn(403, 404);
            assertThat(page.locator(".topbar").count()).as("the staff shell").isEqualTo(1);
            assertThat(page.textContent("body")).contains(Cegep.Persona.ELODIE.fullName);

            Response forbidden = page.navigate(node.baseUrl() + "/admin/services");
            assertThat(forbidden.status()).isEqualTo(403);
            assertThat(page.textContent("h1")).isEqualTo("Accès refusé");
            assertThat(page.textContent("main")).contains("Votre rôle ne permet pas de faire cela.").doesNotContain("Only");
            assertThat(page.locator(".topbar").count()).isEqualTo(1);
            Browsers.screenshot(page, "error-403-staff-1440");
            assertThat(Browsers.problems(page, "staff 403")).isEmpty();

            page.setViewportSize(390, 844);
            page.reload();
            Browsers.screenshot(page, "error-403-staff-390");
            assertThat(Browsers.problems(page, "staff 403 on a phone")).isEmpty();

            Response unknown = page.navigate(node.baseUrl() + "/console/nothing-here");
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(page.textContent("h1")).isEqualTo("Page introuvable");
            assertThat(page.locator(".topbar").count()).isEqualTo(1);
            Browsers.screenshot(page, "error-404-staff-390");
            assertThat(Browsers.problems(page, "staff 404 on a phone")).isEmpty();
            page.setViewportSize(1440, 900);
            Browsers.screenshot(page, "error-404-staff-1440");
        }
    }

    /** The address of the document the page shows (not the one the history API wrote in the bar); empty between two. */
    private static String shownDocument(Page page) {
        try {
            return (String) page.evaluate("performance.getEntriesByType('navigation')[0].name");
        } catch (com.microsoft.playwright.PlaywrightException e) {
            return "";
        }
    }
}
