package io.guichet.identity;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every staff screen wears the one shell: the same top bar, whose navigation is what the signed-in person
 * may open (an agent, a supervisor, an administrator), the help centre's own bar on its screens. In
 * Chromium at a phone's and a desktop's width, with no serious or critical axe-core violation.
 */
class StaffShellTest {
    static final List<String> STAFF_PAGES = List.of("/console", "/console/contacts", "/admin/services", "/admin/staff", "/live", "/kb/articles",
            "/people/import");
    static final Pattern TOPBAR = Pattern.compile("<header class=\"topbar\">.*?</header>", Pattern.DOTALL);
    static final Pattern NAV_LINK = Pattern.compile("<nav class=\"mainnav\".*?</nav>", Pattern.DOTALL);
    static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh());
    @AutoClose
    static final Browsers browsers = new Browsers();
    static final Api api = node.api();
    static final String admin = api.adminToken();
    static String supervisor;
    static String agent;

    /** The admissions service with its supervisor and agent, a live night to come, an article, a visitor waiting. */
    @BeforeAll
    static void seed() {
        api.createService(admin, "admissions", "Admissions");
        supervisor = api.createStaff(admin, "jerome@cegep-test.qc.ca", "Jérôme Bélanger", "supervisor", 5, "admissions");
        agent = api.createStaff(admin, "elodie@cegep-test.qc.ca", "Élodie Tremblay", "agent", 4, "admissions");
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(-5)).plusDays(2);
        api.post("/api/v1/live", admin, Map.of("slug", "soiree-admission", "titleFr", "Soirée d’admission — automne",
                "titleEn", "Admission night", "startsAt", start.toString(), "endsAt", start.plusHours(2).toString(),
                "services", List.of("admissions")));
        api.post("/api/v1/kb/articles", admin, Map.of("title", "Date limite d’admission à l’automne",
                "body", "L’échéance est le **1er mars** à 23 h 59.", "lang", "fr", "status", "published", "service", "admissions"));
        api.startConversation(api.visitor("Zoé Lévesque"), "admissions", "Bonjour! Où envoyer mon relevé de notes?");
    }

    @Test
    void everyStaffPageHasTheOneTopBarWithTheNavigationOfItsViewer() {
        List<String> forAdmin = List.of("/console", "/console/search", "/console/contacts", "/live", "/kb/articles", "/staffing/advice", "/staffing/rota", "/staffing/periods", "/staffing/wallboard", "/staffing/erlang", "/desk/incidents", "/alerts", "/insights/report", "/insights/satisfaction", "/community", "/admin/services", "/admin/staff", "/admin/tokens", "/admin/mail", "/privacy/rules", "/admin/channels");
        String first = null;
        for (String page : STAFF_PAGES) {
            String bar = topbar(page, admin);
            assertThat(navHrefs(bar)).as("an admin's navigation on " + page).isEqualTo(forAdmin);
            assertThat(bar).contains("<a class=\"me\" href=\"/account/password\"", TestNode.ADMIN_EMAIL + ")\">", "action=\"/logout\"");
            String same = comparable(bar);
            if (first == null) first = same;
            assertThat(same).as("the top bar of " + page).isEqualTo(first);
        }
        assertThat(topbar("/console", admin)).contains("id=\"presence\"");
        assertThat(topbar("/live", admin)).contains("<a href=\"/live\" aria-current=\"page\">");

        for (String page : List.of("/console", "/console/search", "/console/contacts", "/live", "/kb/articles")) {
            assertThat(navHrefs(topbar(page, supervisor))).as("a supervisor's navigation on " + page)
                    .isEqualTo(List.of("/console", "/console/search", "/console/contacts", "/live", "/kb/articles", "/staffing/advice", "/staffing/rota", "/staffing/periods", "/staffing/wallboard", "/staffing/erlang", "/desk/incidents", "/alerts", "/insights/report", "/insights/satisfaction", "/community"));
        }
        for (String page : List.of("/console", "/console/search", "/console/contacts", "/kb/articles")) {
            assertThat(navHrefs(topbar(page, agent))).as("an agent's navigation on " + page).isEqualTo(List.of("/console", "/console/search", "/console/contacts", "/kb/articles", "/desk/incidents"));
        }
        assertThat(api.get("/admin/services", agent).status()).as("an agent does not open the admin screens").isEqualTo(403);
    }

    /** Every staff page an administrator opens: the whole bar within the window, the administration behind one button. */
    static final List<String> ADMIN_PAGES = List.of("/console", "/console/search", "/console/contacts", "/live", "/kb/articles",
            "/people/import", "/staffing/advice", "/staffing/rota", "/staffing/periods", "/staffing/wallboard", "/staffing/erlang", "/insights/report", "/insights/satisfaction", "/community", "/admin/services", "/admin/staff", "/admin/tokens", "/admin/mail", "/privacy/rules", "/privacy/audit", "/admin/channels");

    @Test
    void theAdministrationIsOneMenuAndEveryBarFitsAtBothWidths() {
        String bar = topbar("/admin/staff", admin);
        assertThat(bar).contains("aria-expanded=\"false\"", ">Administration</button>")
                .containsPattern("<li><a href=\"/admin/staff\" aria-current=\"page\">");
        assertThat(topbar("/console", supervisor)).doesNotContain("Administration");
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/console", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
                for (String path : ADMIN_PAGES) {
                    page.navigate(node.baseUrl() + path);
                    var links = page.locator(".mainnav-links");
                    if (width == 1440) { // a phone's links scroll sideways on their own row, by design
                        assertThat((Boolean) page.locator(".topbar").evaluate("e => [...e.querySelectorAll('a, button')]"
                                + ".filter(x => x.offsetParent).every(x => { const r = x.getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth; })"))
                                .as("the whole bar inside the window on " + path).isTrue();
                        assertThat((Boolean) links.evaluate("e => e.scrollWidth <= e.clientWidth + 1")).as("no entry scrolled out of sight on " + path).isTrue();
                    }
                    problems.addAll(Browsers.problems(page, path + " at " + width));
                }
                // The menu with the keyboard only: Tab to it, Enter opens, Tab reaches its links, Escape closes and the focus returns.
                page.navigate(node.baseUrl() + "/console/contacts");
                var toggle = page.locator(".navmenu-toggle:has-text('Administration')");
                toggle.focus();
                page.keyboard().press("Enter");
                assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("true");
                var list = page.locator("#" + toggle.getAttribute("aria-controls"));
                assertThat(list.isVisible()).isTrue();
                Browsers.screenshot(page, "shell-admin-menu-" + width);
                problems.addAll(Browsers.problems(page, "the open menu at " + width));
                page.keyboard().press("Tab");
                assertThat((String) page.evaluate("document.activeElement.getAttribute('href')")).isEqualTo("/admin/services");
                page.keyboard().press("Escape");
                assertThat(toggle.getAttribute("aria-expanded")).isEqualTo("false");
                assertThat(list.isHidden()).isTrue();
                assertThat((Boolean) toggle.evaluate("b => b === document.activeElement")).isTrue();
                toggle.click();
                list.locator("a[href='/admin/tokens']").click();
                page.waitForURL("**/admin/tokens");
                assertThat(page.locator(".navmenu-toggle.current").count()).as("the menu says a page of it is open").isEqualTo(1);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void theHelpCentreScreensCarryTheirOwnBar() {
        String page = html("/kb/replies", agent);
        assertThat(page).contains("<a href=\"/kb/articles\" aria-current=\"true\">", "<nav class=\"subnav\"");
        Matcher sub = Pattern.compile("<nav class=\"subnav\".*?</nav>", Pattern.DOTALL).matcher(page);
        assertThat(sub.find()).isTrue();
        assertThat(hrefs(sub.group())).containsExactly("/kb/articles", "/kb/replies", "/kb/gaps", "/kb/synonyms", "/aide");
        assertThat(sub.group()).contains("<a href=\"/kb/replies\" aria-current=\"page\">");
        assertThat(html("/console", agent)).doesNotContain("class=\"subnav\"");
        assertThat(html("/kb/articles?lang=en", agent)).contains("<a href=\"/help\">View the help centre</a>");
    }

    @Test
    void theConsoleTheLiveSessionsAndTheArticlesAtAPhonesAndADesktopsWidth() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{390, 1440}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/console", TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
                page.waitForSelector(".topbar .mainnav a[aria-current=page]");
                shoot(page, "shell-console-" + width, problems);
                page.navigate(node.baseUrl() + "/live");
                page.waitForSelector(".session-list");
                shoot(page, "shell-live-sessions-" + width, problems);
                page.navigate(node.baseUrl() + "/kb/articles");
                page.waitForSelector(".kb-table");
                shoot(page, "shell-kb-articles-" + width, problems);
            }
        }
        assertThat(problems).as("serious or critical axe-core violations").isEmpty();
    }

    /** Each page is in the one shell, then screenshot and axe-core as every screen. */
    private static void shoot(Page page, String name, List<String> problems) {
        assertThat(page.locator("header.topbar").count()).isEqualTo(1);
        Browsers.shoot(page, name, problems);
    }

    private static String html(String path, String token) {
        Api.Response r = api.get(path, token);
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.raw().body();
    }

    private static String topbar(String path, String token) {
        Matcher m = TOPBAR.matcher(html(path, token));
        assertThat(m.find()).as("a top bar on " + path).isTrue();
        String bar = m.group();
        assertThat(m.find()).as("one top bar on " + path).isFalse();
        return bar;
    }

    private static List<String> navHrefs(String topbar) {
        Matcher nav = NAV_LINK.matcher(topbar);
        assertThat(nav.find()).isTrue();
        return hrefs(nav.group());
    }

    private static List<String> hrefs(String html) {
        List<String> out = new ArrayList<>();
        Matcher m = HREF.matcher(html);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    /** The bar without what differs by design: the current entry, the language switch's way back, the console's presence toggle. */
    private static String comparable(String topbar) {
        return topbar.replaceAll(" aria-current=\"[a-z]+\"", "").replace("navmenu-toggle current", "navmenu-toggle").replaceAll("back=[^\"]*", "back=")
                .replaceAll("(?s)<form id=\"presence\".*?</form>", "").replaceAll("\\s+", " ");
    }
}
