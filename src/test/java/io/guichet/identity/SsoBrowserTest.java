package io.guichet.identity;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Browsers;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In Chromium: the login page with two providers, and a sign-in through one of them (mock-oauth2-server on loopback). */
class SsoBrowserTest {
    static MockOAuth2Server oidc;
    static TestNode node;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        oidc = new MockOAuth2Server();
        oidc.start();
        node = TestNode.start(TestDatabases.fresh(), Map.of(
                "GUICHET_OIDC_PROVIDERS", "entra,google",
                "GUICHET_OIDC_ENTRA_ISSUER", oidc.issuerUrl("entra").toString(),
                "GUICHET_OIDC_ENTRA_CLIENT_ID", "guichet", "GUICHET_OIDC_ENTRA_CLIENT_SECRET", "s1",
                "GUICHET_OIDC_ENTRA_LABEL", "Microsoft 365",
                "GUICHET_OIDC_GOOGLE_ISSUER", oidc.issuerUrl("google").toString(),
                "GUICHET_OIDC_GOOGLE_CLIENT_ID", "guichet", "GUICHET_OIDC_GOOGLE_CLIENT_SECRET", "s2",
                "GUICHET_OIDC_GOOGLE_LABEL", "Google Workspace",
                "GUICHET_SSO_EMAIL_DOMAINS", "cegep-test.qc.ca"));
        browsers = new Browsers();
        int status = 0; // discovery before the browser's first click: on a loaded machine the mock server's first answers are slow
        for (int attempt = 0; attempt < 3 && status != 302; attempt++) {
            status = new io.guichet.testing.FormBrowser(node.baseUrl()).get("/login/sso/entra").statusCode();
        }
        assertThat(status).isEqualTo(302);
    }

    @AfterAll
    static void stop() {
        browsers.close();
        node.close();
        oidc.shutdown();
    }

    @Test
    void aStaffMemberSignsInWithTheInstitutionsAccount() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = desk.newPage();
                page.navigate(node.baseUrl() + "/login");
                assertThat(page.locator(".sso-button").allTextContents())
                        .containsExactly("Se connecter avec Microsoft 365", "Se connecter avec Google Workspace");
                Browsers.screenshot(page, "login-providers-" + width);
                problems.addAll(Browsers.problems(page, "login-providers-" + width));
                oidc.enqueueCallback(new DefaultOAuth2TokenCallback("entra", "entra-élodie-" + width, "JWT", List.of("guichet"),
                        Map.of("email", "elodie" + width + "@cegep-test.qc.ca", "name", "Élodie Tremblay"), 3600));
                page.click("text=Se connecter avec Microsoft 365");
                page.waitForURL("**/console**");
                assertThat(page.locator("header.topbar").textContent()).contains("Élodie Tremblay");
            }
        }
        assertThat(problems).as("serious or critical axe-core violations, or a page wider than the window").isEmpty();
    }
}
