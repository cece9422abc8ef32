package io.guichet.desk;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.FilePayload;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The sittings' CSV from a staff screen: a preview that writes nothing, then the import, in a real browser at 390 and 1440 px. */
class SittingImportScreenTest {
    static Browsers browsers;

    @BeforeAll
    static void start() {
        DeskTest.start();
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        DeskTest.stop();
    }

    static long sittings(String prefix) {
        return DeskTest.db.withHandle(h -> h.createQuery("SELECT count(*) FROM desk_sittings WHERE sitting_ref LIKE :p").bind("p", prefix + "%").mapTo(Long.class).one());
    }

    @Test
    void aSupervisorPreviewsTheFileThenImportsIt() {
        String csv = """
                Séance;Sigle;Titre;Début;Durée;Modalité;Faculté;Nom faculté;Bureau des examens;Relève;Courriel relève;Professeurs;Matricules
                ECR-1;CHM-201;Chimie organique;2026-12-02T09:00:00-05:00;180;à distance;sciences;Faculté des sciences;examens@univ-test.ca;Hélène Dubé;releve@univ-test.ca;Prof. Gaël Ménard <gael.menard@univ-test.ca>;2026001
                ECR-2;CHM-202;Chimie analytique;2026-12-02T13:00:00-05:00;120;sur le campus;sciences;Faculté des sciences;examens@univ-test.ca;;releve@univ-test.ca;Prof. Gaël Ménard <gael.menard@univ-test.ca>;
                ECR-3;CHM-203;Chimie =HYPERLINK("x");jamais;90;remote;sciences;Faculté des sciences;examens@univ-test.ca;;releve@univ-test.ca;Prof. Gaël Ménard <gael.menard@univ-test.ca>;
                """;
        FilePayload file = new FilePayload("séances.csv", "text/csv", csv.getBytes(StandardCharsets.UTF_8));
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            try (BrowserContext person = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(person, DeskTest.node.baseUrl(), "/desk/sittings/import", Cegep.Persona.JEROME.email, Cegep.PASSWORD);
                if (width == 390) {
                    page.click("button[value=preview]");
                    page.waitForSelector("#dk-import-error");
                    assertThat(page.textContent("#dk-import-error")).isEqualTo("Choisissez un fichier CSV.");
                    Browsers.shoot(page, "desk-import-nofile-390", problems);
                    continue;
                }
                page.setInputFiles("#dk-import-file", file);
                page.click("button[value=preview]");
                page.waitForSelector("#dk-import-summary");
                assertThat(page.textContent("#dk-import-summary")).isEqualTo("2 seraient créées, 0 est déjà là, 1 serait refusée.");
                assertThat(page.textContent("#dk-import-lines")).contains("ECR-3", "Serait refusée", "start");
                assertThat(sittings("ECR-")).as("a preview writes nothing").isZero();
                Browsers.shoot(page, "desk-import-preview-" + width, problems);
                page.click("button[value=import]");
                page.waitForSelector("#dk-import-summary:has-text('2 créées')");
                assertThat(sittings("ECR-")).isEqualTo(2);
                Browsers.shoot(page, "desk-import-done-" + width, problems);
            }
        }
        assertThat(problems).isEmpty();
        assertThat(DeskTest.api.get("/desk/sittings/import", DeskTest.cegep.élodie).status()).as("an agent").isEqualTo(403);
    }
}
