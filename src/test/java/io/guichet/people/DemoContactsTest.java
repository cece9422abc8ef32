package io.guichet.people;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo cégep has people of every kind, custom fields and segments that hold the people their names say. */
class DemoContactsTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_DEMO", "true"));
    static final Api api = node.api();

    @Test
    void theDemoSegmentsHoldWhomTheirNamesSay() {
        String admin = api.adminToken();
        JsonNode segments = api.get("/api/v1/segments", admin).json().path("segments");
        Map<String, List<String>> members = new java.util.TreeMap<>();
        for (JsonNode s : segments) {
            List<String> names = new ArrayList<>();
            api.get("/api/v1/contacts?sort=name&segment=" + s.path("id").asText(), admin).json().path("contacts")
                    .forEach(c -> names.add(c.path("name").asText()));
            members.put(s.path("name").asText(), names);
        }
        assertThat(members).containsEntry("Prospects de Sherbrooke", List.of("Chloé Pelletier", "Élodie Fortin"))
                .containsEntry("Parents de l’international", List.of("Amira Benali", "Hélène Moreau"))
                .containsEntry("Infolettre : consentement valide", List.of("Camille Bouchard"));
        Set<String> kinds = new java.util.HashSet<>();
        api.get("/api/v1/contacts?limit=200", admin).json().path("contacts").forEach(c -> c.path("kinds").forEach(k -> kinds.add(k.asText())));
        assertThat(kinds).containsExactlyInAnyOrderElementsOf(ContactDraft.KINDS);
        assertThat(api.get("/api/v1/contact-fields", admin).json().path("fields").findValuesAsText("labelFr"))
                .containsExactly("Cohorte", "Date de la dernière visite");
    }
}
