package io.guichet.webinars;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
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
 * The "Done when" path in a real Chromium, on the demo's programme (the Friday series, the Wednesdays, the four-day
 * fair): a visitor registers from /programme on a 390 px phone and the confirmation is in the mail viewer; the staff
 * see the registration and the numbers. Every page state is screenshot and checked by axe at both widths.
 */
class ProgrammeBrowserTest {
    static TestNode node;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_DEMO", "true"));
        Cegep.on(node).withSupervisor();
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    @Test
    void aVisitorRegistersOnAPhoneFromTheProgrammeAndTheConfirmationIsInTheMailViewer() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            Page page = phone.newPage();
            page.navigate(node.baseUrl() + "/programme");
            assertThat(page.title()).isEqualTo("Programme des webinaires");
            assertThat(page.textContent("#listing")).contains("Séance d’information", "Les mercredis de l’apprentissage");
            Browsers.shoot(page, "programme-390", problems);

            page.selectOption("select[name=audience]", "parents");
            page.waitForURL(url -> url.contains("audience=parents"));
            assertThat(page.textContent("#listing")).contains("Séance d’information");

            page.locator("#listing a.result-title", new Page.LocatorOptions().setHasText("Séance d’information")).first().click();
            page.waitForSelector("#session-title");
            assertThat(page.textContent("#session-title")).isEqualTo("Séance d’information");
            assertThat(page.isChecked("input[name=consent]")).as("consent offered, not ticked").isFalse();
            Browsers.shoot(page, "programme-session-390", problems);

            page.click("button[type=submit]:has-text('S’inscrire')");
            page.waitForSelector(".why-error");
            assertThat(page.textContent(".register-form")).contains("Entrez votre nom", "Entrez une adresse courriel valide");
            Browsers.shoot(page, "programme-session-errors-390", problems);

            page.fill("#reg-name", "Zoé Lévesque");
            page.fill("#reg-email", "zoe.levesque@exemple.ca");
            page.click("button[type=submit]:has-text('S’inscrire')");
            page.waitForSelector("#result-title");
            assertThat(page.textContent("#result-title")).isEqualTo("Vous êtes inscrit·e");
            Browsers.shoot(page, "programme-registered-390", problems);

            Page mail = Browsers.signIn(phone, node.baseUrl(), "/admin/mail", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            mail.click("text=Inscription confirmée : Séance d’information");
            mail.waitForSelector(".mail-text");
            assertThat(mail.textContent(".mail-headers")).contains("zoe.levesque@exemple.ca");
            assertThat(mail.textContent(".mail-text")).contains("Séance d’information", "/link/webinaire/annuler/", "/j/");
            Browsers.shoot(mail, "programme-confirmation-mail-390", problems, "iframe.mail-html");
        }
        try (BrowserContext desk = browsers.person(1440, 900, "en-CA")) {
            Page page = desk.newPage();
            page.navigate(node.baseUrl() + "/programme?lang=en");
            assertThat(page.textContent("h1")).isEqualTo("Webinar programme");
            Browsers.shoot(page, "programme-1440", problems);
            page.navigate(node.baseUrl() + "/programme/salon-virtuel?lang=fr");
            assertThat(page.textContent("#listing")).contains("Programmes", "Vie étudiante", "Mini-conférence");
            Browsers.shoot(page, "programme-fair-1440", problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theStaffSeeTheProgrammeARegistrationAndTheNumbersAtBothWidths() {
        long session = node.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM webinar_sessions WHERE title_fr = 'Les mercredis de l’apprentissage' AND starts_at > now() ORDER BY starts_at LIMIT 1").mapTo(Long.class).one());
        node.api().post("/api/v1/webinars/sessions/" + session + "/registrations", null, Map.of("name", "Noé Gagnon", "email", "noe@exemple.ca"));
        long series = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT series_id FROM webinar_sessions WHERE id = " + session)
                .mapTo(Long.class).one());
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/webinars", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
                assertThat(page.textContent("main")).contains("Les mercredis de l’apprentissage", "Salon virtuel des programmes");
                Browsers.shoot(page, "webinars-staff-" + width, problems);
                page.click("button:has-text('Créer la séance')");
                page.waitForSelector(".field-error");
                assertThat(page.locator(".field-error").allTextContents()).contains("Le titre en français est requis (120 caractères au plus).",
                        "Indiquez le début, une date et une heure (pour un salon, pendant ses jours).");
                Browsers.shoot(page, "webinars-staff-errors-" + width, problems);

                page.navigate(node.baseUrl() + "/webinars/sessions/" + session);
                assertThat(page.textContent("main")).contains("Noé Gagnon", "noe@exemple.ca");
                Browsers.shoot(page, "webinars-session-" + width, problems);

                page.navigate(node.baseUrl() + "/webinars/numbers/series/" + series);
                assertThat(page.textContent(".wb-figures")).contains("Inscrit·e·s", "1");
                assertThat(page.locator("svg.wb-chart rect").count()).isEqualTo(1);
                Browsers.shoot(page, "webinars-numbers-" + width, problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theStaffEditASeriesAndAFairAtBothWidthsAndThePublicFormAsksContactFieldsWithTheirInputs() {
        long series = node.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM webinar_series WHERE title_fr = 'Les mercredis de l’apprentissage'").mapTo(Long.class).one());
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/webinars/numbers/series/" + series, TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
                page.click("a:has-text('Modifier la série')");
                assertThat(page.inputValue("#wb-titleFr")).isEqualTo("Les mercredis de l’apprentissage");
                Browsers.shoot(page, "webinars-series-edit-" + width, problems);
                page.fill("#wb-titleFr", "");
                page.fill("#wb-capacity", "0");
                page.click("button:has-text('Enregistrer')");
                page.waitForSelector(".field-error");
                assertThat(page.locator(".field-error").allTextContents()).containsExactlyInAnyOrder(
                        "Le titre en français est requis (120 caractères au plus).", "Le nombre de places est un nombre entier de 1 à 100 000.");
                Browsers.shoot(page, "webinars-series-edit-errors-" + width, problems);
                page.fill("#wb-titleFr", "Les mercredis de l’apprentissage");
                page.fill("#wb-capacity", "150");
                page.click("button:has-text('Enregistrer')");
                page.waitForURL(url -> url.endsWith("/webinars/numbers/series/" + series));
                int seats = node.app.database().jdbi().withHandle(h -> h.createQuery(
                        "SELECT min(capacity) FROM webinar_sessions WHERE series_id = ? AND starts_at > now()").bind(0, series).mapTo(Integer.class).one());
                assertThat(seats).as("every occurrence still to come").isEqualTo(150);

                page.navigate(node.baseUrl() + "/webinars/events/salon-virtuel/edit");
                assertThat(page.locator("#wb-slug").count()).as("its address stays").isZero();
                page.fill("#wb-titleEn", "");
                page.click("button:has-text('Enregistrer')");
                page.waitForSelector(".field-error");
                assertThat(page.locator(".field-error").allTextContents()).containsExactly("Le titre en anglais est requis (120 caractères au plus).");
                Browsers.shoot(page, "webinars-event-edit-errors-" + width, problems);
            }
        }

        var api = node.api();
        String admin = api.login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        assertThat(api.post("/api/v1/contact-fields", admin, Map.of("key", "annee_diplome", "labelFr", "Année de diplomation",
                "labelEn", "Graduation year", "type", "number")).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/contact-fields", admin, Map.of("key", "date_naissance", "labelFr", "Date de naissance",
                "labelEn", "Date of birth", "type", "date")).status()).isEqualTo(201);
        long session = node.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT id FROM webinar_sessions WHERE series_id = ? AND starts_at > now() ORDER BY starts_at LIMIT 1").bind(0, series).mapTo(Long.class).one());
        for (String field : List.of("annee_diplome", "date_naissance")) {
            assertThat(api.post("/api/v1/webinars/sessions/" + session + "/questions", admin, Map.of("contactField", field)).status()).isEqualTo(201);
        }
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext phone = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = phone.newPage();
                page.navigate(node.baseUrl() + "/programme/seance/" + session + "?lang=fr");
                Locator year = page.getByLabel("Année de diplomation");
                Locator born = page.getByLabel("Date de naissance");
                assertThat(year.getAttribute("type")).isEqualTo("number");
                assertThat(born.getAttribute("type")).isEqualTo("date");
                page.fill("#reg-name", "Zoé Lévesque");
                page.fill("#reg-email", "zoe" + width + "@exemple.ca");
                year.fill("2026");
                born.fill("2008-05-14");
                Browsers.shoot(page, "webinars-register-fields-" + width, problems);
                page.click("button[type=submit]");
                page.waitForSelector("h1:has-text('inscrit')");
            }
        }
        String custom = node.app.database().jdbi().withHandle(h -> h.createQuery("""
                SELECT c.custom::text FROM contacts c JOIN contact_identities i ON i.contact_id = c.id
                WHERE i.kind = 'email' AND i.value = 'zoe390@exemple.ca'""").mapTo(String.class).one());
        assertThat(custom).isEqualTo("{\"annee_diplome\": 2026, \"date_naissance\": \"2008-05-14\"}");
        assertThat(problems).isEmpty();
    }
}
