package io.guichet.identity;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import io.guichet.testing.Browsers;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** In Chromium: an administrator whose role requires two-factor enrols (QR code, key, code) and reads their recovery codes. */
class TwoFactorBrowserTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_2FA_REQUIRED", "admin"));
    @AutoClose
    static final Browsers browsers = new Browsers();

    @Test
    void enrolmentAtAPhonesAndADesktopsWidth() throws Exception {
        List<String> problems = new ArrayList<>();
        int width = 390;
        try (BrowserContext desk = browsers.person(width, 844, "fr-CA")) {
            Page page = desk.newPage();
            page.navigate(node.baseUrl() + "/login");
            page.fill("#email", TestNode.ADMIN_EMAIL); // not Browsers.signIn: the sign-in ends on the enrolment page, not the one asked for
            page.fill("#password", TestNode.ADMIN_PASSWORD);
            page.click("button[type=submit]");
            page.waitForURL("**/account/two-factor");
            assertThat(page.locator(".qr svg").count()).isEqualTo(1);
            Browsers.screenshot(page, "two-factor-enrol-390");
            problems.addAll(Browsers.problems(page, "two-factor-enrol-390"));
            page.setViewportSize(1440, 900);
            Browsers.screenshot(page, "two-factor-enrol-1440");
            problems.addAll(Browsers.problems(page, "two-factor-enrol-1440"));
            String secret = page.textContent(".totp-secret").strip();
            page.fill("#code", new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(secret, System.currentTimeMillis() / 30_000));
            page.click("button[type=submit]");
            page.waitForSelector(".recovery-codes");
            assertThat(page.locator(".recovery-codes li").count()).isEqualTo(10);
            Browsers.screenshot(page, "two-factor-codes-1440");
            problems.addAll(Browsers.problems(page, "two-factor-codes-1440"));
            page.setViewportSize(390, 844);
            Browsers.screenshot(page, "two-factor-codes-390");
            problems.addAll(Browsers.problems(page, "two-factor-codes-390"));
            page.click("text=Continuer vers la console");
            page.waitForURL("**/console**");
        }
        assertThat(problems).as("serious or critical axe-core violations, or a page wider than the window").isEmpty();
    }
}
