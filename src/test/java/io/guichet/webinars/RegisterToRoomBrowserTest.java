package io.guichet.webinars;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.Smtp;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole way on a phone: from /programme, register to the first date of a weekly series, receive the confirmation
 * at a real SMTP server (GreenMail), follow its personal link /j/{token} into BigBlueButton's stand-in (the room made,
 * the registrant joining as VIEWER under their registration's id); then the mail's "not this one": one click takes the
 * date off, the page undoes it, and another click takes another date of the series instead.
 */
class RegisterToRoomBrowserTest {
    static Smtp smtp;
    static RoomFixture f;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        smtp = Smtp.start();
        f = new RoomFixture(true, smtp.settings(Map.of("GUICHET_MAIL_FROM", "guichet@cegep-test.qc.ca", "GUICHET_MAIL_RATE", "600000")));
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        f.close();
        smtp.close();
    }

    /** A weekly series whose first session starts in ten minutes (its room already open), then two more weeks. */
    private static long series(String title) {
        ZonedDateTime first = f.clock.instant().plus(Duration.ofMinutes(10)).atZone(WebinarFixture.TORONTO).truncatedTo(ChronoUnit.MINUTES);
        Map<String, Object> body = new HashMap<>(Map.of("slug", "vendredis-" + first.getMinute(), "titleFr", title, "titleEn", title + " (EN)",
                "lang", "fr", "weekday", first.getDayOfWeek().name().toLowerCase(), "time", first.toLocalTime().toString(), "minutes", 60,
                "from", first.toLocalDate().toString(), "until", first.toLocalDate().plusDays(14).toString()));
        Api.Response r = f.api.post("/api/v1/webinars/series", f.cegep.jérôme, body);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        assertThat(r.json().get("sessions")).hasSize(3);
        return Long.parseLong(r.json().get("sessions").get(0).get("id").asText());
    }

    private static String link(String text, String prefix) {
        Matcher m = Pattern.compile("(http://localhost:\\d+" + Pattern.quote(prefix) + "[A-Za-z0-9_.-]+)").matcher(text);
        assertThat(m.find()).as(prefix + " in " + text).isTrue();
        return m.group(1);
    }

    @Test
    void aPhoneGoesFromTheProgrammeToTheMailedJoinLinkIntoTheRoomThenTakesAnotherDate() throws Exception {
        String title = "Séance d’information du vendredi";
        long first = series(title);
        Api.Response q = f.api.post("/api/v1/webinars/sessions/" + first + "/questions", f.cegep.jérôme, Map.of("scope", "series", "kind", "choice",
                "required", true, "labelFr", "Vous êtes…", "labelEn", "You are…", "optionsFr", List.of("Futur·e étudiant·e", "Parent"),
                "optionsEn", List.of("A future student", "A parent")));
        assertThat(q.status()).as(q.raw().body()).isEqualTo(201);
        List<String> problems = new ArrayList<>();
        int before = smtp.received();
        String text;
        try (BrowserContext phone = browsers.person(390, 844, "fr-CA")) {
            phone.setDefaultTimeout(15_000);
            Page page = phone.newPage();
            page.navigate(f.node.baseUrl() + "/programme");
            page.locator("#listing a.result-title", new Page.LocatorOptions().setHasText(title)).first().click();
            page.waitForSelector("#session-title");
            page.fill("#reg-name", "Zoé Lévesque");
            page.fill("#reg-email", "zoe.salle@exemple.ca");
            page.fill("#reg-postal", "h2x1y");
            page.click("button[type=submit]:has-text('S’inscrire')");
            page.waitForSelector("#reg-postal-error");
            assertThat(page.locator(".why-error").allTextContents()).containsExactly(
                    "Entrez un code postal canadien, comme H2X 1Y4, ou laissez le champ vide.",
                    "Répondez à cette question (300 caractères au plus, parmi les choix proposés).");
            assertThat(page.inputValue("#reg-name")).isEqualTo("Zoé Lévesque");
            Browsers.shoot(page, "programme-session-questions-390", problems);
            page.fill("#reg-postal", "h2x1y4");
            page.check("input[name=q" + q.text("id") + "][value='1']");
            page.click("button[type=submit]:has-text('S’inscrire')");
            page.waitForSelector("#result-title");
            assertThat(page.textContent("#result-title")).isEqualTo("Vous êtes inscrit·e");

            MimeMessage confirmation = smtp.nextTo("zoe.salle@exemple.ca", before);
            assertThat(confirmation.getSubject()).isEqualTo("Inscription confirmée : " + title);
            text = WebinarMailTest.text(confirmation);
            assertThat(text).contains("Pas celle-ci (je garde les autres)");
            String join = link(text, "/j/");

            page.navigate(join);
            page.waitForURL(url -> url.contains("/html5client/join"));
            assertThat(page.textContent("h1")).isEqualTo("Salle BigBlueButton");
            assertThat(f.bbb.creates(f.meetingId(first))).as("the room made on the first click").isEqualTo(1);
            assertThat(f.bbb.calls).contains("create", "join");

            // "not this one", from the same mail: one click, and the date is off
            page.navigate(link(text, "/link/webinaire/pas-celle-ci/"));
            assertThat(page.textContent("h1")).isEqualTo("C’est noté : pas celle-ci");
            assertThat(page.locator("ul.wb-others button").count()).as("the series' two other dates").isEqualTo(2);
            Browsers.shoot(page, "webinar-not-this-one-390", problems);
            assertThat(f.api.get("/api/v1/webinars/sessions/" + first + "/registrations", f.cegep.jérôme).json().get("registrations").get(0)
                    .get("status").asText()).isEqualTo("cancelled");

            page.click("button:has-text('Annuler : garder cette date')");
            page.waitForSelector("h1:has-text('Cette date est de nouveau à vous')");
            assertThat(page.textContent("main")).contains("Votre inscription est rétablie : inscrit·e.");

            page.navigate(link(text, "/link/webinaire/pas-celle-ci/"));
            page.locator("ul.wb-others button").first().click();
            page.waitForSelector("h1:has-text('Nouvelle date choisie')");
            Browsers.shoot(page, "webinar-other-date-390", problems);
        }
        var held = f.node.app.database().jdbi().withHandle(h -> h.createQuery("""
                SELECT s.id = :first AS first, r.status, r.postal_code FROM webinar_registrations r JOIN webinar_sessions s ON s.id = r.session_id
                WHERE r.email = 'zoe.salle@exemple.ca' ORDER BY s.starts_at""").bind("first", first).mapToMap().list());
        assertThat(held).hasSize(2);
        assertThat(held.get(0)).containsEntry("status", "cancelled");
        assertThat(held.get(1)).containsEntry("status", "registered").containsEntry("postal_code", "H2X 1Y4");
        try (BrowserContext desktop = browsers.person(1440, 900, "fr-CA")) {
            Page page = desktop.newPage();
            page.navigate(link(text, "/link/webinaire/pas-celle-ci/")); // again: nothing more to take off, the one date not held offered
            assertThat(page.textContent("h1")).isEqualTo("C’est noté : pas celle-ci");
            assertThat(page.locator("ul.wb-others button").count()).isEqualTo(1);
            Browsers.shoot(page, "webinar-not-this-one-1440", problems);
            long second = f.node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM webinar_sessions ORDER BY starts_at OFFSET 1 LIMIT 1")
                    .mapTo(Long.class).one());
            Page staff = Browsers.signIn(desktop, f.node.baseUrl(), "/webinars/sessions/" + second, io.guichet.testing.TestNode.ADMIN_EMAIL,
                    io.guichet.testing.TestNode.ADMIN_PASSWORD);
            assertThat(staff.textContent("main")).contains("Vous êtes…", "Toute la série · Un seul choix · obligatoire", "zoe.salle@exemple.ca");
            assertThat(staff.locator("table.wb-table tbody td").allTextContents()).contains("Parent");
            Browsers.shoot(staff, "webinars-session-questions-1440", problems);
        }
        assertThat(problems).isEmpty();
    }
}
