package io.guichet.desk;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo's exam morning: sittings running now and two incidents, one acknowledged by its professor. */
class DeskDemoTest {
    @AutoClose
    final TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_DEMO", "true"));

    @Test
    void theDemoHasAnExamMorning() {
        String token = node.api().login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        List<String> running = new ArrayList<>();
        for (JsonNode s : node.api().get("/api/v1/desk/sittings?running=now", token).json().get("sittings"))
            if (s.get("runningNow").asBoolean()) running.add(s.get("courseCode").asText());
        assertThat(running).containsExactlyInAnyOrder("CHM-1001", "MAT-1910", "PHY-1003");
        JsonNode incidents = node.api().get("/api/v1/desk/incidents", token).json().get("incidents");
        assertThat(incidents).hasSize(2);
        assertThat(incidents.findValuesAsText("state")).containsExactlyInAnyOrder("open", "acknowledged");
        assertThat(incidents.findValuesAsText("acknowledgedBy")).contains("Prof. Maëlle Côté");
        // the hotline's phones: two missed calls to return, a call logged by hand
        String callbacks = node.api().get("/desk/callbacks", token).raw().body();
        assertThat(callbacks).contains("+14185550142", "+15815550123");
        assertThat(node.api().get("/desk/calls", token).raw().body()).contains("+18195550144", "consigné à la main", "la reprise aura lieu à 13 h");
    }
}
