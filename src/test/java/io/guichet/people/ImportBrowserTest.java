package io.guichet.people;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A supervisor imports a spreadsheet in Chromium: chooses the file, reads the preview (an accent, a bad row),
 * imports, follows the progress to the report, and finds the person among the contacts; at a phone's and a
 * desktop's width, with no serious or critical axe-core violation.
 */
class ImportBrowserTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh());
    @AutoClose
    static final Browsers browsers = new Browsers();
    static Cegep cegep;

    static final String FILE = "\uFEFFPrénom;Nom;Courriel;Ville;Programme\n"
            + "Élodie;Marchand;elodie.marchand@exemple.ca;Montréal;<b>Sciences</b> de la nature\n"
            + "Rémi;Faux;remi-pas-de-courriel;Québec;Arts\n";

    @BeforeAll
    static void seed() {
        cegep = Cegep.on(node).withServices().withSupervisor();
    }

    @Test
    void aSupervisorPreviewsImportsAndReadsTheReportAtBothWidths() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/people/import", Cegep.Persona.JEROME.email, Cegep.PASSWORD);
                assertThat(page.locator("h1").textContent()).isEqualTo("Importer des contacts");
                Browsers.shoot(page, "import-upload-" + width, problems);

                page.locator("#imp-file").setInputFiles(new FilePayload("inscriptions-" + width + ".csv", "text/csv",
                        FILE.replace("elodie.marchand", "elodie.marchand" + width).getBytes(StandardCharsets.UTF_8)));
                page.locator("form[action='/people/import'] button[type=submit]").click();
                page.waitForSelector("#preview");
                assertThat(page.locator("#imp-summary").textContent()).contains("2 lignes", "UTF-8", "points-virgules");
                String preview = page.locator("#preview").innerText();
                assertThat(preview).contains("Élodie Marchand", "Nouveau contact", "Montréal", "<b>Sciences</b> de la nature");
                assertThat(page.locator("#preview b").count()).as("HTML in a cell is shown as text").isZero();
                assertThat(page.locator("tr.imp-rejected").innerText()).as("the reason in French, as the screen is")
                        .contains("Refusée", "Colonne « Courriel » : « remi-pas-de-courriel » n’est pas une adresse courriel valide.")
                        .doesNotContain("not valid");
                assertThat(page.locator("select[name^='col.']").first().inputValue()).isEqualTo("first_name");
                Browsers.shoot(page, "import-preview-" + width, problems);

                page.locator("form.imp-start button").click();
                page.waitForSelector("#imp-job:not([hx-get])");
                assertThat(page.locator(".imp-status").textContent()).contains("Terminée");
                assertThat(page.locator("#imp-imported").textContent()).isEqualTo("1");
                assertThat(page.locator("#imp-rejected").textContent()).isEqualTo("1");
                assertThat(page.locator("#rejected").innerText()).contains("3", "Colonne « Courriel » : « remi-pas-de-courriel » n’est pas une adresse courriel valide.");
                assertThat(page.locator("a[href$='/rejected.csv']").count()).isEqualTo(1);
                Browsers.shoot(page, "import-report-" + width, problems);
            }
        }
        assertThat(problems).as("serious or critical axe-core violations").isEmpty();
        Api.Response export = cegep.api.get("/api/v1/contacts/export?q=elodie.marchand1440", cegep.jérôme);
        assertThat(export.raw().body()).contains("Élodie Marchand", "Montréal");
    }

    /** The whole path of a list that arrives: import it, find the person, read what happened, merge the one already known. */
    @Test
    void anImportedPersonIsFoundItsTimelineReadAndItsDuplicateMerged() {
        cegep.api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", "Anaïs Bérubé", "city", "Rimouski", "emails", List.of("anais.b@maison.ca"),
                "programme", "Soins infirmiers"));
        String file = "Prénom,Nom,Courriel,Ville\nAnaïs,Bérubé,anais.berube@exemple.ca,Rimouski\n";
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/people/import", Cegep.Persona.JEROME.email, Cegep.PASSWORD);
            page.locator("#imp-file").setInputFiles(new FilePayload("salon-rimouski.csv", "text/csv", file.getBytes(StandardCharsets.UTF_8)));
            page.locator("form[action='/people/import'] button[type=submit]").click();
            page.waitForSelector("#preview");
            page.locator("form.imp-start button").click();
            page.waitForSelector("#imp-job:not([hx-get])");
            assertThat(page.locator("#imp-imported").textContent()).isEqualTo("1");

            page.navigate(node.baseUrl() + "/console/contacts?q=anais.berube");
            page.click("text=Anaïs Bérubé");
            page.waitForSelector("#contact-timeline .timeline-entry");
            assertThat(page.locator("#contact-timeline .timeline-entry p").first().textContent().strip())
                    .isEqualTo("Importé depuis le fichier « salon-rimouski.csv » par Jérôme Bélanger");
            assertThat(page.locator("#contact-duplicates .duplicate").textContent()).contains("Anaïs Bérubé", "même nom et même ville");
            page.click("#contact-duplicates a.button");
            page.waitForSelector(".merge-sides");
            page.click(".merge-confirm button.primary");
            page.waitForSelector("#contact-duplicates .notice");
            assertThat(page.textContent("#contact-duplicates .notice")).isEqualTo("Les fiches sont fusionnées.");
            assertThat(page.textContent("#contact-identities")).contains("anais.berube@exemple.ca", "anais.b@maison.ca");
            assertThat(page.textContent("#contact-details")).as("the known one's programme kept").contains("Soins infirmiers");
            Browsers.screenshot(page, "import-then-merge-1440");
        }
    }

    @Test
    void theTemplateFileIsOfferedAndImportsAsItIs() {
        Api.Response sample = cegep.api.get("/people/import/modele.csv", cegep.jérôme);
        assertThat(sample.status()).isEqualTo(200);
        assertThat(sample.raw().body()).startsWith("\uFEFFPrénom;Nom;Courriel");
        Api.Response dry = cegep.api.postBytes("/api/v1/contacts/import?dryRun=true", cegep.jérôme, "text/csv",
                sample.raw().body().getBytes(StandardCharsets.UTF_8));
        assertThat(dry.json().path("rejected")).as(dry.json().toString()).isEmpty();
        assertThat(dry.json().path("imported").asInt()).isEqualTo(7);
    }

    @Test
    void anAgentDoesNotOpenTheImportScreen() {
        String élodie = cegep.api.createStaff(cegep.admin, "elodie@cegep-test.qc.ca", "Élodie Tremblay", "agent", 3, Cegep.ADMISSIONS);
        assertThat(cegep.api.get("/people/import", élodie).status()).isEqualTo(403);
    }
}
