package io.guichet.staffing;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Jérôme plans the exam period on the screen: every error at once first, then the period, then an overlap refused. */
class PeriodScreensTest {
    static TestNode node;
    static Cegep cegep;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_TIME_ZONE", "America/Toronto"));
        cegep = Cegep.on(node).withServices().withSupervisor();
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    @Test
    void aLeadPlansAPeriodReadingEveryErrorAtOnce() {
        LocalDate monday = Rotas.mondayOf(LocalDate.now(ZoneId.of("America/Toronto"))).plusWeeks(1);
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/staffing/periods", Cegep.Persona.JEROME.email, Cegep.PASSWORD);
                page.selectOption("#service", width == 1440 ? "soutien-informatique" : "admissions");
                page.fill("#labelEn", "x".repeat(81));
                page.fill("#closes", "06:00");
                page.click("form[action='/staffing/periods'] button[type=submit]");
                page.waitForSelector(".field-error");
                assertThat(page.locator(".field-error").allTextContents()).containsExactly(
                        "Entrez un nom en français d’au plus 80 caractères, sans caractère de contrôle.",
                        "Entrez un nom en anglais d’au plus 80 caractères, sans caractère de contrôle, ou laissez le champ vide.",
                        "Entrez le premier jour de la période.",
                        "Entrez un dernier jour au plus tôt le premier jour, aujourd’hui ou plus tard, et au plus 366 jours après le début.",
                        "Cochez au moins un jour et donnez une fermeture après l’ouverture, ou cochez « Fermé ».");
                assertThat(page.inputValue("#closes")).as("what was typed is kept").isEqualTo("06:00");
                Browsers.shoot(page, "staffing-periods-errors-" + width, problems);

                page.fill("#labelFr", "Examens de fin de session");
                page.fill("#labelEn", "");
                page.fill("#startsAt", monday.toString());
                page.fill("#endsAt", monday.plusDays(12).toString());
                page.fill("#closes", "19:30");
                page.click("form[action='/staffing/periods'] button[type=submit]");
                page.waitForLoadState();
                assertThat(page.locator(".notice").count()).as(page.locator(".field-error, .form-error").allTextContents().toString()).isEqualTo(1);
                assertThat(page.textContent(".admin-list")).contains("Examens de fin de session").contains("7 h 30–19 h 30");
                Browsers.shoot(page, "staffing-periods-" + width, problems);

                page.selectOption("#service", width == 1440 ? "soutien-informatique" : "admissions");
                page.fill("#labelFr", "Chevauche");
                page.fill("#startsAt", monday.plusDays(3).toString());
                page.fill("#endsAt", monday.plusDays(20).toString());
                page.click("form[action='/staffing/periods'] button[type=submit]");
                page.waitForSelector(".field-error");
                assertThat(page.textContent("#startsAt-err")).isEqualTo("Le service a déjà une période ces jours-là.");
            }
        }
        assertThat(problems).isEmpty();
    }
}
