package io.guichet.people;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.platform.mail.Purpose;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy screens as people use them, in Chromium at a phone's and a desktop's width with no serious or
 * critical axe-core violation: a contact's consent and rights, the rules per kind, the audit log, the
 * readable export and the public unsubscribe page.
 */
class PrivacyScreensTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh());
    @AutoClose
    static final Browsers browsers = new Browsers();
    static final Api api = node.api();
    static final String admin = api.adminToken();
    static long contact;

    @BeforeAll
    static void seed() {
        contact = Long.parseLong(api.post("/api/v1/visitor/sessions", null, Map.of("name", "Béatrice Lafleur", "email", "beatrice.lafleur@exemple.qc.ca",
                "lang", "fr")).text("contactId"));
        api.post("/api/v1/contacts/" + contact + "/consent", admin, Map.of("purpose", "newsletters", "state", "granted", "basis", "express",
                "wording", "J’accepte de recevoir l’infolettre du cégep."));
        String inquiry = LocalDate.now(ZoneOffset.UTC).minusMonths(8).toString();
        api.post("/api/v1/contacts/" + contact + "/consent", admin, Map.of("purpose", "events", "state", "granted", "basis", "implied",
                "ground", "inquiry", "groundAt", inquiry, "wording", "Demande d’information aux portes ouvertes."));
        long me = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM staff WHERE email = :e").bind("e", TestNode.ADMIN_EMAIL)
                .mapTo(Long.class).one());
        api.put("/api/v1/staff/" + me + "/privacy-officer", admin, Map.of("privacyOfficer", true));
    }

    @Test
    void consentIsRecordedFromTheContactsPrivacyPageAndEveryScreenPassesAtBothWidths() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/console/contacts/" + contact + "/privacy", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
                assertThat(page.locator("#consent-current tr[data-purpose=newsletters]").innerText()).contains("Accordé", "Exprès", "Sans échéance");
                assertThat(page.locator("#consent-current tr[data-purpose=events]").innerText()).contains("Expiré", "Tacite");
                Browsers.shoot(page, "privacy-contact-" + width, problems);
                if (width == 1440) {
                    page.selectOption("select[name=purpose]", "surveys");
                    page.fill("textarea[name=wording]", "Oui, je veux répondre aux sondages.");
                    page.click("#consent form button[type=submit]");
                    page.waitForURL("**recorded=1**");
                    assertThat(page.locator("#consent-current tr[data-purpose=surveys]").innerText()).contains("Accordé");
                    assertThat(page.locator("#consent-history").innerText()).contains("Oui, je veux répondre aux sondages.", "saisi par le personnel");
                    page.selectOption("select[name=basis]", "implied");
                    page.fill("textarea[name=wording]", "Demande");
                    page.click("#consent form button[type=submit]");
                    assertThat(page.locator("#consent-error").innerText()).contains("motif");
                }

                page.navigate(node.baseUrl() + "/privacy/rules");
                assertThat(page.locator("#rules").innerText()).contains("Futurs étudiants", "Sans type (visiteurs du site)");
                Browsers.shoot(page, "privacy-rules-" + width, problems);
                page.navigate(node.baseUrl() + "/privacy/audit");
                assertThat(page.locator("#audit").innerText()).contains("Consultation", "Consentement");
                Browsers.shoot(page, "privacy-audit-" + width, problems);
                page.navigate(node.baseUrl() + "/console/contacts/" + contact + "/export");
                assertThat(page.locator("main").innerText()).contains("beatrice.lafleur@exemple.qc.ca", "J’accepte de recevoir l’infolettre du cégep.");
                Browsers.shoot(page, "privacy-export-" + width, problems);
                page.navigate(node.baseUrl() + URI.create(node.app.contactMail().linkFor(contact, Purpose.NEWSLETTERS)).getRawPath());
                Browsers.shoot(page, "privacy-unsubscribe-" + width, problems);
            }
        }
        assertThat(problems).as("serious or critical axe-core violations").isEmpty();
    }

    @Test
    void aRetentionRuleIsSavedFromItsScreenAndABadOneIsShownNextToItsRow() {
        try (BrowserContext desk = browsers.person(1440, 900, "fr-CA")) {
            Page page = Browsers.signIn(desk, node.baseUrl(), "/privacy/rules", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            page.fill("input[form=rule-prospect][name=retentionMonths]", "douze");
            page.click("#rule-prospect button");
            assertThat(page.locator("#rules [role=alert]").innerText()).contains("de 1 à 600");
            page.fill("input[form=rule-prospect][name=retentionMonths]", "18");
            page.selectOption("select[form=rule-prospect]", "delete");
            page.click("#rule-prospect button");
            page.waitForURL("**saved=prospect**");
            assertThat(page.locator("input[form=rule-prospect][name=retentionMonths]").inputValue()).isEqualTo("18");
        }
        Api.Response rules = api.get("/api/v1/privacy/rules", admin);
        assertThat(rules.json().path("rules").toString()).contains("{\"kind\":\"prospect\",\"onErase\":\"delete\",\"retentionMonths\":18");
    }

    @Test
    void anAdministratorNamesThePrivacyOfficerOnTheStaffScreen() {
        String clerk = "gisele.pare@cegep-test.qc.ca";
        api.createStaff(admin, clerk, "Gisèle Paré", "agent", 3);
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/admin/staff", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
                var gisèle = page.locator("details.staff-card", new Page.LocatorOptions().setHasText(clerk));
                gisèle.locator("summary").click();
                boolean was = width == 1440; // named at 390 px, her role is taken back at 1440
                gisèle.locator("form.officer-form button").click();
                page.waitForURL("**/admin/staff?saved=1**");
                gisèle = page.locator("details.staff-card", new Page.LocatorOptions().setHasText(clerk));
                assertThat(gisèle.locator("summary").innerText().contains("Responsable")).as("the flag changed").isEqualTo(!was);
                gisèle.locator("summary").click();
                Browsers.shoot(page, "admin-staff-officer-" + width, problems);
            }
        }
        assertThat(problems).as("serious or critical axe-core violations").isEmpty();
    }
}
