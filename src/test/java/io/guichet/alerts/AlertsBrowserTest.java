package io.guichet.alerts;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import io.guichet.identity.Staff;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole alert in real Chromium: a communicator drafts from the fire template (the preview in both languages and the
 * count), a second person approves on the same screen, a student's open help-centre page shows the banner at once, the
 * student answers "safe" from the personal link on a phone, and the dashboard counts it; screenshots and axe at 390 and
 * 1440 px of the composer, the dashboard, the phone's alert page and the answer page.
 */
class AlertsBrowserTest {
    static TestNode node;
    static Api api;
    static Browsers browsers;
    static String camille, mathis;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_ALERT_HELP_SERVICE", "aide-financiere"));
        api = node.api();
        Cegep cegep = Cegep.on(node).withServices();
        node.app.alerts().doSeedTemplates(Staff.SYSTEM, AlertsDemo.STANDARD);
        camille = api.createStaff(cegep.admin, "camille@cegep-test.qc.ca", "Camille Béland", "communicator", 1);
        mathis = api.createStaff(cegep.admin, "mathis@cegep-test.qc.ca", "Mathis Pépin", "communicator", 1);
        for (String[] s : List.of(new String[]{"Zoé Lévesque", "zoe@cegep-test.qc.ca"}, new String[]{"Noah Côté", "noah@cegep-test.qc.ca"})) {
            Response r = api.post("/api/v1/contacts", cegep.admin, Map.of("name", s[0], "lang", "fr", "kinds", List.of("student"), "emails", List.of(s[1])));
            assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        }
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        node.close();
    }

    static String ackLink(String email) {
        String body = node.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT text_body FROM mail_outbox WHERE kind = 'alert' AND recipient = :r ORDER BY id DESC LIMIT 1").bind("r", email).mapTo(String.class).one());
        Matcher m = Pattern.compile("(/link/alerte/[A-Za-z0-9_\\-.]+\\?etat=safe)").matcher(body);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }

    @Test
    void aCommunicatorDraftsASecondPersonApprovesTheStudentSeesTheBannerAnswersSafeAndTheDashboardCountsIt() {
        String base = node.baseUrl();
        List<String> problems = new ArrayList<>();

        // a student reads the help centre on their phone
        BrowserContext phone = browsers.person(390, 844, "fr-CA");
        Page help = phone.newPage();
        help.navigate(base + "/aide");
        help.waitForFunction("() => true");

        // the communicator drafts from the fire template
        BrowserContext desk = browsers.person(1440, 900, "fr-CA");
        Page composer = Browsers.signIn(desk, base, "/alerts", "camille@cegep-test.qc.ca", Cegep.PASSWORD);
        composer.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Incendie — évacuation d’un bâtiment")).click();
        composer.fill("#al-building", "pavillon Sainte-Foy");
        composer.fill("#al-time", "14 h 05");
        composer.fill("#al-instructions", "Rassemblement au stationnement P2.");
        composer.check("input[name=audience][value=kinds]");
        composer.check("input[name=kinds][value=student]");
        composer.locator("#al-reach").waitFor();
        composer.waitForCondition(() -> composer.locator("#al-preview").textContent().contains("2 personnes jointes")
                && composer.locator("#al-preview").textContent().contains("Rassemblement au stationnement P2."));
        assertThat(composer.locator("#al-preview").textContent()).contains("URGENT\u00a0: incendie au pavillon Sainte-Foy")
                .contains("URGENT: fire in pavillon Sainte-Foy").contains("2 par courriel");
        Browsers.shoot(composer, "alerts-composer-1440", problems);
        composer.setViewportSize(390, 844);
        Browsers.shoot(composer, "alerts-composer-390", problems);
        composer.setViewportSize(1440, 900);
        composer.click("#al-draft");
        composer.locator("#al-waiting").waitFor();
        String alertPath = java.net.URI.create(composer.url()).getPath();
        assertThat(composer.locator("#al-approve").count()).as("the author cannot send it alone").isZero();

        // the second person approves on the same screen
        BrowserContext second = browsers.person(1440, 900, "fr-CA");
        Page approver = Browsers.signIn(second, base, alertPath, "mathis@cegep-test.qc.ca", Cegep.PASSWORD);
        assertThat(approver.locator("#al-reach").textContent()).contains("2 personnes jointes");
        approver.click("#al-approve");
        approver.locator("#al-n-recipients").waitFor();

        // the student's open page shows the banner, live
        help.locator("#gu-alert-banner").waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(5000));
        assertThat(help.locator("#gu-alert-banner").textContent()).contains("URGENT\u00a0: incendie au pavillon Sainte-Foy");
        Browsers.shoot(help, "alerts-banner-help-centre-390", problems);
        // the author's waiting screen turned into the dashboard by itself
        composer.locator("#al-n-recipients").waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(8000));

        // the student answers from the link of their mail
        Page answer = phone.newPage();
        answer.navigate(base + ackLink("zoe@cegep-test.qc.ca"));
        Browsers.shoot(answer, "alerts-answer-390", problems);
        answer.click("#al-safe");
        assertThat(answer.locator("#al-notice").textContent()).contains("vous êtes en sécurité");

        // the dashboard counts it
        approver.waitForCondition(() -> "1".equals(approver.locator("#al-n-safe").textContent().strip()),
                new Page.WaitForConditionOptions().setTimeout(8000));
        assertThat(approver.locator("#al-n-silent").textContent().strip()).isEqualTo("1");
        assertThat(approver.locator("#al-silent-list").textContent()).contains("Noah Côté").doesNotContain("Zoé");
        Browsers.shoot(approver, "alerts-dashboard-1440", problems);
        approver.setViewportSize(390, 844);
        Browsers.shoot(approver, "alerts-dashboard-390", problems);

        // the alert's page on a phone
        Page live = phone.newPage();
        live.navigate(base + "/alerte/" + alertPath.substring(alertPath.lastIndexOf('/') + 1));
        assertThat(live.locator("h1").textContent()).contains("incendie au pavillon Sainte-Foy");
        Browsers.shoot(live, "alerts-page-390", problems);
        live.setViewportSize(1440, 900);
        Browsers.shoot(live, "alerts-page-1440", problems);

        // live over the sockets, no reload (the dashboard's own poll is 20 s; these wait 5 s at most): Noah asks for help
        approver.setViewportSize(1440, 900);
        approver.waitForCondition(() -> "on".equals(approver.locator("body").getAttribute("data-live")));
        approver.evaluate("() => { window.__sameDocument = true; }");
        String noah = ackLink("noah@cegep-test.qc.ca");
        String token = noah.substring("/link/alerte/".length(), noah.indexOf('?'));
        Response helpAnswer = api.post("/api/v1/alerts/ack/" + token, null, Map.of("state", "help", "message", "Coincé à la bibliothèque"));
        assertThat(helpAnswer.status()).as(helpAnswer.raw().body()).isEqualTo(200);
        approver.waitForCondition(() -> "1".equals(approver.locator("#al-n-help").textContent().strip()), new Page.WaitForConditionOptions().setTimeout(5000));
        assertThat(approver.locator("#al-help-list").textContent()).contains("Noah Côté").contains("Coincé à la bibliothèque");
        assertThat(approver.locator("#al-n-silent").textContent().strip()).isEqualTo("0");
        assertThat(approver.evaluate("() => window.__sameDocument === true")).as("counted without a reload").isEqualTo(true);

        // a follow-up changes the student's banner, the all-clear takes it away, and the dashboard turns into the closed alert
        String id = alertPath.substring(alertPath.lastIndexOf('/') + 1);
        help.evaluate("() => { window.__sameDocument = true; }");
        Response up = api.post("/api/v1/alerts/" + id + "/updates", camille, Map.of("fr", Map.of("short", "Le feu est maîtrisé, restez au P2.", "long", "Attendez la fin de l’alerte.")));
        assertThat(up.status()).as(up.raw().body()).isEqualTo(201);
        help.waitForCondition(() -> help.locator("#gu-alert-banner").textContent().contains("Le feu est maîtrisé, restez au P2."),
                new Page.WaitForConditionOptions().setTimeout(5000));
        assertThat(api.post("/api/v1/alerts/" + id + "/close", mathis, Map.of()).status()).isEqualTo(200);
        help.locator("#gu-alert-banner").waitFor(new com.microsoft.playwright.Locator.WaitForOptions()
                .setState(com.microsoft.playwright.options.WaitForSelectorState.DETACHED).setTimeout(5000));
        assertThat(help.evaluate("() => window.__sameDocument === true")).as("the help centre was not reloaded").isEqualTo(true);
        approver.locator("#al-report-link").waitFor(new com.microsoft.playwright.Locator.WaitForOptions().setTimeout(5000));

        // the after-action report
        approver.click("#al-report-link");
        approver.locator("#al-r-timeline").waitFor();
        assertThat(approver.locator("#al-r-timeline").textContent()).contains("Camille Béland").contains("Mathis Pépin")
                .contains("brouillon créé").contains("approuvée").contains("fin de l’alerte annoncée");
        assertThat(approver.locator("#al-r-safe").textContent().strip()).isEqualTo("1");
        assertThat(approver.locator("#al-r-help").textContent().strip()).isEqualTo("1");
        Browsers.shoot(approver, "alerts-report-1440", problems);
        approver.setViewportSize(390, 844);
        Browsers.shoot(approver, "alerts-report-390", problems);

        // an uploaded list: a formula refuses the file, naming its line; a clean one is kept and chosen in the composer
        composer.navigate(base + "/alerts");
        composer.fill("#al-list-name", "Résidence B");
        composer.setInputFiles("#al-list-file", new com.microsoft.playwright.options.FilePayload("residence.csv", "text/csv",
                "courriel\nzoe@cegep-test.qc.ca\n=1+2\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        composer.click("#al-list-upload");
        assertThat(composer.locator("#al-form-error").textContent()).contains("Rien n’a été gardé").contains("Lignes à corriger").contains("\u00a0: 3.");
        composer.fill("#al-list-name", "Résidence B");
        composer.setInputFiles("#al-list-file", new com.microsoft.playwright.options.FilePayload("residence.csv", "text/csv",
                "courriel;téléphone\nzoe@cegep-test.qc.ca;\ninconnu@example.org;\n".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        composer.click("#al-list-upload");
        assertThat(composer.locator("#al-list-notice").textContent()).contains("Résidence B").contains("1 personne jointe")
                .contains("1 ligne ne correspond à aucune fiche").contains("(ligne 3).");
        assertThat(composer.locator("input[name=audience][value=list]").isChecked()).isTrue();
        assertThat(composer.locator("#al-list option:checked").textContent()).contains("Résidence B");
        Browsers.shoot(composer, "alerts-list-uploaded-1440", problems);
        assertThat(problems).isEmpty();
    }

    /**
     * The help centre offers "Recevoir les alertes": with the Notification permission granted, the button asks for
     * it, registers the service worker and subscribes. Headless Chromium has no push service to subscribe with (no
     * FCM here), so the page says this browser cannot receive alerts — never a silent failure; the server's side
     * of push is tested against the stand-in push service (AlertChannelsTest).
     */
    @Test
    void theHelpCentreOffersGetAlertsAndSaysWhatHappened() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            BrowserContext person = browsers.person(width, width == 390 ? 844 : 900, "fr-CA");
            person.grantPermissions(List.of("notifications"), new BrowserContext.GrantPermissionsOptions().setOrigin(node.baseUrl()));
            Page help = person.newPage();
            help.navigate(node.baseUrl() + "/aide");
            var button = help.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Recevoir les alertes"));
            button.waitFor();
            Browsers.shoot(help, "alerts-push-optin-" + width, problems);
            button.click();
            help.waitForFunction("() => document.querySelector('.gu-push-status').textContent.length > 0");
            String said = help.locator(".gu-push-status").textContent();
            assertThat(said).isIn("C’est fait : cet appareil recevra les alertes.",
                    "Ce navigateur ne peut pas recevoir les alertes. Elles restent affichées en haut de ces pages et sur la page de l’alerte.");
            boolean worker = (Boolean) help.evaluate("async () => !!(await navigator.serviceWorker.getRegistration('/static/alerts/'))");
            assertThat(worker).as("the alerts' service worker is registered").isTrue();
            Browsers.shoot(help, "alerts-push-optin-after-" + width, problems);
            person.close();
        }
        assertThat(problems).isEmpty();
    }

    /** The administrator's channel settings: the SMS gateway's form (the credential write-only) and the push key. */
    @Test
    void theChannelSettingsScreenIsReadableAtBothWidths() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            BrowserContext admin = browsers.person(width, width == 390 ? 844 : 900, "fr-CA");
            Page page = Browsers.signIn(admin, node.baseUrl(), "/alerts/settings", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            page.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Réglages des canaux d’alerte")).waitFor();
            if (width == 1440) {
                page.getByLabel("Adresse de l’API de la passerelle (https)").fill("ftp://passerelle.example");
                page.getByLabel("Valeur de l’en-tête (clé ou jeton)").fill("Bearer jeton");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enregistrer")).click();
                page.locator("#al-settings-error").waitFor();
                Browsers.shoot(page, "alerts-settings-refused-1440", problems);
                page.getByLabel("Adresse de l’API de la passerelle (https)").fill("https://sms.example.com/v1/messages");
                page.getByLabel("Valeur de l’en-tête (clé ou jeton)").fill("Bearer jeton");
                page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Enregistrer")).click();
                page.locator("#al-settings-notice").waitFor();
                assertThat(page.content()).doesNotContain("Bearer jeton");
            }
            Browsers.shoot(page, "alerts-settings-" + width, problems);
            admin.close();
        }
        assertThat(problems).isEmpty();
    }
}
