package io.guichet.inbox;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator sets up a service and an agent from the screens, and bad input is explained in place. */
class AdminScreensTest {
    static TestNode node;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        Api api = node.api();
        String admin = api.adminToken();
        api.createService(admin, "admissions", "Admissions");
        // Names a plain sort puts in the wrong order: the accented É after Z, Ève after every E.
        for (String[] s : new String[][] {{"zoologie", "Zoologie"}, {"francisation", "Francisation"}, {"eve", "Ève — entraide"},
                {"education", "Éducation des adultes"}, {"emploi", "Emploi"}}) {
            api.createService(admin, s[0], s[1]);
        }
        for (String[] p : new String[][] {{"francois.roy", "François Roy"}, {"eve.lachance", "Ève Lachance"}, {"elodie.tremblay", "Élodie Tremblay"}}) {
            api.createStaff(admin, p[0] + "@cegep-test.qc.ca", p[1], "agent", 3, "admissions");
        }
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    @Test
    void anAdministratorCreatesAServiceAndAnAgent() {
        try (BrowserContext admin = browsers.person(1366, 900, "fr-CA")) {
            Page page = Browsers.signIn(admin, node.baseUrl(), "/admin/services", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);

            page.fill("#new-slug", "admissions");
            page.fill("#new-nameFr", "Encore les admissions");
            page.fill("#new-nameEn", "Admissions again");
            page.click("form:has(#new-slug) button[type=submit]");
            assertThat(page.waitForSelector("form:has(#new-slug) .form-error, form:has(#new-slug) .field-error").textContent())
                    .contains("Un service utilise déjà cet identifiant");
            assertThat(page.inputValue("#new-nameFr")).as("what was typed is kept").isEqualTo("Encore les admissions");

            page.fill("#new-slug", "vie-etudiante");
            page.fill("#new-nameFr", "Vie étudiante");
            page.fill("#new-nameEn", "Student life");
            page.click("form:has(#new-slug) button[type=submit]");
            page.waitForSelector("text=Vie étudiante");
            Browsers.screenshot(page, "admin-services");
            assertThat(page.locator(".service-card .svc-name").allTextContents()).as("sorted as a French reader sorts")
                    .containsExactly("Admissions", "Éducation des adultes", "Emploi", "Ève — entraide", "Francisation", "Vie étudiante", "Zoologie");

            page.navigate(node.baseUrl() + "/admin/staff");
            page.fill("#new-email", "zoe.gagne@cegep-test.qc.ca");
            page.fill("#new-name", "Zoé Gagné");
            page.fill("#new-password", "un-mot-de-passe-long");
            page.selectOption("#new-lang", "en");
            page.check("form:has(#new-email) input[name=services][value=vie-etudiante]");
            page.click("form:has(#new-email) button[type=submit]");
            page.waitForSelector("text=Zoé Gagné");
            Browsers.screenshot(page, "admin-staff");
            assertThat(page.locator(".staff-card .staff-id .svc-name").allTextContents()).as("sorted as a French reader sorts")
                    .containsExactly("Administrateur·rice", "Élodie Tremblay", "Ève Lachance", "François Roy", "Zoé Gagné");

            try (BrowserContext zoe = browsers.person(1366, 900, "fr-CA")) {
                Page console = Browsers.signIn(zoe, node.baseUrl(), "/console", "zoe.gagne@cegep-test.qc.ca", "un-mot-de-passe-long");
                assertThat(console.getAttribute("html", "lang")).as("her account's language, not her browser's").isEqualTo("en");
            }
            page.click("details:has-text('Zoé Gagné') > summary");
            String langField = "details:has-text('Zoé Gagné') select[name=lang]";
            assertThat(page.inputValue(langField)).isEqualTo("en");
            page.selectOption(langField, "fr");
            page.click("details:has-text('Zoé Gagné') form:has(select[name=lang]) button[type=submit]");
            page.waitForURL("**saved=1**");
            assertThat(page.inputValue(langField)).isEqualTo("fr");

            String token = node.api().login("zoe.gagne@cegep-test.qc.ca", "un-mot-de-passe-long");
            var visitor = node.api().visitor("Test");
            node.api().startConversation(visitor, "vie-etudiante", "Club de robotique?");
            assertThat(node.api().get("/api/v1/conversations?status=waiting", token).json().toString()).contains("Club de robotique?");
        }
    }

    @Test
    void theStaffFormShowsEveryErrorAtOnceNextToItsField() {
        try (BrowserContext admin = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(admin, node.baseUrl(), "/admin/staff", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            page.fill("#new-email", "pas-une-adresse");
            page.fill("#new-name", "");
            page.fill("#new-password", "court");
            page.fill("#new-max", "0");
            page.click("form:has(#new-email) button[type=submit]");
            page.waitForSelector("form:has(#new-email) .field-error");
            var form = page.locator("form:has(#new-email)");
            assertThat(form.locator(".field-error").allTextContents()).containsExactly(
                    "Entrez une adresse courriel valide.", "Le nom est requis.",
                    "Le mot de passe doit avoir de 10 à 200 caractères.", "Entrez un nombre de 1 à 100.");
            for (String field : new String[]{"#new-email", "#new-name", "#new-password", "#new-max"}) {
                assertThat(page.getAttribute(field, "aria-invalid")).as(field).isEqualTo("true");
            }
            assertThat(page.getAttribute("#new-role", "aria-invalid")).isNull();
            assertThat(page.inputValue("#new-email")).as("what was typed is kept").isEqualTo("pas-une-adresse");
            assertThat(page.inputValue("#new-max")).isEqualTo("0");
            Browsers.screenshot(page, "admin-staff-errors-1440");
            assertThat(Browsers.problems(page, "the staff form's errors")).isEmpty();
            assertThat(page.locator(".staff-card .staff-id .svc-name").allTextContents()).as("nothing was created")
                    .doesNotContain("pas-une-adresse");
        }
    }

    @Test
    void theServicesListTellsHoursAndOpenNowAndEveryErrorOfAFormAtOnce() {
        try (BrowserContext admin = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(admin, node.baseUrl(), "/admin/services", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            var card = page.locator("#service-" + id("zoologie"));
            assertThat(card.locator(".svc-hours").textContent()).isEqualTo("Toujours ouvert (aucune heure fixée)");
            assertThat(card.locator(".badge-open").textContent()).isEqualTo("Ouvert maintenant");

            card.locator("summary").first().click();
            card.locator("input[name=nameFr]").fill("");
            card.locator("input[name=languages][value=fr]").uncheck();
            card.locator("input[name=languages][value=en]").uncheck();
            for (int d = 1; d <= 5; d++) {
                card.locator("input[name=open_" + d + "]").check();
                card.locator("input[name=opens_" + d + "]").fill("08:30");
                card.locator("input[name=closes_" + d + "]").fill("16:30");
            }
            card.locator("input[name=closes_2]").fill("07:00");
            card.locator("input[name=closes_4]").fill("08:30");
            card.locator("form[action$='" + id("zoologie") + "'] button[type=submit]").click();
            page.waitForSelector("#service-" + id("zoologie") + " .field-error");
            card = page.locator("#service-" + id("zoologie"));
            assertThat(card.locator(".field-error").allTextContents()).containsExactly(
                    "Le nom en français est requis (80 caractères au plus).", "Choisissez au moins une langue.",
                    "Vérifiez les heures : la fermeture doit suivre l’ouverture.",
                    "Vérifiez les heures : la fermeture doit suivre l’ouverture.");
            assertThat(card.locator("input[name=closes_2]").getAttribute("aria-invalid")).isEqualTo("true");
            assertThat(card.locator("input[name=closes_3]").getAttribute("aria-invalid")).isNull();
            assertThat(card.locator("input[name=closes_2]").inputValue()).as("what was typed is kept").isEqualTo("07:00");
            assertThat(card.locator("input[name=open_5]").isChecked()).isTrue();
            card.locator(".hours-table").scrollIntoViewIfNeeded();
            Browsers.screenshot(page, "admin-services-errors-1440");
            assertThat(Browsers.problems(page, "the services' errors")).isEmpty();

            card.locator("input[name=nameFr]").fill("Zoologie");
            card.locator("input[name=languages][value=fr]").check();
            card.locator("input[name=closes_2]").fill("16:30");
            card.locator("input[name=closes_4]").fill("12:00");
            card.locator("form[action$='" + id("zoologie") + "'] button[type=submit]").click();
            page.waitForURL("**saved=1**");
            card = page.locator("#service-" + id("zoologie"));
            assertThat(card.locator(".svc-hours").textContent()).isEqualTo("lun.–mer. 8 h 30–16 h 30 · jeu. 8 h 30–12 h · ven. 8 h 30–16 h 30");

            // Closed today: the list, the public list and the widget's "answers on" say so.
            String today = (String) page.evaluate("document.querySelector('#service-" + id("emploi") + " input[name=day]').min");
            var emploi = page.locator("#service-" + id("emploi"));
            emploi.locator("summary").first().click();
            emploi.locator("input[name=day]").fill(today);
            emploi.locator("input[name=label]").fill("Journée pédagogique");
            emploi.locator("form.closure-add button[type=submit]").click();
            page.waitForURL("**saved=1**");
            emploi = page.locator("#service-" + id("emploi"));
            assertThat(emploi.locator(".badge-closed").textContent()).isEqualTo("Fermé maintenant");
            assertThat(emploi.locator(".closure-list li").first().textContent()).contains("Journée pédagogique");
            var listed = node.api().get("/api/v1/services", null).json().path("services");
            for (var s : listed) {
                if (s.path("slug").asText().equals("emploi")) {
                    assertThat(s.path("open").asBoolean()).isFalse();
                    assertThat(s.path("opensAt").asText()).as("tomorrow, not today").doesNotStartWith(today);
                }
            }
            Browsers.screenshot(page, "admin-services-closure-1440");
            emploi.locator(".closure-list button").first().click();
            page.waitForURL("**saved=1**");
            assertThat(page.locator("#service-" + id("emploi") + " .badge-open").count()).isEqualTo(1);
        }
    }

    @Test
    void eachServiceHasItsSnippetToCopyAndItsWidgetToTry() {
        for (int width : new int[] {390, 1440}) {
            try (BrowserContext admin = browsers.person(width, 900, "fr-CA")) {
                admin.grantPermissions(java.util.List.of("clipboard-read", "clipboard-write"));
                Page page = Browsers.signIn(admin, node.baseUrl(), "/admin/services", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
                var card = page.locator("#service-" + id("admissions"));
                card.locator("summary").first().click();
                String snippet = card.locator(".snippet-code").inputValue();
                assertThat(snippet).isEqualTo("<script src=\"" + node.baseUrl() + "/widget.js\" data-service=\"admissions\" async></script>");
                assertThat(card.locator(".copy-status").textContent()).isEmpty(); // nothing said before the copy
                card.locator("button[data-copy]").click();
                page.waitForCondition(() -> "Copié".equals(card.locator(".copy-status").textContent()));
                assertThat((String) page.evaluate("navigator.clipboard.readText()")).isEqualTo(snippet);

                card.locator(".embed-preview > summary").click();
                var frame = page.frameLocator("#service-" + id("admissions") + " .embed-preview iframe");
                frame.locator("#guichet-panel[data-service=admissions]").waitFor();
                card.locator(".embed").scrollIntoViewIfNeeded();
                Browsers.screenshot(page, "admin-services-embed-" + width);
                assertThat(Browsers.problems(page, "the embed snippet at " + width, ".embed-preview iframe")).isEmpty();
            }
        }
    }

    private static long id(String slug) {
        for (var s : node.api().get("/api/v1/services", null).json().path("services")) {
            if (s.path("slug").asText().equals(slug)) return s.path("id").asLong();
        }
        throw new AssertionError("no service " + slug);
    }
}
