package io.guichet.staffing;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.MovingClock;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rota through its API, in Toronto's zone on the test's clock (Wednesday 10 March 2027): the admissions team is
 * Élodie and Maëlle; Noémie works for IT support. The week of 8 March is copied onto the week of 15 March, across the
 * change to summer time.
 */
class RotaTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static String maëlle, élodieId, maëlleId, noémieId;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_TIME_ZONE", "America/Toronto"),
                new MovingClock(Instant.parse("2027-03-10T15:00:00Z")));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE, Cegep.Persona.NOEMIE).withSupervisor();
        maëlle = api.createStaff(cegep.admin, "maelle@cegep-test.qc.ca", "Maëlle Gauthier", "agent", 5, Cegep.ADMISSIONS);
        JsonNode team = api.get("/api/v1/staffing/rota/admissions?week=2027-03-08", cegep.jérôme).json().path("team");
        élodieId = idOf(team, "Élodie Tremblay");
        maëlleId = idOf(team, "Maëlle Gauthier");
        noémieId = idOf(api.get("/api/v1/staffing/rota/soutien-informatique", cegep.jérôme).json().path("team"), "Noémie Côté");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static String idOf(JsonNode team, String name) {
        for (JsonNode m : team) if (m.path("name").asText().equals(name)) return m.path("id").asText();
        throw new AssertionError(name + " not in " + team);
    }

    static List<String> names(JsonNode team) {
        List<String> names = new ArrayList<>();
        team.forEach(m -> names.add(m.path("name").asText()));
        return names;
    }

    @Test
    void aLeadPlansSlotsCopiesTheWeekAcrossSummerTimeAndTheAgentReadsTheirShifts() {
        JsonNode week = api.get("/api/v1/staffing/rota/admissions?week=2027-03-10", cegep.jérôme).json();
        assertThat(week.path("week").asText()).as("a week is named by its Monday").isEqualTo("2027-03-08");
        assertThat(names(week.path("team"))).containsExactly("Élodie Tremblay", "Maëlle Gauthier");

        Api.Response put = api.put("/api/v1/staffing/rota/admissions", cegep.jérôme, Map.of("slots", List.of(
                Map.of("start", "2027-03-08T08:00-05:00", "staffIds", List.of(élodieId, maëlleId)),
                Map.of("start", "2027-03-08T08:30-05:00", "staffIds", List.of(élodieId)))));
        assertThat(put.status()).as(put.raw().body()).isEqualTo(200);
        JsonNode slots = api.get("/api/v1/staffing/rota/admissions?week=2027-03-08", cegep.jérôme).json().path("slots");
        assertThat(slots).hasSize(2);
        assertThat(slots.get(0).path("start").asText()).isEqualTo("2027-03-08T08:00-05:00");
        assertThat(slots.get(0).path("staffIds")).hasSize(2);

        JsonNode copied = api.post("/api/v1/staffing/rota/admissions/copy", cegep.jérôme, Map.of("from", "2027-03-08", "to", "2027-03-15")).json();
        assertThat(copied.path("slots").get(0).path("start").asText()).as("8:00 stays 8:00 in summer time").isEqualTo("2027-03-15T08:00-04:00");
        assertThat(copied.path("slots")).hasSize(2);

        JsonNode mine = api.get("/api/v1/staffing/me/shifts?week=2027-03-15", cegep.élodie).json().path("shifts");
        assertThat(mine).hasSize(1);
        assertThat(mine.get(0).path("start").asText()).isEqualTo("2027-03-15T08:00-04:00");
        assertThat(mine.get(0).path("end").asText()).as("two slots make one shift").isEqualTo("2027-03-15T09:00-04:00");
        assertThat(api.get("/api/v1/staffing/me/shifts?week=2027-03-15", maëlle).json().path("shifts").get(0).path("end").asText())
                .isEqualTo("2027-03-15T08:30-04:00");

        api.put("/api/v1/staffing/rota/admissions", cegep.jérôme, Map.of("slots", List.of(
                Map.of("start", "2027-03-15T08:00-04:00", "staffIds", List.of()))));
        assertThat(api.get("/api/v1/staffing/me/shifts?week=2027-03-15", cegep.élodie).json().path("shifts").get(0).path("start").asText())
                .as("an empty list clears the slot").isEqualTo("2027-03-15T08:30-04:00");

        String feed = api.get("/api/v1/staffing/me/shifts?week=2027-03-15", cegep.élodie).json().path("feed").asText();
        Api.Response ics = api.get(feed.substring(feed.indexOf("/link/")), null);
        assertThat(ics.status()).isEqualTo(200);
        assertThat(ics.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        net.fortuna.ical4j.model.Calendar calendar;
        try {
            calendar = new net.fortuna.ical4j.data.CalendarBuilder().build(new java.io.StringReader(ics.raw().body()));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        List<net.fortuna.ical4j.model.component.VEvent> events = calendar.getComponents("VEVENT");
        assertThat(events).as("the copied week's shift and the week before's, as the calendar app reads them").hasSize(2);
        assertThat(ics.raw().body()).contains("DTSTART:20270315T123000Z", "SUMMARY:Quart — Admissions");
        assertThat(api.get(feed.substring(feed.indexOf("/link/")).replace(".ics", "x.ics"), null).status()).as("a forged link").isEqualTo(404);
    }

    @Test
    void badSlotsOutsidersAndAgentsAreRefused() {
        Api.Response bad = api.put("/api/v1/staffing/rota/admissions", cegep.jérôme, Map.of("slots", List.of(
                Map.of("start", "2027-03-09T08:15-05:00", "staffIds", List.of(élodieId)),
                Map.of("start", "2027-03-09T09:00-05:00", "staffIds", List.of(noémieId)))));
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.json().path("error").path("message").asText()).contains("half hour");
        assertThat(api.get("/api/v1/staffing/rota/admissions?week=2027-03-08", cegep.jérôme).json().path("slots").toString())
                .as("nothing of a refused write is stored").doesNotContain("2027-03-09");
        assertThat(api.put("/api/v1/staffing/rota/admissions", cegep.jérôme, Map.of("slots", List.of(
                Map.of("start", "2027-03-09T09:00-05:00", "staffIds", List.of(noémieId))))).json().path("error").path("message").asText())
                .contains("does not work for admissions");
        assertThat(api.put("/api/v1/staffing/rota/admissions", cegep.jérôme, Map.of("slots", List.of(
                Map.of("start", "lundi 8 h", "staffIds", List.of(élodieId))))).status()).isEqualTo(422);
        assertThat(api.put("/api/v1/staffing/rota/admissions", cegep.jérôme, Map.of("slots", "tous")).status()).isEqualTo(422);
        assertThat(api.put("/api/v1/staffing/rota/admissions", cegep.élodie, Map.of("slots", List.of())).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/staffing/rota/nulle-part", cegep.jérôme).status()).isEqualTo(404);
        assertThat(api.post("/api/v1/staffing/rota/admissions/copy", cegep.jérôme, Map.of("from", "2027-03-08", "to", "2027-03-08")).status())
                .isEqualTo(422);
    }

    @Test
    void skillsAreAClosedListALeadSets() {
        Api.Response set = api.put("/api/v1/staffing/skills/" + élodieId, cegep.jérôme, Map.of("skills", List.of("fr", "en", "trained")));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        assertThat(set.json().path("skills").toString()).isEqualTo("[\"en\",\"fr\",\"trained\"]");
        assertThat(api.get("/api/v1/staffing/rota/admissions", cegep.jérôme).json().path("team").get(0).path("skills")).hasSize(3);
        assertThat(api.put("/api/v1/staffing/skills/" + élodieId, cegep.jérôme, Map.of("skills", List.of("klingon"))).status()).isEqualTo(422);
        assertThat(api.put("/api/v1/staffing/skills/" + élodieId, cegep.élodie, Map.of("skills", List.of("en"))).status()).isEqualTo(403);
        assertThat(api.put("/api/v1/staffing/skills/999999", cegep.jérôme, Map.of("skills", List.of("en"))).status()).isEqualTo(404);
    }
}
