package io.guichet.desk;

import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desk's live frames on /ws/agent with real sockets: the helpdesk and the incident's faculty accounts receive each
 * change, another faculty's account nothing; an account moved to another faculty is told only of that one's from then on.
 */
class DeskFramesTest {
    @BeforeAll
    static void start() {
        DeskTest.start();
    }

    @AfterAll
    static void stop() {
        DeskTest.stop();
    }

    static long facultyAccount(String email, String faculty) {
        Response made = DeskTest.api.post("/api/v1/staff", DeskTest.cegep.admin, Map.of("email", email, "name", "Compte " + faculty,
                "password", Cegep.PASSWORD, "role", "faculty", "services", List.of(), "maxConcurrent", 1));
        assertThat(made.status()).as(made.raw().body()).isEqualTo(201);
        long id = made.json().get("id").asLong();
        assertThat(DeskTest.api.post("/api/v1/desk/faculties/" + faculty + "/members", DeskTest.cegep.admin, Map.of("staffId", id)).status()).isEqualTo(204);
        return id;
    }

    static boolean told(Api.Socket socket, String type, long incidentId, int seconds) {
        return socket.nextMatching(type, f -> f.path("incidentId").asText().equals(Long.toString(incidentId)), seconds) != null;
    }

    @Test
    void eachChangeReachesTheHelpdeskAndTheIncidentsFacultyAndNobodyElse() {
        long medecine = DeskTest.createSitting("S-LIVE-MED", Instant.now().minus(Duration.ofMinutes(10)), 120, "medecine-live");
        long musique = DeskTest.createSitting("S-LIVE-MUS", Instant.now().minus(Duration.ofMinutes(10)), 120, "musique-live");
        long moved = facultyAccount("bureau.med@univ-test.ca", "medecine-live");
        long musId = facultyAccount("bureau.mus@univ-test.ca", "musique-live");
        String med = DeskTest.api.login("bureau.med@univ-test.ca", Cegep.PASSWORD);
        String mus = DeskTest.api.login("bureau.mus@univ-test.ca", Cegep.PASSWORD);
        try (Api.Socket helpdesk = DeskTest.api.socket("/ws/agent?token=" + DeskTest.cegep.élodie);
             Api.Socket medSocket = DeskTest.api.socket("/ws/agent?token=" + med);
             Api.Socket musSocket = DeskTest.api.socket("/ws/agent?token=" + mus)) {
            long id = DeskTest.open(DeskTest.incident(medecine, "2027001")).json().get("id").asLong();
            assertThat(told(helpdesk, "incident.created", id, 5)).as("the helpdesk").isTrue();
            assertThat(told(medSocket, "incident.created", id, 5)).as("the incident's faculty").isTrue();

            assertThat(DeskTest.api.post("/api/v1/desk/incidents/" + id + "/acknowledge", med, Map.of()).status()).isEqualTo(200);
            assertThat(told(helpdesk, "incident.acknowledged", id, 5)).isTrue();
            assertThat(told(medSocket, "incident.acknowledged", id, 5)).isTrue();
            Response decided = DeskTest.api.post("/api/v1/desk/incidents/" + id + "/outcome", med, Map.of("kind", "no_action", "message", "Rien à reprendre."));
            assertThat(decided.status()).as(decided.raw().body()).isEqualTo(200);
            assertThat(told(helpdesk, "incident.outcome", id, 5)).isTrue();
            assertThat(told(medSocket, "incident.outcome", id, 5)).isTrue();
            assertThat(told(musSocket, null, id, 2)).as("another faculty's account: nothing of it").isFalse();

            // the administrator moves the account to the other faculty: from then on it hears of that one's only
            // (as the staff form does through its port; the administrator as the service sees them)
            var admin = new io.guichet.identity.Staff(1, io.guichet.testing.TestNode.ADMIN_EMAIL, "Administrateur·rice", io.guichet.identity.Role.ADMIN, "fr", true);
            DeskTest.node.app.desk().doSetFacultyOfMember(admin, "musique-live", moved);
            long theirs = DeskTest.open(DeskTest.incident(musique, "2027002")).json().get("id").asLong();
            long mine = DeskTest.open(DeskTest.incident(medecine, "2027003")).json().get("id").asLong();
            assertThat(told(medSocket, "incident.created", theirs, 5)).isTrue();
            assertThat(told(musSocket, "incident.created", theirs, 5)).isTrue();
            assertThat(told(helpdesk, "incident.created", mine, 5)).isTrue();
            assertThat(told(medSocket, "incident.created", mine, 2)).as("its former faculty's").isFalse();

            // deactivated: its rights are re-checked at once, the socket closes and hears nothing more
            assertThat(DeskTest.api.put("/api/v1/staff/" + musId, DeskTest.cegep.admin, Map.of("name", "Compte musique-live", "role", "faculty",
                    "active", false, "services", List.of(), "maxConcurrent", 1)).status()).isEqualTo(204);
            assertThat(musSocket.next("closed", 5)).as("the socket of a deactivated account").isNotNull();
            long after = DeskTest.open(DeskTest.incident(musique, "2027004")).json().get("id").asLong();
            assertThat(told(helpdesk, "incident.created", after, 5)).isTrue();
            assertThat(told(musSocket, "incident.created", after, 1)).isFalse();
        }
    }
}
