package io.guichet.webinars;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The personal join link through BigBlueButton's stand-in: a waiting page before the room opens, the room created on
 * the first click (once, even for two at the same moment) and the visitor sent to BigBlueButton's join address, a page
 * that retries while the server is down, the replay's page after the session; and a pasted link without BigBlueButton.
 */
class JoinLinkTest {
    static RoomFixture f;

    @BeforeAll
    static void start() {
        f = new RoomFixture(true);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    @Test
    void beforeTheWindowAWaitingPageThenOneRoomForTwoFirstClicksThenTheEnd() throws Exception {
        Instant start = f.clock.instant().plus(Duration.ofDays(2));
        long id = f.session("Séance d’information", start, null);
        f.register(id, "Zoé Lévesque", "zoe@exemple.ca", "fr");
        f.register(id, "Noah Smith", "noah@exemple.ca", "en");
        String zoé = f.joinPath("zoe@exemple.ca"), noah = f.joinPath("noah@exemple.ca");

        HttpResponse<String> waiting = f.get(zoé);
        assertThat(waiting.statusCode()).isEqualTo(200);
        assertThat(waiting.body()).contains("La salle ouvre bientôt").contains("Ouverture dans 1 jour et 23 h")
                .contains("(heure de l’Est)").contains("data-refresh=\"300\"").contains("Actualiser la page");
        assertThat(f.bbb.creates(f.meetingId(id))).as("no room before the window").isZero();

        f.clock.set(start.minus(Duration.ofMinutes(16)));
        assertThat(f.get(noah).body()).contains("Opens in 1 min");
        f.clock.set(start.minus(Duration.ofMinutes(15)));
        List<Callable<HttpResponse<String>>> both = List.of(() -> f.get(zoé), () -> f.get(noah));
        List<HttpResponse<String>> answers = new ArrayList<>();
        try (var pool = Executors.newFixedThreadPool(2)) {
            for (Future<HttpResponse<String>> a : pool.invokeAll(both)) answers.add(a.get());
        }
        assertThat(f.bbb.creates(f.meetingId(id))).as("two first clicks, one room").isEqualTo(1);
        for (HttpResponse<String> a : answers) {
            assertThat(a.statusCode()).isEqualTo(303);
            assertThat(a.headers().firstValue("Location").orElseThrow()).startsWith(f.bbb.url() + "api/join?")
                    .contains("meetingID=" + f.meetingId(id)).contains("role=VIEWER");
        }
        BbbStandIn.Meeting room = f.bbb.meeting(f.meetingId(id));
        assertThat(room.name).isEqualTo("Séance d’information");
        assertThat(room.record).isTrue();
        assertThat(room.endCallbackUrl).startsWith(f.node.baseUrl() + "/link/webinaire/fin/");
        assertThat(room.recordingReadyUrl).isEqualTo(f.node.baseUrl() + "/link/webinaire/enregistrement");
        String location = answers.getFirst().headers().firstValue("Location").orElseThrow();
        assertThat(f.http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(location)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).as("BigBlueButton accepts the join's checksum").isEqualTo(302);

        // a third click is no second create
        assertThat(f.get(zoé).statusCode()).isEqualTo(303);
        assertThat(f.bbb.creates(f.meetingId(id))).isEqualTo(1);

        // the host's link makes a moderator
        var hosts = f.api.get("/api/v1/webinars/sessions/" + id + "/hosts", f.cegep.jérôme).json().get("hosts");
        assertThat(hosts.findValuesAsText("name")).contains("Élodie Tremblay");
        String host = hosts.get(0).get("url").asText().replaceFirst("http://localhost:\\d+", "");
        assertThat(f.get(host).headers().firstValue("Location").orElseThrow()).contains("role=MODERATOR").contains("fullName=%C3%89lodie+Tremblay");
        assertThat(f.api.get("/api/v1/webinars/sessions/" + id + "/hosts", null).status()).isEqualTo(401);

        // the meeting ends, the session is over: a page that says the replay will come
        assertThat(f.bbb.ends(f.meetingId(id))).isEqualTo(200);
        f.clock.set(start.plus(Duration.ofHours(1)));
        HttpResponse<String> after = f.get(zoé);
        assertThat(after.statusCode()).isEqualTo(200);
        assertThat(after.body()).contains("La séance est terminée").contains("nous vous l’enverrons par courriel");
    }

    @Test
    void bigBlueButtonDownGivesAPageThatRetriesAndRegistrationStillWorks() {
        Instant start = f.clock.instant().plus(Duration.ofMinutes(10));
        long id = f.session("Portes ouvertes", start, null);
        f.register(id, "Léa Côté", "lea@exemple.ca", "fr");
        f.bbb.down();
        try {
            HttpResponse<String> down = f.get(f.joinPath("lea@exemple.ca"));
            assertThat(down.statusCode()).isEqualTo(503);
            assertThat(down.headers().firstValue("Retry-After")).contains("30");
            assertThat(down.body()).contains("La salle vidéo ne répond pas").contains("data-refresh=\"30\"");
            assertThat(f.register(id, "Inès Martin", "ines@exemple.ca", "fr")).isPositive();
        } finally {
            f.bbb.up();
        }
        f.bbb.failing(true);
        try {
            assertThat(f.get(f.joinPath("lea@exemple.ca")).statusCode()).isEqualTo(503);
        } finally {
            f.bbb.failing(false);
        }
        assertThat(f.get(f.joinPath("lea@exemple.ca")).statusCode()).as("back up: into the room").isEqualTo(303);
    }

    @Test
    void aForgedLinkOpensNothingAndAWaitlistedOneHoldsNoSeat() {
        assertThat(f.get("/j/abc.def").statusCode()).isEqualTo(404);
        assertThat(f.get("/j/abc.def").body()).contains("Ce lien de participation n’est pas valide");
        long id = f.session("Atelier", f.clock.instant().plus(Duration.ofMinutes(5)), null);
        long zoé = f.register(id, "Zoé Lévesque", "zoe.atelier@exemple.ca", "fr");
        String path = f.joinPath("zoe.atelier@exemple.ca");
        f.node.app.database().jdbi().useHandle(h -> h.execute("UPDATE webinar_registrations SET status = 'cancelled' WHERE id = ?", zoé));
        HttpResponse<String> cancelled = f.get(path);
        assertThat(cancelled.statusCode()).isEqualTo(409);
        assertThat(cancelled.body()).contains("Pas de place à cette séance");
    }
}

/** Without BigBlueButton, the link staff pasted: the same page, then there; attendance from the clicks. */
class PastedLinkTest {
    @Test
    void theJoinLinkLeadsToThePastedLinkAndTheClickIsTheAttendance() {
        try (RoomFixture f = new RoomFixture(false)) {
            Instant start = f.clock.instant().plus(Duration.ofHours(3));
            long id = f.session("Mercredi de l’apprentissage", start, "https://teams.example.com/l/meetup-join/abc");
            f.register(id, "Zoé Lévesque", "zoe@exemple.ca", "fr");
            f.register(id, "Noah Smith", "noah@exemple.ca", "en");
            String zoé = f.joinPath("zoe@exemple.ca");
            assertThat(f.get(zoé).body()).contains("Ouverture dans 2 h 45 min");
            f.clock.set(start.plus(Duration.ofMinutes(2)));
            HttpResponse<String> in = f.get(zoé);
            assertThat(in.statusCode()).isEqualTo(303);
            assertThat(in.headers().firstValue("Location")).contains("https://teams.example.com/l/meetup-join/abc");
            var attendance = f.api.get("/api/v1/webinars/sessions/" + id + "/attendance", f.cegep.jérôme).json();
            assertThat(attendance.get("registered").asInt()).isEqualTo(2);
            assertThat(attendance.get("attended").asInt()).isEqualTo(1);
            assertThat(attendance.get("attendees").get(0).get("name").asText()).isEqualTo("Zoé Lévesque");
            assertThat(attendance.get("attendees").get(0).get("joinedAt").asText()).startsWith(f.clock.zoned(start.plus(Duration.ofMinutes(2))));
            assertThat(attendance.get("attendees").get(1).get("attended").asBoolean()).isFalse();
        }
    }
}
