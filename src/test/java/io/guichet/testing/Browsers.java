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
                        "--disable-component-update", "--disable-sync", "--no-first-run",
                        // The people of these tests read French: Chromium draws date and time fields in its own language,
                        // whatever the context's locale, so it is told (2026-12-25 and 16 h 30, not 12/25/2026 and 4:30 PM).
                        "--lang=fr-CA")));
    }

    /** A fresh browser profile (its own cookies and localStorage) at the given window size. */
    public BrowserContext person(int width, int height, String locale) {
        return browser.newContext(new Browser.NewContextOptions().setViewportSize(width, height).setLocale(locale));
    }

    /**
     * A new tab in {@code person}'s profile that asks for {@code path}, is sent to the login form, signs in there as a
     * staff member would and waits until the login's redirect brought it back to {@code path}.
     */
    public static Page signIn(BrowserContext person, String baseUrl, String path, String email, String password) {
        Page page = person.newPage();
        page.navigate(baseUrl + path);
        page.fill("#email", email);
        page.fill("#password", password);
        page.click("button[type=submit]");
        page.waitForURL(url -> url.equals(baseUrl + path));
        return page;
    }

    public static void screenshot(Page page, String name) {
        page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(false));
    }

    /** Screenshots the page and adds what {@link #problems} finds on it to {@code problems}. */
    public static void shoot(Page page, String name, List<String> problems, String... excluded) {
        screenshot(page, name);
        problems.addAll(problems(page, name, excluded));
    }

    /**
     * Best-practice rules of axe-core that count as failures here besides every WCAG 2.1 A and AA rule. They are the
     * ones a screen-reader user stumbles on: landmarks (everything inside one, one main, one banner, unique names,
     * top-level), headings (one h1, no skipped level, none empty), and a few plain mistakes (a positive tabindex, a
     * skip link to nowhere, a redundant alt, an empty table header, a role the element does not allow, a frame's
     * title reused). Left out: rules about how a page could be nicer that no reader misses (css-orientation-lock,
     * meta-viewport-large, p-as-heading, which guesses headings from bold text), and the experimental ones.
     */
    static final java.util.Set<String> BEST_PRACTICES = java.util.Set.of("region", "landmark-one-main", "landmark-unique",
            "landmark-no-duplicate-banner", "landmark-no-duplicate-contentinfo", "landmark-no-duplicate-main",
            "landmark-banner-is-top-level", "landmark-main-is-top-level", "landmark-complementary-is-top-level",
            "landmark-contentinfo-is-top-level", "page-has-heading-one", "heading-order", "empty-heading", "empty-table-header",
            "tabindex", "skip-link", "image-redundant-alt", "aria-allowed-role", "frame-title-unique", "presentation-role-conflict",
            "aria-dialog-name", "aria-text", "label-title-only", "scope-attr-valid", "accesskeys");

    /**
     * What a person would stumble on: the page wider than the window, and every axe-core violation of WCAG 2.1 A/AA
     * or of the {@link #BEST_PRACTICES} (whatever its impact: a minor one still stops someone), outside the
     * {@code excluded} selectors (frames that run no script, which axe cannot enter).
     */
    public static List<String> problems(Page page, String name, String... excluded) {
        List<String> problems = new java.util.ArrayList<>();
        if (!Boolean.TRUE.equals(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))) {
            problems.add(name + ": wider than the window because of " + page.evaluate("[...document.querySelectorAll('body *')]"
                    // what sits in a sideways-scrolling box (the navigation on a phone) is not the cause
                    + ".filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1)"
                    + ".filter((e) => { for (let a = e.parentElement; a && a !== document.body; a = a.parentElement)"
                    + " if (getComputedStyle(a).overflowX !== 'visible') return false; return true; }).slice(0, 5)"
                    + ".map((e) => e.tagName + '.' + e.className)"));
        }
        com.deque.html.axecore.playwright.AxeBuilder axe = new com.deque.html.axecore.playwright.AxeBuilder(page)
                .withTags(List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"));
        if (excluded.length > 0) axe.exclude(List.of(excluded));
        for (com.deque.html.axecore.results.Rule rule : axe.analyze().getViolations()) {
            boolean wcag = rule.getTags().stream().anyMatch(tag -> tag.matches("wcag2a|wcag2aa|wcag21a|wcag21aa"));
            if (wcag || BEST_PRACTICES.contains(rule.getId())) problems.add(describe(name, rule));
        }
        // An experimental rule axe does not run by tag, enforced by name: what a speech-input user says ("click EN")
        // must be in the control's accessible name (WCAG 2.5.3 Label in Name).
        com.deque.html.axecore.playwright.AxeBuilder named = new com.deque.html.axecore.playwright.AxeBuilder(page)
                .withRules(List.of("label-content-name-mismatch"));
        if (excluded.length > 0) named.exclude(List.of(excluded));
        for (com.deque.html.axecore.results.Rule rule : named.analyze().getViolations()) problems.add(describe(name, rule));
        return problems;
    }

    /** The rule, its impact and what to fix, with each element's HTML and selector. */
    private static String describe(String name, com.deque.html.axecore.results.Rule rule) {
        return name + ": " + rule.getId() + " (" + rule.getImpact() + ") — " + rule.getHelp() + " "
                + rule.getNodes().stream().map(n -> n.getHtml() + " " + n.getTarget()).toList();
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
