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

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Advice per slot on a node in Toronto, on the test's clock (Wednesday 17 March 2027, noon): four Mondays of history
 * with 40 chats each at 8:00, each handled in 3 minutes; the exam period Monday to Saturday 7:30–19:30 the week of 22
 * March; Élodie and Maëlle planned Monday at 8:00.
 */
class SlotAdviceTest {
    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    static TestNode node;
    static Api api;
    static Cegep cegep;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_TIME_ZONE", "America/Toronto"),
                new MovingClock(LocalDate.of(2027, 3, 17).atTime(12, 0).atZone(TORONTO).toInstant()));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
        api.createStaff(cegep.admin, "maelle@cegep-test.qc.ca", "Maëlle Gauthier", "agent", 5, Cegep.ADMISSIONS);
        long service = OpeningPeriodsTest.service(api, Cegep.ADMISSIONS).path("id").asLong();
        // a synthetic history, written as the inbox stores it: nothing but counts and times is read from it
        node.app.database().jdbi().useHandle(h -> {
            var batch = h.prepareBatch("""
                    INSERT INTO conversations (service_id, contact_id, client_id, status, created_at, queued_at, assigned_at, resolved_at)
                    VALUES (:s, :c, :cid, 'resolved', :t, :t, :t, :r)""");
            int n = 0;
            for (LocalDate monday = LocalDate.of(2027, 2, 22); monday.isBefore(LocalDate.of(2027, 3, 16)); monday = monday.plusWeeks(1)) {
                Instant eight = monday.atTime(8, 0).atZone(TORONTO).toInstant();
                for (int i = 0; i < 40; i++, n++) {
                    Instant t = eight.plusSeconds(i * 40L);
                    batch.bind("s", service).bind("c", 900_000 + n).bind("cid", "histoire-" + n).bind("t", t.atOffset(ZoneOffset.UTC))
                            .bind("r", t.plus(Duration.ofMinutes(3)).atOffset(ZoneOffset.UTC)).add();
                }
            }
            batch.execute();
        });
        api.post("/api/v1/staffing/periods", cegep.jérôme, Map.of("service", Cegep.ADMISSIONS, "labelFr", "Examens", "startsAt", "2027-03-22",
                "endsAt", "2027-03-27", "hours", List.of(1, 2, 3, 4, 5, 6).stream().map(d -> Map.of("weekday", d, "opens", "07:30", "closes", "19:30")).toList()));
        JsonNode team = api.get("/api/v1/staffing/rota/admissions?week=2027-03-22", cegep.jérôme).json().path("team");
        api.put("/api/v1/staffing/rota/admissions", cegep.jérôme, Map.of("slots", List.of(Map.of("start", "2027-03-22T08:00-04:00",
                "staffIds", List.of(RotaTest.idOf(team, "Élodie Tremblay"), RotaTest.idOf(team, "Maëlle Gauthier"))))));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static JsonNode slot(JsonNode advice, String start) {
        for (JsonNode s : advice.path("slots")) if (s.path("start").asText().equals(start)) return s;
        throw new AssertionError(start);
    }

    @Test
    void eachOpenSlotHasItsForecastTheAgentsNeededThePlannedTeamAndTheUnderStaffedOnesFlagged() {
        Api.Response r = api.get("/api/v1/staffing/advice?service=admissions&from=2027-03-22&to=2027-03-27", cegep.jérôme);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        JsonNode advice = r.json();
        assertThat(advice.path("slots")).as("24 half hours a day, Monday to Saturday").hasSize(6 * 24);
        assertThat(advice.path("slots").get(0).path("start").asText()).isEqualTo("2027-03-22T07:30-04:00");
        assertThat(advice.path("aht").asDouble()).as("measured: three minutes").isCloseTo(180, within(0.01));
        assertThat(advice.path("target").path("answerPercent").asDouble()).isEqualTo(90);

        JsonNode eight = slot(advice, "2027-03-22T08:00-04:00");
        assertThat(eight.path("arrivals").asDouble()).isEqualTo(40);
        int needed = ErlangC.needed(80, 180, 60, 90);
        assertThat(eight.path("needed").asInt()).isEqualTo(needed).isGreaterThan(2);
        assertThat(eight.path("planned").asInt()).isEqualTo(2);
        assertThat(eight.path("serviceLevel").asDouble()).as("2 agents for 4 Erlangs: the queue never empties").isZero();
        assertThat(eight.path("expectedWait").isNull()).isTrue();
        assertThat(eight.path("understaffed").asBoolean()).isTrue();

        JsonNode nine = slot(advice, "2027-03-22T09:00-04:00");
        assertThat(nine.path("arrivals").asDouble()).isZero();
        assertThat(nine.path("needed").asInt()).isZero();
        assertThat(nine.path("understaffed").asBoolean()).isFalse();
    }

    @Test
    void aTargetSetByTheLeadChangesTheAgentsNeededAndBadInputIsRefused() {
        Api.Response set = api.put("/api/v1/staffing/targets/admissions", cegep.jérôme, Map.of("channel", "chat", "answerSeconds", 20, "answerPercent", 80));
        assertThat(set.status()).as(set.raw().body()).isEqualTo(200);
        JsonNode eight = slot(api.get("/api/v1/staffing/advice?service=admissions&from=2027-03-22&to=2027-03-22", cegep.jérôme).json(),
                "2027-03-22T08:00-04:00");
        assertThat(eight.path("needed").asInt()).isEqualTo(ErlangC.needed(80, 180, 20, 80));
        api.put("/api/v1/staffing/targets/admissions", cegep.jérôme, Map.of("channel", "chat", "answerSeconds", 60, "answerPercent", 90));

        assertThat(api.put("/api/v1/staffing/targets/admissions", cegep.jérôme, Map.of("channel", "pigeon", "answerSeconds", 0, "answerPercent", 100))
                .status()).isEqualTo(422);
        assertThat(api.get("/api/v1/staffing/advice?service=admissions&from=2027-03-22&to=2027-05-22", cegep.jérôme).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/staffing/advice?service=admissions&from=lundi", cegep.jérôme).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/staffing/advice?service=admissions", cegep.élodie).status()).isEqualTo(403);
        assertThat(api.get("/api/v1/staffing/advice?service=admissions", null).status()).isEqualTo(401);
    }
}
