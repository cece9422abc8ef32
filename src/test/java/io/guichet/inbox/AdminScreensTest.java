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
        api.createService(api.adminToken(), "admissions", "Admissions");
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
            Page page = admin.newPage();
            page.navigate(node.baseUrl() + "/admin/services");
            page.waitForURL("**/login**");
            Browsers.logIn(page, TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
            page.waitForURL("**/admin/services");

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

            page.navigate(node.baseUrl() + "/admin/staff");
            page.fill("#new-email", "zoe.gagne@cegep-test.qc.ca");
            page.fill("#new-name", "Zoé Gagné");
            page.fill("#new-password", "un-mot-de-passe-long");
            page.check("form:has(#new-email) input[name=services][value=vie-etudiante]");
            page.click("form:has(#new-email) button[type=submit]");
            page.waitForSelector("text=Zoé Gagné");
            Browsers.screenshot(page, "admin-staff");

            String token = node.api().login("zoe.gagne@cegep-test.qc.ca", "un-mot-de-passe-long");
            var visitor = node.api().visitor("Test");
            node.api().startConversation(visitor, "vie-etudiante", "Club de robotique?");
            assertThat(node.api().get("/api/v1/conversations?status=waiting", token).json().toString()).contains("Club de robotique?");
        }
    }
}
