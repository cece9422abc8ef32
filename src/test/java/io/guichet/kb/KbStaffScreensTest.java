package io.guichet.kb;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
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
 * A supervisor writes, previews, publishes and translates an article, then retires it — in Chromium. The list
 * pairs each article with its translation, finds words without their accents, and goes page by page.
 */
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
    void theListPairsTheTwoLanguagesFindsWordsWithoutAccentsAndGoesPageByPage() {
        Api api = node.api();
        String admin = api.adminToken();
        for (int i = 1; i <= 26; i++) {
            api.post("/api/v1/kb/articles", admin, Map.of("title", "Horaire de la session n° " + i, "body", "Les cours commencent le " + i + " août.",
                    "lang", "fr", "status", "published"));
        }
        String épreuve = api.post("/api/v1/kb/articles", admin, Map.of("title", "Réussir l’épreuve uniforme de français",
                "body", "L’épreuve a lieu en mai.", "lang", "fr", "status", "published")).text("id");
        api.post("/api/v1/kb/articles", admin, Map.of("title", "Passing the French exit exam", "body", "The exam is in May.",
                "lang", "en", "status", "draft", "translationOf", épreuve));
        String vélos = api.post("/api/v1/kb/articles", admin, Map.of("title", "Stationnement des vélos", "body", "Des supports sont près de l’entrée.",
                "lang", "fr", "status", "published", "tags", List.of("vélo"))).text("id");

        List<String> problems = new ArrayList<>();
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/kb/articles?q=horaire", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            assertThat(page.textContent("#kb-count")).startsWith("26 résultats");
            assertThat(page.locator(".kb-pairs tbody tr").count()).isEqualTo(25);
            assertThat(page.textContent(".pager")).contains("Page 1 sur 2");
            Browsers.shoot(page, "kb-staff-list-1440", problems);
            page.click(".pager a[rel=next]");
            page.waitForURL("**page=2**");
            assertThat(page.locator(".kb-pairs tbody tr").count()).isEqualTo(1);
            assertThat(page.textContent(".kb-pairs tbody")).contains("Horaire de la session n° 1");
            assertThat(page.inputValue("#f-q")).as("the search stays across pages").isEqualTo("horaire");

            page.fill("#f-q", "EPREUVE");
            page.click(".kb-filters button");
            var pair = page.locator(".kb-pairs tbody tr");
            assertThat(pair.count()).isEqualTo(1);
            assertThat(pair.locator("td[lang=fr]").textContent()).contains("Réussir l’épreuve uniforme de français", "Publié");
            assertThat(pair.locator("td[lang=en]").textContent()).contains("Passing the French exit exam", "Brouillon");

            page.fill("#f-q", "velo");
            page.check("input[name=untranslated]");
            page.click(".kb-filters button");
            assertThat(page.locator(".kb-pairs tbody tr").count()).isEqualTo(1);
            assertThat(page.getAttribute(".kb-pairs td[lang=en] a.kb-translate", "href")).isEqualTo("/kb/articles/new?translate=" + vélos);
            assertThat(page.textContent(".kb-pairs td[lang=en]")).contains("Traduire en anglais");
        }
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page page = Browsers.signIn(phone, node.baseUrl(), "/kb/articles?q=epreuve", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            Browsers.shoot(page, "kb-staff-list-390", problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void writePreviewPublishTranslateAndRetire() {
        try (BrowserContext desk = browsers.person(1366, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/kb/articles/new", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);

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
