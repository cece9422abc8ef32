package io.guichet.channels;

import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The widget's words come from the messages in both languages (written into /widget.js and the panel
 * page), and every page whose script shows times names the institution's configured zone.
 */
class WidgetPageTest {
    static TestNode node;
    static Api api;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_TIME_ZONE", "America/Toronto"));
        api = node.api();
        String admin = api.adminToken();
        api.createService(admin, "admissions", "Admissions");
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(-5)).plusDays(1);
        api.post("/api/v1/live", admin, Map.of("slug", "portes-ouvertes", "titleFr", "Portes ouvertes", "titleEn", "Open house",
                "startsAt", start.toString(), "endsAt", start.plusHours(2).toString(), "services", List.of("admissions")));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void theBubbleAndThePanelSpeakFromTheMessages() {
        String script = body("/widget.js", null);
        assertThat(script).contains("\"open\":\"Ouvrir le clavardage\"", "\"open\":\"Open the chat\"", "\"unread\":\"{0} unread messages\"")
                .doesNotContain("var STRINGS = {\"fr\": {}, \"en\": {}};");
        String panel = body("/widget/panel?service=admissions&lang=en", null);
        assertThat(panel).contains("<script type=\"application/json\" id=\"guichet-strings\">",
                "\"newConversation\":\"Commencer une nouvelle conversation\"", "\"newConversation\":\"Start a new conversation\"",
                "\"waitingNth\":\"Vous êtes {0}e dans la file\"");
    }

    @Test
    void pagesThatShowTimesNameTheInstitutionsZone() {
        String zone = "<meta name=\"guichet-zone\" content=\"America/Toronto\">";
        assertThat(body("/widget/panel", null)).contains(zone);
        assertThat(body("/e/portes-ouvertes", null)).contains(zone);
        assertThat(body("/console", api.adminToken())).contains(zone);
    }

    private static String body(String path, String token) {
        Api.Response r = api.get(path, token);
        assertThat(r.status()).as(path).isEqualTo(200);
        return r.raw().body();
    }
}
