package io.guichet.insights;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The lead's report and satisfaction pages in a real Chromium at a phone's and a desk's width, on the hand-computed
 * history of {@link InsightsReportTest}: the figures a lead reads, charts that fit the screen, no axe violation.
 */
class InsightsBrowserTest {
    static TestNode node;
    static Browsers browsers;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        Cegep.on(node).withServices().withAgents().withSupervisor();
        node.app.database().jdbi().useTransaction(InsightsReportTest::history);
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        node.close();
    }

    @Test
    void theReportShowsItsFiguresChartsAndTablesThatFitAPhoneAndADesk() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            try (BrowserContext lead = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(lead, node.baseUrl(), "/insights/report?from=2026-02-10&to=2026-02-11&service=admissions",
                        Cegep.Persona.JEROME.email, Cegep.PASSWORD);
                page.waitForSelector("#report-heading");
                assertThat(page.textContent("#total-arrivals")).isEqualTo("8");
                assertThat(page.locator("#table-buckets tbody tr").count()).isEqualTo(2);
                assertThat(page.locator(".insights-charts svg.chart-svg").count()).isPositive();
                // every chart inside the window: no SVG wider than the page's width
                Number widest = (Number) page.evaluate("() => Math.max(...[...document.querySelectorAll('.chart-svg')]"
                        + ".map((s) => s.getBoundingClientRect().right))");
                assertThat(widest.doubleValue()).as("charts fit at " + width + " px").isLessThanOrEqualTo(width);
                Browsers.shoot(page, "insights-report-" + width, problems);
                page.locator("#chart-slots").scrollIntoViewIfNeeded(); // the charts, to look at on a phone too
                Browsers.screenshot(page, "insights-report-charts-" + width);
                page.navigate(node.baseUrl() + "/insights/satisfaction?from=2026-02-10&to=2026-02-11");
                page.waitForSelector("#satisfaction-heading");
                assertThat(page.textContent("#total-rated")).isEqualTo("2");
                assertThat(page.textContent("#comments")).contains("un peu lent, d’après moi");
                Browsers.shoot(page, "insights-satisfaction-" + width, problems);
            }
        }
        assertThat(problems).isEmpty();
    }
}
