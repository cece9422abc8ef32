package io.guichet.testing;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Frame;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.WaitForSelectorState;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Debian's Chromium driven by Playwright, headless, for the screens people use. Screenshots land in
 * {@code target/screenshots} so that a person can look at them.
 */
public final class Browsers implements AutoCloseable {
    public static final Path SCREENSHOTS = Path.of("target", "screenshots");
    private final Playwright playwright;
    private final Browser browser;

    public Browsers() {
        this.playwright = Playwright.create(new Playwright.CreateOptions()
                .setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
        this.browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(Path.of("/usr/bin/chromium"))
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run")));
    }

    /** A fresh browser profile (its own cookies and localStorage) at the given window size. */
    public BrowserContext person(int width, int height, String locale) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height).setLocale(locale));
    }

    /** Signs in on the login page the browser is on, as a staff member would. */
    public static void logIn(Page page, String email, String password) {
        page.fill("#email", email);
        page.fill("#password", password);
        page.click("button[type=submit]");
    }

    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(false));
    }

    /**
     * What a person would stumble on: the page wider than the window, and axe-core's serious or critical WCAG 2.1
     * A/AA violations, outside the {@code excluded} selectors (frames that run no script, which axe cannot enter).
     */
    public static List<String> problems(Page page, String name, String... excluded) {
        List<String> problems = new java.util.ArrayList<>();
        if (!Boolean.TRUE.equals(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))) {
            problems.add(name + ": wider than the window because of " + page.evaluate("[...document.querySelectorAll('body *')]"
                    + ".filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).slice(0, 5)"
                    + ".map((e) => e.tagName + '.' + e.className)"));
        }
        com.deque.html.axecore.playwright.AxeBuilder axe = new com.deque.html.axecore.playwright.AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa"));
        if (excluded.length > 0) axe.exclude(List.of(excluded));
        for (com.deque.html.axecore.results.Rule rule : axe.analyze().getViolations()) {
            if ("serious".equals(rule.getImpact()) || "critical".equals(rule.getImpact())) {
                problems.add(name + ": " + rule.getId() + " — " + rule.getHelp() + " " + rule.getNodes().stream()
                        .map(n -> n.getHtml()).toList());
            }
        }
        return problems;
    }

    /** The chat widget's panel (its iframe) once the bubble was clicked. */
    public static Frame chatPanel(Page page) {
        for (int i = 0; i < 100; i++) {
            for (Frame f : page.frames()) {
                if (f.url().contains("/widget/panel")) {
                    f.waitForSelector("#guichet-panel", new Frame.WaitForSelectorOptions().setState(WaitForSelectorState.ATTACHED));
                    return f;
                }
            }
            page.waitForTimeout(100);
        }
        throw new AssertionError("the chat panel did not open");
    }

    @Override
    public void close() {
        browser.close();
        playwright.close();
    }
}
