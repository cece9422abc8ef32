package io.guichet.identity;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An administrator creates a token on /admin/tokens, copies its secret shown once, sees it listed and revokes it. */
class TokenScreenTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh());
    @AutoClose
    static final Browsers browsers = new Browsers();

    @Test
    void createListAndRevokeAtAPhonesAndADesktopsWidth() {
        Api api = node.api();
        String admin = api.adminToken();
        api.post("/api/v1/tokens", admin, Map.of("name", "Téléphonie (PBX) — appels", "scopes", List.of("desk:calls"),
                "ipAllowList", List.of("10.12.0.0/16", "2001:db8::/32")));
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/admin/tokens", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
                page.fill("#token-name", "Système d’admission " + width);
                page.click("button[type=submit].primary"); // no scope ticked: refused next to the field
                assertThat(page.locator(".field-error").first().textContent()).isEqualTo("Cochez au moins une portée.");
                page.check("input[value='contacts:read']");
                page.fill("#token-ips", "192.0.2.0/24");
                page.click("button[type=submit].primary");
                String secret = page.inputValue("#secret");
                assertThat(secret).startsWith("gt_");
                assertThat(page.locator(".token-secret h2").textContent()).isEqualTo("Jeton « Système d’admission " + width + " » créé");
                Browsers.shoot(page, "tokens-created-" + width, problems);
                page.navigate(node.baseUrl() + "/admin/tokens");
                assertThat(page.locator("#secret").count()).as("shown once").isZero();
                assertThat(page.content()).doesNotContain(secret);
                Browsers.shoot(page, "tokens-" + width, problems);
                page.locator("article.token", new Page.LocatorOptions().setHasText("Système d’admission " + width))
                        .locator("button", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Révoquer")).click();
                page.waitForURL("**/admin/tokens");
                assertThat(page.locator("article.token", new Page.LocatorOptions().setHasText("Système d’admission " + width))
                        .locator(".badge").textContent()).isEqualTo("Révoqué");
            }
        }
        assertThat(problems).as("serious or critical axe-core violations, or a page wider than the window").isEmpty();
    }
}
