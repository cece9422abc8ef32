package io.guichet.webinars;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's programme, as the public API shows it: the two weekly series at their local times and the four-day fair. */
class WebinarsDemoTest {
    @AutoClose
    final TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_DEMO", "true"));

    @Test
    void theDemoHasTheFridayAndWednesdaySeriesAndAFairOfFourDaysWithTwoTracks() {
        JsonNode sessions = node.api().get("/api/v1/webinars/sessions", null).json().get("sessions");
        List<String> fridays = new ArrayList<>(), wednesdays = new ArrayList<>(), fair = new ArrayList<>();
        for (JsonNode s : sessions) {
            ZonedDateTime at = ZonedDateTime.parse(s.get("startsAt").asText()).withZoneSameInstant(WebinarFixture.TORONTO);
            switch (s.get("titleFr").asText()) {
                case "Séance d’information" -> fridays.add(at.getDayOfWeek() + " " + at.toLocalTime());
                case "Les mercredis de l’apprentissage" -> wednesdays.add(at.getDayOfWeek() + " " + at.toLocalTime());
                default -> { if (!s.get("eventId").isNull()) fair.add(s.get("track").asText()); }
            }
        }
        assertThat(fridays).hasSizeGreaterThanOrEqualTo(12).allMatch("FRIDAY 14:00"::equals);
        assertThat(wednesdays).hasSizeGreaterThanOrEqualTo(12).allMatch("WEDNESDAY 13:30"::equals);
        assertThat(fair).hasSize(8).containsOnly("Programmes", "Vie étudiante");
    }
}
