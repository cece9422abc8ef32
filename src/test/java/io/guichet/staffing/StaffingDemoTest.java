package io.guichet.staffing;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's staffed week: IT support's exam period, its rota this week, and the advice that reads them. */
class StaffingDemoTest {
    @AutoClose
    final TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_DEMO", "true"));

    @Test
    void theDemoHasAnExamPeriodAndAStaffedWeek() {
        String token = node.api().login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        JsonNode periods = node.api().get("/api/v1/staffing/periods", token).json().path("periods");
        assertThat(periods.findValuesAsText("labelFr")).contains("Examens de fin de session");
        JsonNode week = node.api().get("/api/v1/staffing/rota/soutien-informatique", token).json();
        assertThat(week.path("slots")).as("Monday to Saturday, 7:30 to 19:30").hasSize(6 * 24);
        JsonNode advice = node.api().get("/api/v1/staffing/advice?service=soutien-informatique", token).json();
        assertThat(advice.path("slots")).hasSize(6 * 24);
        assertThat(advice.path("slots").get(0).path("planned").asInt()).isEqualTo(1);
        assertThat(node.api().get("/api/v1/staffing/rota/admissions", token).json().path("slots")).hasSize(5 * 16);
        // the demo's four weeks of chats (inbox.ReportHistoryDemo): the lead's report has figures to show
        JsonNode report = node.api().get("/api/v1/insights/report", token).json();
        assertThat(report.path("total").path("arrivals").asLong()).isGreaterThan(1_000);
        assertThat(report.path("total").path("rated").asLong()).isPositive();
        assertThat(node.api().get("/insights/report", token).raw().body()).contains("id=\"total-arrivals\"").contains("<svg");
    }
}
