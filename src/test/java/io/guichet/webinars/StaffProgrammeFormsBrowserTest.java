package io.guichet.webinars;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
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
 * The staff build the programme from the staff shell: a weekly series and a four-day fair with its sessions, each
 * form showing every refused field at once next to it, what was typed kept, and nothing made until it is right.
 */
class StaffProgrammeFormsBrowserTest {
    static TestNode node;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of());
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    private static int count(String table) {
        return node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT count(*) FROM " + table).mapTo(Integer.class).one());
    }

    @Test
    void aWeeklySeriesFormShowsEveryErrorAtOnceThenMakesEveryOccurrence() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/webinars", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
                page.click("a:has-text('Nouvelle série')");
                page.waitForSelector("h1:has-text('Nouvelle série hebdomadaire')");
                page.fill("#wb-slug", "Séance d'info");
                page.fill("#wb-titleEn", "Information session");
                page.fill("#wb-time", "");
                page.fill("#wb-minutes", "900");
                page.fill("#wb-from", "2027-03-05");
                page.fill("#wb-until", "2027-02-05");
                page.fill("#wb-exceptions", "le 2 avril");
                page.fill("#wb-capacity", "-3");
                page.click("button:has-text('Créer la série')");
                page.waitForSelector(".field-error");
                assertThat(page.locator(".field-error").allTextContents()).contains(
                        "Utilisez seulement des minuscules, des chiffres et des tirets.",
                        "Le titre en français est requis (120 caractères au plus).",
                        "Entrez une heure, comme 14:00, qui existe à chaque date (la nuit du passage à l’heure d’été en saute une).",
                        "La durée va de 1 à 720 minutes.",
                        "Entrez la dernière date, le jour de la première ou après (120 séances au plus).",
                        "Une date par ligne, au format aaaa-mm-jj.",
                        "Le nombre de places est un nombre entier de 1 à 100 000.");
                assertThat(page.inputValue("#wb-titleEn")).as("what was typed is kept").isEqualTo("Information session");
                assertThat(page.inputValue("#wb-capacity")).isEqualTo("-3");
                assertThat(page.getAttribute("#wb-minutes", "aria-invalid")).isEqualTo("true");
                Browsers.shoot(page, "webinars-series-errors-" + width, problems);
                assertThat(count("webinar_series")).as("nothing made").isZero();
            }
        }
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/webinars/series/new", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            page.fill("#wb-slug", "vendredis");
            page.fill("#wb-titleFr", "Séance d’information du vendredi");
            page.fill("#wb-titleEn", "Friday information session");
            page.selectOption("#wb-weekday", "friday");
            page.fill("#wb-time", "14:00");
            page.fill("#wb-minutes", "60");
            page.fill("#wb-from", "2027-03-01");
            page.fill("#wb-until", "2027-03-31");
            page.fill("#wb-exceptions", "2027-03-19");
            page.fill("#wb-capacity", "40");
            page.fill("#wb-speakers", "Élodie Tremblay");
            page.click("button:has-text('Créer la série')");
            page.waitForURL(url -> url.contains("/webinars/numbers/series/"));
            assertThat(page.textContent("h1")).contains("Séance d’information du vendredi");
            // March 2027's Fridays less the 19th, across the change to daylight saving time on the 14th: still 14:00 in Montréal
            List<String> starts = node.app.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT to_char(starts_at AT TIME ZONE 'America/Toronto', 'YYYY-MM-DD HH24:MI') FROM webinar_sessions ORDER BY starts_at")
                    .mapTo(String.class).list());
            assertThat(starts).containsExactly("2027-03-05 14:00", "2027-03-12 14:00", "2027-03-26 14:00");
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void aFairAndItsSessionsAreMadeFromTheirFormsEveryErrorShownAtOnce() {
        List<String> problems = new ArrayList<>();
        try (BrowserContext desk = browsers.person(390, 844, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/webinars/events/new", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            page.fill("#wb-firstDay", "2027-04-13");
            page.fill("#wb-lastDay", "2027-04-10");
            page.click("button:has-text('Créer le salon')");
            page.waitForSelector(".field-error");
            assertThat(page.locator(".field-error").allTextContents()).contains("Le titre en français est requis (120 caractères au plus).",
                    "Le titre en anglais est requis (120 caractères au plus).", "Entrez le dernier jour : le premier ou après, 31 jours au plus.");
            Browsers.shoot(page, "webinars-event-errors-390", problems);
            assertThat(count("webinar_events")).isZero();

            page.fill("#wb-slug", "salon-printemps");
            page.fill("#wb-titleFr", "Salon virtuel du printemps");
            page.fill("#wb-titleEn", "Spring virtual fair");
            page.fill("#wb-lastDay", "2027-04-16");
            page.fill("#wb-tracks", "Programmes\nVie étudiante\nStand des métiers");
            page.click("button:has-text('Créer le salon')");
            page.waitForURL(url -> url.endsWith("/webinars/events/salon-printemps"));
            assertThat(page.textContent("main")).contains("Salon virtuel du printemps", "Stand des métiers", "Aucune séance pour l’instant");
        }
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/webinars/events/salon-printemps", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            page.fill("#wb-startsAt", "2027-04-20T13:00");
            page.fill("#wb-endsAt", "2027-04-20T12:00");
            page.fill("#wb-capacity", "0");
            page.click("button:has-text('Créer la séance')");
            page.waitForSelector(".field-error");
            assertThat(page.locator(".field-error").allTextContents()).contains("Le titre en français est requis (120 caractères au plus).",
                    "Indiquez le début, une date et une heure (pour un salon, pendant ses jours).",
                    "Indiquez une fin après le début, moins de 12 heures plus tard.", "Le nombre de places est un nombre entier de 1 à 100 000.");
            Browsers.shoot(page, "webinars-event-session-errors-1440", problems);

            page.selectOption("#wb-kind", "talk");
            page.selectOption("#wb-track", "Stand des métiers");
            page.fill("#wb-titleFr", "Électricien·ne : une journée type");
            page.fill("#wb-titleEn", "Electrician: a typical day");
            page.fill("#wb-startsAt", "2027-04-14T10:00");
            page.fill("#wb-endsAt", "2027-04-14T10:20");
            page.fill("#wb-capacity", "25");
            page.selectOption("#wb-lang", "fr");
            page.click("button:has-text('Créer la séance')");
            page.waitForSelector("li.wb-row");
            assertThat(page.textContent(".wb-list")).contains("Électricien·ne : une journée type", "Stand des métiers", "0 / 25");
            Browsers.shoot(page, "webinars-event-1440", problems);
            String made = node.app.database().jdbi().withHandle(h -> h.createQuery(
                    "SELECT kind || ' ' || track FROM webinar_sessions WHERE event_id IS NOT NULL").mapTo(String.class).one());
            assertThat(made).isEqualTo("talk Stand des métiers");

            // its edit form: what it holds, and a refusal at its field
            page.click("a:has-text('Électricien·ne : une journée type')");
            page.click("a:has-text('Modifier la séance')");
            assertThat(page.inputValue("#wb-startsAt")).isEqualTo("2027-04-14T10:00");
            assertThat(page.inputValue("#wb-track")).isEqualTo("Stand des métiers");
            page.fill("#wb-capacity", "");
            page.fill("#wb-endsAt", "2027-04-14T09:00");
            page.click("button:has-text('Enregistrer')");
            page.waitForSelector(".field-error");
            assertThat(page.locator(".field-error").allTextContents()).containsExactly("Indiquez une fin après le début, moins de 12 heures plus tard.");
            Browsers.shoot(page, "webinars-session-edit-1440", problems);

            // the fair's own edit: its sessions must still fit its days and tracks
            page.navigate(node.baseUrl() + "/webinars/events/salon-printemps");
            page.click("a:has-text('Modifier le salon')");
            assertThat(page.inputValue("#wb-titleFr")).isEqualTo("Salon virtuel du printemps");
            assertThat(page.locator("#wb-slug").count()).as("its address stays").isZero();
            page.fill("#wb-firstDay", "2027-04-15");
            page.fill("#wb-tracks", "Programmes\nVie étudiante");
            page.click("button:has-text('Enregistrer')");
            page.waitForSelector(".field-error");
            assertThat(page.locator(".field-error").allTextContents()).containsExactly(
                    "Des séances tomberaient hors des jours du salon (1)\u00a0: déplacez-les d’abord.",
                    "Des séances sont encore dans ce thème\u00a0: Stand des métiers. Déplacez-les d’abord.");
            Browsers.shoot(page, "webinars-event-edit-1440", problems);
            page.fill("#wb-firstDay", "2027-04-12");
            page.fill("#wb-titleFr", "Grand salon du printemps");
            page.fill("#wb-tracks", "Programmes\nVie étudiante\nStand des métiers\nSports");
            page.click("button:has-text('Enregistrer')");
            page.waitForURL(url -> url.endsWith("/webinars/events/salon-printemps"));
            assertThat(page.textContent("main")).contains("Grand salon du printemps", "Sports", "Électricien·ne : une journée type");
        }
        assertThat(problems).isEmpty();
    }
}
