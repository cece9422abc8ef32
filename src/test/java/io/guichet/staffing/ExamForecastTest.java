package io.guichet.staffing;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Api;
import io.guichet.testing.Browsers;
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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The exam calendar in the exam hotline's forecast, on the test's clock (Wednesday 17 March 2027, noon, Toronto): last
 * Monday 100 students sat a remote exam 9:00–10:30 and the hotline had 10 chats at 9:00; next Monday 200 students sit
 * one at the same time.
 */
class ExamForecastTest {
    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static long pastSitting;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_TIME_ZONE", "America/Toronto"),
                new MovingClock(LocalDate.of(2027, 3, 17).atTime(12, 0).atZone(TORONTO).toInstant()));
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.NOEMIE).withSupervisor();
        pastSitting = sitting("HIST-1", LocalDate.of(2027, 3, 15), 100);
        sitting("PHY-2", LocalDate.of(2027, 3, 22), 200);
        long service = OpeningPeriodsTest.service(api, Cegep.SOUTIEN_INFORMATIQUE).path("id").asLong();
        node.app.database().jdbi().useHandle(h -> {
            var batch = h.prepareBatch("""
                    INSERT INTO conversations (service_id, contact_id, client_id, status, created_at, queued_at, assigned_at, resolved_at)
                    VALUES (:s, :c, :cid, 'resolved', :t, :t, :t, :r)""");
            Instant nine = LocalDate.of(2027, 3, 15).atTime(9, 0).atZone(TORONTO).toInstant();
            for (int i = 0; i < 10; i++) {
                Instant t = nine.plusSeconds(i * 120L);
                batch.bind("s", service).bind("c", 910_000 + i).bind("cid", "examen-" + i).bind("t", t.atOffset(ZoneOffset.UTC))
                        .bind("r", t.plus(Duration.ofMinutes(4)).atOffset(ZoneOffset.UTC)).add();
            }
            batch.execute();
        });
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A remote sitting 9:00–10:30 that day with this many students, as the registrar's system sends it. */
    static long sitting(String ref, LocalDate day, int students) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sittingId", ref);
        m.put("courseCode", ref);
        m.put("courseTitle", "Électricité et magnétisme — " + ref);
        m.put("start", day.atTime(9, 0).atZone(TORONTO).toOffsetDateTime().toString());
        m.put("durationMinutes", 90);
        m.put("mode", "remote");
        m.put("faculty", Map.of("code", "fsg", "name", "Faculté des sciences et de génie", "examOfficeEmail", "examens-fsg@univ-test.ca",
                "backupName", "Hélène Dubé", "backupEmail", "releve-fsg@univ-test.ca"));
        m.put("professors", List.of(Map.of("email", "prof-" + ref.toLowerCase() + "@univ-test.ca", "name", "Prof. Loïc Pelletier", "lang", "fr")));
        m.put("studentNumbers", IntStream.range(0, students).mapToObj(i -> ref + "-" + i).toList());
        Api.Response r = api.post("/api/v1/desk/sittings", cegep.jérôme, m);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static JsonNode advice(String service) {
        return advice(service, "chat");
    }

    static JsonNode advice(String service, String channel) {
        Api.Response r = api.get("/api/v1/staffing/advice?service=" + service + "&channel=" + channel + "&from=2027-03-22&to=2027-03-22", cegep.jérôme);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void thePhoneLinesAdviceReadsTheCallsThatRangTheirLengthAndThePhoneTarget() {
        // last Monday at 9:00, six calls rang: five answered for 3 minutes, one missed
        node.app.database().jdbi().useHandle(h -> {
            Instant nine = LocalDate.of(2027, 3, 15).atTime(9, 0).atZone(TORONTO).toInstant();
            for (int i = 0; i < 6; i++) {
                Instant rang = nine.plusSeconds(i * 240L);
                List<String> events = i == 5 ? List.of("ringing", "missed") : List.of("ringing", "answered", "ended");
                for (String e : events) {
                    Instant at = switch (e) {
                        case "answered" -> rang.plusSeconds(10);
                        case "ended" -> rang.plusSeconds(190);
                        case "missed" -> rang.plusSeconds(30);
                        default -> rang;
                    };
                    h.createUpdate("""
                            INSERT INTO desk_call_events (call_id, event, from_number, to_number, at, received_at)
                            VALUES (:c, :e, '+15145550100', '+15145550199', :at, :at)""")
                            .bind("c", "hist-call-" + i).bind("e", e).bind("at", at.atOffset(ZoneOffset.UTC)).execute();
                }
            }
        });
        JsonNode calls = advice(Cegep.SOUTIEN_INFORMATIQUE, "call");
        assertThat(calls.path("channel").asText()).isEqualTo("call");
        assertThat(calls.path("aht").asDouble()).as("answer to hang-up").isCloseTo(180, within(1e-6));
        assertThat(calls.path("target").path("answerSeconds").asInt()).as("the phone's target, not the chat's").isEqualTo(20);
        JsonNode nine = SlotAdviceTest.slot(calls, "2027-03-22T09:00-04:00");
        // six calls less the 1 last Monday's 100 students explain, over four weeks, plus 200 students × 0.01 (no call incident yet)
        assertThat(nine.path("arrivals").asDouble()).isCloseTo((6 - 1) / 4.0 + 2, within(1e-9));
        assertThat(nine.path("needed").asInt()).isEqualTo(ErlangC.needed(nine.path("arrivals").asDouble() * 2, 180, 20, 80));
        assertThat(api.get("/api/v1/staffing/advice?service=" + Cegep.SOUTIEN_INFORMATIQUE + "&channel=pigeon", cegep.jérôme).status()).isEqualTo(422);
        assertThat(advice(Cegep.ADMISSIONS, "call").path("slots").findValues("arrivals").stream().mapToDouble(JsonNode::asDouble).sum())
                .as("no phone line there").isZero();
    }

    @Test
    void studentsSittingAddTheirContactsAtTheMeasuredRateAndPastExamsAreNotCountedTwice() throws Exception {
        // no incident recorded yet: 1 contact per 100 students per half hour is assumed
        JsonNode assumed = advice(Cegep.SOUTIEN_INFORMATIQUE);
        assertThat(assumed.path("examRateMeasured").asBoolean()).isFalse();
        JsonNode nine = SlotAdviceTest.slot(assumed, "2027-03-22T09:00-04:00");
        assertThat(nine.path("studentsSitting").asInt()).isEqualTo(200);
        // last Monday's 10 chats less the 1 its 100 students explain, over four weeks, plus 200 × 0.01
        assertThat(nine.path("arrivals").asDouble()).isCloseTo((10 - 1) / 4.0 + 2, within(1e-9));

        // six incidents in last Monday's sitting: 6 over 100 students × 3 half hours = 0.02
        node.app.database().jdbi().useHandle(h -> {
            for (int i = 0; i < 6; i++) {
                h.createUpdate("""
                        INSERT INTO desk_incidents (client_id, sitting_id, contact_id, category, description, started_at, after_end, created_by,
                                                    created_at, notified_at)
                        VALUES (:cid, :s, :c, 'platform', 'La page ne charge plus.', :t, false, 1, :t, :t)""")
                        .bind("cid", "hist-incident-" + i).bind("s", pastSitting).bind("c", 920_000 + i)
                        .bind("t", LocalDate.of(2027, 3, 15).atTime(9, 10 + i).atZone(TORONTO).toOffsetDateTime()).execute();
            }
        });
        JsonNode measured = advice(Cegep.SOUTIEN_INFORMATIQUE);
        assertThat(measured.path("examRateMeasured").asBoolean()).isTrue();
        assertThat(measured.path("examRate").asDouble()).isCloseTo(0.02, within(1e-9));
        assertThat(SlotAdviceTest.slot(measured, "2027-03-22T09:00-04:00").path("arrivals").asDouble()).isCloseTo((10 - 2) / 4.0 + 4, within(1e-9));
        assertThat(SlotAdviceTest.slot(measured, "2027-03-22T10:00-04:00").path("arrivals").asDouble()).as("the sitting's last half hour").isCloseTo(4, within(1e-9));
        assertThat(SlotAdviceTest.slot(measured, "2027-03-22T10:30-04:00").path("studentsSitting").asInt()).as("over at 10:30").isZero();
        int needed = SlotAdviceTest.slot(measured, "2027-03-22T09:00-04:00").path("needed").asInt();
        assertThat(needed).isEqualTo(ErlangC.needed(12, 240, 60, 90));

        // another service has no exam contacts
        for (JsonNode s : advice(Cegep.ADMISSIONS).path("slots")) assertThat(s.path("studentsSitting").asInt()).isZero();

        // the lead's screen says it, at both widths
        List<String> problems = new ArrayList<>();
        try (Browsers browsers = new Browsers()) {
            for (int width : new int[]{1440, 390}) {
                try (BrowserContext lead = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                    Page page = Browsers.signIn(lead, node.baseUrl(), "/staffing/advice?service=" + Cegep.SOUTIEN_INFORMATIQUE + "&week=2027-03-22",
                            Cegep.Persona.JEROME.email, Cegep.PASSWORD);
                    assertThat(page.textContent("#exams")).isEqualTo("Examens à distance\u00a0: jusqu’à 200 étudiant·es en même temps\u00a0; "
                            + "on compte 1 demande pour 50 étudiant·es par demi-heure d’examen (mesuré sur les incidents des quatre dernières semaines).");
                    assertThat(page.locator("td[title*='200 étudiant·es en examen']").count()).isEqualTo(3);
                    Browsers.shoot(page, "staffing-advice-exams-" + width, problems);
                    page.selectOption("#channel", "call");
                    page.click("form.staffing-choice button[type=submit]");
                    page.waitForURL("**channel=call**");
                    assertThat(page.textContent(".advice-facts")).contains("des appels répondus en 20\u00a0s");
                    assertThat(page.getAttribute(".staffing-weeks a >> nth=1", "href")).contains("channel=call");
                    Browsers.shoot(page, "staffing-advice-calls-" + width, problems);
                }
            }
        }
        assertThat(problems).isEmpty();
    }
}
