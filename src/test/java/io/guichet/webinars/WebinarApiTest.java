package io.guichet.webinars;

import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The webinars API as an integrator and a registrant's browser use it: codes, shapes, refusals. */
class WebinarApiTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static final ZonedDateTime NEXT_MONTH = ZonedDateTime.now(WebinarFixture.TORONTO).plusMonths(1).withHour(14).withMinute(0).withSecond(0).withNano(0);

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Map<String, Object> session(String title, Integer capacity) {
        Map<String, Object> m = new HashMap<>(Map.of("titleFr", title, "titleEn", title + " (EN)", "descriptionFr", "Un **aperçu** <script>alert(1)</script>",
                "speakers", List.of("Élodie Tremblay"), "lang", "fr", "audiences", List.of("parents"),
                "startsAt", NEXT_MONTH.toOffsetDateTime().toString(), "endsAt", NEXT_MONTH.plusHours(1).toOffsetDateTime().toString(),
                "externalUrl", "https://meet.example.org/salle"));
        if (capacity != null) m.put("capacity", capacity);
        return m;
    }

    @Test
    void staffCreateASessionAnyoneReadsItAndRegistersAndTheSameEmailAgainIsTheSameRegistration() {
        Api.Response created = api.post("/api/v1/webinars/sessions", cegep.jérôme, session("Portes ouvertes", 1));
        assertThat(created.status()).isEqualTo(201);
        String id = created.text("id");
        assertThat(created.json().get("startsAt").asText()).endsWith(NEXT_MONTH.getOffset().toString());

        Api.Response listed = api.get("/api/v1/webinars/sessions", null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("sessions").findValuesAsText("id")).contains(id);

        Api.Response first = api.post("/api/v1/webinars/sessions/" + id + "/registrations", null,
                Map.of("name", "Zoé Lévesque", "email", "zoe@exemple.ca", "lang", "fr", "clientId", "a-1", "consent", true));
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.text("status")).isEqualTo("registered");
        Api.Response again = api.post("/api/v1/webinars/sessions/" + id + "/registrations", null,
                Map.of("name", "Zoé Lévesque", "email", "Zoe@Exemple.ca", "lang", "fr"));
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.text("id")).isEqualTo(first.text("id"));
        Api.Response second = api.post("/api/v1/webinars/sessions/" + id + "/registrations", null,
                Map.of("name", "Noé Gagnon", "email", "noe@exemple.ca", "lang", "en"));
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.text("status")).isEqualTo("waitlisted");

        Api.Response staffList = api.get("/api/v1/webinars/sessions/" + id + "/registrations", cegep.jérôme);
        assertThat(staffList.json().get("registrations").findValuesAsText("email")).containsExactly("zoe@exemple.ca", "noe@exemple.ca");
        assertThat(api.get("/api/v1/webinars/sessions/" + id + "/registrations", cegep.élodie).status()).as("an agent").isEqualTo(403);
        assertThat(api.get("/api/v1/webinars/sessions/" + id + "/registrations", null).status()).isEqualTo(401);
    }

    @Test
    void onlyThoseWhoRunWebinarsBuildTheProgramme() {
        assertThat(api.post("/api/v1/webinars/sessions", null, session("Anonyme", null)).status()).isEqualTo(401);
        assertThat(api.post("/api/v1/webinars/sessions", cegep.élodie, session("Agente", null)).status()).isEqualTo(403);
    }

    @Test
    void aSeriesIsMadeOfItsOccurrencesAndAGapTimeIsRefusedWithAClearMessage() {
        Map<String, Object> series = new HashMap<>(session("Séance d’information", null));
        series.remove("startsAt");
        series.remove("endsAt");
        LocalDate from = LocalDate.now(WebinarFixture.TORONTO).plusDays(1);
        series.putAll(Map.of("slug", "info-vendredi", "weekday", "friday", "time", "14:00", "minutes", 60,
                "from", from.toString(), "until", from.plusWeeks(4).minusDays(1).toString())); // 28 days: four Fridays, whatever today is
        Api.Response created = api.post("/api/v1/webinars/series", cegep.jérôme, series);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().get("sessions")).hasSize(4);
        assertThat(created.json().get("sessions").findValuesAsText("startsAt")).allMatch(t -> t.contains("T14:00"));

        Map<String, Object> gap = new HashMap<>(series);
        gap.putAll(Map.of("slug", "nuit", "weekday", "sunday", "time", "02:30", "from", "2030-03-01", "until", "2030-03-31"));
        Api.Response refused = api.post("/api/v1/webinars/series", cegep.jérôme, gap);
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.json().at("/error/message").asText()).contains("2030-03-10").contains("does not exist");

        String seriesId = created.text("id");
        Api.Response all = api.post("/api/v1/webinars/series/" + seriesId + "/registrations", null, Map.of("name", "Zoé", "email", "serie@exemple.ca"));
        assertThat(all.status()).isEqualTo(201);
        assertThat(all.json().get("registrations")).hasSize(4);
    }

    @Test
    void badRegistrationsAreRefusedNamingTheField() {
        String id = api.post("/api/v1/webinars/sessions", cegep.jérôme, session("Salon virtuel", null)).text("id");
        String path = "/api/v1/webinars/sessions/" + id + "/registrations";
        assertThat(api.postRaw(path, null, "{\"name\":").status()).isEqualTo(400);
        Api.Response wrongType = api.post(path, null, Map.of("name", 42, "email", "a@exemple.ca"));
        assertThat(wrongType.status()).isEqualTo(422);
        assertThat(wrongType.json().at("/error/message").asText()).isEqualTo("name must be a string");
        Api.Response control = api.post(path, null, Map.of("name", "Zoé\u0007", "email", "a@exemple.ca"));
        assertThat(control.json().at("/error/message").asText()).isEqualTo("name contains a control character");
        Api.Response unknown = api.post(path, null, Map.of("name", "Zoé", "email", "a@exemple.ca", "admin", true));
        assertThat(unknown.json().at("/error/message").asText()).isEqualTo("Unknown field admin");
        assertThat(api.post("/api/v1/webinars/sessions/99999/registrations", null, Map.of("name", "Zoé", "email", "a@exemple.ca")).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/webinars/sessions/abc/registrations", null, Map.of("name", "Zoé", "email", "a@exemple.ca")).status()).isEqualTo(404);
    }
}
