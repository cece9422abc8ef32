package io.guichet.staffing;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.identity.Role;
import io.guichet.identity.Staff;
import io.guichet.platform.db.Database;
import io.guichet.platform.web.ApiError;
import io.guichet.services.OpeningHours;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.guichet.staffing.StaffingPeriods.Draft;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.MovingClock;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Periods override a service's week, in Toronto's zone across the change to daylight-saving time (Sunday 14 March
 * 2027): the service is open Monday to Friday 8:30–16:30, and the exam period from 8 to 20 March Monday to Saturday
 * 7:30–19:30. The clock is the test's.
 */
class OpeningPeriodsTest {
    static final ZoneId TORONTO = ZoneId.of("America/Toronto");
    static final Staff LEAD = new Staff(3, "jerome@cegep-test.qc.ca", "Jérôme Bélanger", Role.SUPERVISOR, "fr", true);
    static final Staff AGENT = new Staff(7, "elodie@cegep-test.qc.ca", "Élodie Tremblay", Role.AGENT, "fr", true);
    static final MovingClock clock = new MovingClock(at(2027, 3, 10, 10, 0));
    static Database database;
    static StaffingPeriods periods;
    static ServiceCatalogue catalogue;
    static ServiceQueue admissions;

    static Instant at(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, TORONTO).toInstant();
    }

    static List<OpeningHours> days(int from, int to, LocalTime opens, LocalTime closes) {
        List<OpeningHours> hours = new ArrayList<>();
        for (int d = from; d <= to; d++) hours.add(new OpeningHours(d, opens, closes));
        return hours;
    }

    @BeforeAll
    static void start() {
        database = TestDatabases.fresh().connect(4);
        periods = new StaffingPeriods(database.jdbi(), clock, TORONTO);
        catalogue = new ServiceCatalogue(database.jdbi(), clock, TORONTO, periods);
        long id = catalogue.doCreateService(Staff.SYSTEM, "admissions", "Admissions", "Admissions", List.of("fr", "en")).id();
        admissions = catalogue.doUpdateService(Staff.SYSTEM, id, "Admissions", "Admissions", List.of("fr", "en"), true,
                days(1, 5, LocalTime.of(8, 30), LocalTime.of(16, 30)));
        periods.doCreatePeriod(LEAD, new Draft(admissions, "Examens de fin de session", "Final exams", LocalDate.of(2027, 3, 8),
                LocalDate.of(2027, 3, 20), false, days(1, 6, LocalTime.of(7, 30), LocalTime.of(19, 30))));
    }

    @AfterAll
    static void stop() {
        database.close();
    }

    boolean openAt(Instant t) {
        clock.set(t);
        return catalogue.isOpenNow(catalogue.findById(admissions.id()));
    }

    ZonedDateTime nextOpeningAt(Instant t) {
        clock.set(t);
        return catalogue.nextOpening(catalogue.findById(admissions.id())).orElseThrow();
    }

    @Test
    void theExamPeriodReplacesTheWeekAndKeepsItsWallClockAcrossTheChangeToSummerTime() {
        assertThat(openAt(at(2027, 3, 10, 7, 45))).as("7:45 on a Wednesday of the period, before the week's 8:30").isTrue();
        assertThat(openAt(at(2027, 3, 13, 18, 0))).as("Saturday 18:00: the period opens Saturdays").isTrue();
        assertThat(openAt(at(2027, 3, 13, 20, 0))).isFalse();
        assertThat(nextOpeningAt(at(2027, 3, 13, 20, 0))).as("no Sunday in the period; Monday 7:30 is summer time")
                .isEqualTo(ZonedDateTime.of(2027, 3, 15, 7, 30, 0, 0, TORONTO));
        assertThat(nextOpeningAt(at(2027, 3, 13, 20, 0)).toInstant()).isEqualTo(Instant.parse("2027-03-15T11:30:00Z"));
        assertThat(openAt(Instant.parse("2027-03-15T11:45:00Z"))).as("7:45 EDT").isTrue();
        assertThat(openAt(Instant.parse("2027-03-12T11:45:00Z"))).as("the same UTC time a week earlier is 6:45 EST").isFalse();

        assertThat(openAt(at(2027, 3, 22, 8, 0))).as("after the period, the week's 8:30 again").isFalse();
        assertThat(nextOpeningAt(at(2027, 3, 22, 8, 0))).isEqualTo(ZonedDateTime.of(2027, 3, 22, 8, 30, 0, 0, TORONTO));
        assertThat(catalogue.hoursOn(catalogue.findById(admissions.id()), LocalDate.of(2027, 3, 14)).hours())
                .as("the period's Sunday is closed, as the week's").isEmpty();
    }

    @Test
    void aClosedPeriodShutsItsDaysAndAnEveningPeriodKeepsTheServiceOpenLate() {
        clock.set(at(2027, 3, 10, 10, 0));
        var closed = periods.doCreatePeriod(LEAD, new Draft(admissions, "Relâche", null, LocalDate.of(2027, 4, 5),
                LocalDate.of(2027, 4, 9), true, List.of()));
        assertThat(closed.labelEn()).as("the French label stands for both when no English one is given").isEqualTo("Relâche");
        assertThat(openAt(at(2027, 4, 6, 10, 0))).isFalse();
        assertThat(nextOpeningAt(at(2027, 4, 6, 10, 0))).isEqualTo(ZonedDateTime.of(2027, 4, 12, 8, 30, 0, 0, TORONTO));

        clock.set(at(2027, 3, 10, 10, 0));
        periods.doCreatePeriod(LEAD, new Draft(admissions, "Date limite d’admission", "Admission deadline", LocalDate.of(2027, 4, 1),
                LocalDate.of(2027, 4, 1), false, List.of(new OpeningHours(4, LocalTime.of(8, 30), LocalTime.of(22, 0)))));
        assertThat(openAt(at(2027, 4, 1, 21, 30))).isTrue();
        assertThat(openAt(at(2027, 4, 1, 22, 0))).isFalse();
        assertThat(openAt(at(2027, 4, 2, 16, 0))).as("the next day keeps its week").isTrue();
    }

    @Test
    void periodsNeverOverlapAndEveryBadFieldIsToldAtOnce() {
        clock.set(at(2027, 3, 10, 10, 0));
        assertThatThrownBy(() -> periods.doCreatePeriod(LEAD, new Draft(admissions, "Chevauche", null, LocalDate.of(2027, 3, 19),
                LocalDate.of(2027, 3, 23), true, List.of())))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo("period_overlap"));
        assertThatThrownBy(() -> periods.doCreatePeriod(LEAD, new Draft(admissions, " ", "x".repeat(81), LocalDate.of(2027, 6, 9),
                LocalDate.of(2027, 6, 1), false, List.of(new OpeningHours(2, LocalTime.of(18, 0), LocalTime.of(9, 0))))))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.all()).extracting(ApiError::field)
                        .containsExactly("labelFr", "labelEn", "endsAt", "hours"));
        assertThatThrownBy(() -> periods.doCreatePeriod(LEAD, new Draft(admissions, "Examens\u0007", null, LocalDate.of(2027, 6, 1),
                LocalDate.of(2027, 6, 9), true, days(1, 1, LocalTime.of(8, 0), LocalTime.of(9, 0)))))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.all()).extracting(ApiError::field).containsExactly("labelFr", "hours"));
        assertThatThrownBy(() -> periods.doCreatePeriod(LEAD, new Draft(admissions, "Passé", null, LocalDate.of(2027, 1, 1),
                LocalDate.of(2027, 1, 9), true, List.of())))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.reason()).isEqualTo("past"));
        assertThatThrownBy(() -> periods.doCreatePeriod(AGENT, new Draft(admissions, "Examens", null, LocalDate.of(2027, 6, 1),
                LocalDate.of(2027, 6, 9), true, List.of())))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.status()).isEqualTo(403));
    }

    /** The API an integration calls, and what the public list of services then says, on a node in Toronto's zone. */
    @Test
    void theApiPlansAPeriodAndThePublicListShowsTodaysHoursAndTheNextOpening() {
        MovingClock nodeClock = new MovingClock(at(2027, 5, 3, 20, 0)); // Monday evening, closed
        try (TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_TIME_ZONE", "America/Toronto"), nodeClock)) {
            Api api = node.api();
            Cegep cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
            Map<String, Object> exams = Map.of("service", Cegep.ADMISSIONS, "labelFr", "Examens", "labelEn", "Exams",
                    "startsAt", "2027-05-03", "endsAt", "2027-05-15",
                    "hours", List.of(Map.of("weekday", 1, "opens", "07:30", "closes", "19:30"), Map.of("weekday", 2, "opens", "07:30", "closes", "19:30")));
            Api.Response created = api.post("/api/v1/staffing/periods", cegep.jérôme, exams);
            assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
            String id = created.text("id");
            assertThat(created.json().path("hours")).hasSize(2);

            JsonNode listed = service(api, Cegep.ADMISSIONS);
            assertThat(listed.path("open").asBoolean()).isFalse();
            assertThat(listed.path("opensAt").asText()).isEqualTo("2027-05-04T07:30-04:00");
            assertThat(listed.path("hoursToday").get(0).path("closes").asText()).isEqualTo("19:30");
            assertThat(listed.path("period").path("labelFr").asText()).isEqualTo("Examens");

            Api.Response moved = api.put("/api/v1/staffing/periods/" + id, cegep.jérôme, Map.of("service", Cegep.ADMISSIONS,
                    "labelFr", "Examens", "startsAt", "2027-05-03", "endsAt", "2027-05-15", "closed", true));
            assertThat(moved.status()).as(moved.raw().body()).isEqualTo(200);
            assertThat(service(api, Cegep.ADMISSIONS).path("opensAt").asText()).as("closed until the 15th, then the week (always open)")
                    .isEqualTo("2027-05-16T00:00-04:00");

            Api.Response bad = api.post("/api/v1/staffing/periods", cegep.jérôme, Map.of("service", Cegep.ADMISSIONS, "labelFr", "<b>Examens</b>",
                    "startsAt", "3 mai", "endsAt", "2027-13-01", "hours", List.of(Map.of("weekday", 1, "opens", "7h30", "closes", "19:30"))));
            assertThat(bad.status()).isEqualTo(422);
            assertThat(bad.json().path("error").path("message").asText()).as("the first of the fields refused").startsWith("startsAt");
            assertThat(api.post("/api/v1/staffing/periods", cegep.jérôme, Map.of("service", "nulle-part", "labelFr", "X",
                    "startsAt", "2027-06-01", "endsAt", "2027-06-02", "closed", true)).status()).isEqualTo(422);
            assertThat(api.post("/api/v1/staffing/periods", cegep.jérôme, Map.of("service", Cegep.ADMISSIONS, "labelFr", "X",
                    "startsAt", "2027-05-10", "endsAt", "2027-05-20", "closed", true)).status()).isEqualTo(409);
            assertThat(api.post("/api/v1/staffing/periods", cegep.élodie, exams).status()).isEqualTo(403);
            assertThat(api.post("/api/v1/staffing/periods", null, exams).status()).isEqualTo(401);
            assertThat(api.get("/api/v1/staffing/periods", cegep.jérôme).json().path("periods")).hasSize(1);
            assertThat(api.delete("/api/v1/staffing/periods/" + id, cegep.jérôme).status()).isEqualTo(204);
            assertThat(api.get("/api/v1/staffing/periods/" + id, cegep.jérôme).status()).isEqualTo(404);
        }
    }

    static JsonNode service(Api api, String slug) {
        for (JsonNode s : api.get("/api/v1/services", null).json().path("services")) if (s.path("slug").asText().equals(slug)) return s;
        throw new AssertionError(slug);
    }
}
