package io.guichet.kb;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Browsers;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A supervisor writes, previews, publishes and translates an article, then retires it — in Chromium. */
class KbStaffScreensTest {
    static TestNode node;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        node.api().createService(node.api().adminToken(), "vie-etudiante", "Vie étudiante");
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    @Test
    void writePreviewPublishTranslateAndRetire() {
        try (BrowserContext desk = browsers.person(1366, 900, "fr-CA")) {
            Page page = desk.newPage();
            page.navigate(node.baseUrl() + "/login?next=/kb/articles");
            Browsers.logIn(page, TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            page.navigate(node.baseUrl() + "/kb/articles/new");

            page.fill("#body", "Le **casier** se loue dans Omnivox.\n\n<script>alert('x')</script>");
            page.waitForSelector("#preview strong");
            assertThat(page.textContent("#preview")).contains("casier", "<script>alert('x')</script>");
            page.click("button[value=publish]");
            page.waitForSelector("#title-err");
            assertThat(page.textContent("#title-err")).isEqualTo("Ce champ est obligatoire.");
            assertThat(page.inputValue("#body")).as("nothing typed is lost").startsWith("Le **casier**");

            page.fill("#title", "Louer un casier à l’école");
            page.selectOption("#service", "vie-etudiante");
            page.fill("#tags", "casier, cadenas");
            page.click("button[value=publish]");
            page.waitForSelector(".notice");
            assertThat(page.textContent(".notice")).isEqualTo("Article enregistré.");
            assertThat(page.textContent(".kb-revisions")).contains("Version 1", "Publié", "Administrateur·rice");
            Browsers.screenshot(page, "kb-staff-article");

            page.click("text=Traduire dans l’autre langue");
            page.waitForURL("**/kb/articles/new?translate=*");
            assertThat(page.inputValue("#lang")).isEqualTo("en");
            page.fill("#title", "Renting a locker");
            page.fill("#body", "Lockers are rented in Omnivox.");
            page.click("button[value=publish]");
            page.waitForSelector(".notice");
            page.click("text=Ouvrir la traduction");
            page.waitForSelector("#title");
            assertThat(page.inputValue("#title")).isEqualTo("Louer un casier à l’école");

            page.navigate(node.baseUrl() + "/aide?q=casier");
            assertThat(page.textContent(".results")).contains("Louer un casier à l’école");
            page.click(".result-title");
            page.waitForSelector("#article-title");
            assertThat(page.textContent(".article-body")).contains("<script>alert('x')</script>");
            assertThat(page.locator("a[hreflang=en]").last().getAttribute("href")).startsWith("/help/");

            page.navigate(node.baseUrl() + "/kb/articles");
            Browsers.screenshot(page, "kb-staff-list");
            page.click("text=Louer un casier à l’école");
            page.click("button[value=retire]");
            page.waitForSelector(".notice");
            assertThat(page.textContent(".kb-head .badge")).isEqualTo("Retiré");
            page.navigate(node.baseUrl() + "/aide?q=casier");
            assertThat(page.textContent("#results")).contains("Aucun article ne correspond à « casier »");
        }
    }
}
