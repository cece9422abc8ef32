package io.guichet.webinars;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who came and for how long, through BigBlueButton's stand-in on a clock the test moves: the minute's
 * getMeetingInfo sees attendees come and go (by their userID, the registration), the end callback closes the room,
 * the first coming is on the contact's timeline, and organisers read it all as JSON.
 */
class AttendanceTest {
    @Test
    void thePollAndTheEndCallbackGiveEachRegistrantTheirMinutes() throws Exception {
        try (RoomFixture f = new RoomFixture(true)) {
            Instant start = f.clock.instant().plus(Duration.ofMinutes(30));
            long id = f.session("Salon virtuel : les métiers du bâtiment", start, null);
            long zoé = f.register(id, "Zoé Lévesque", "zoe@exemple.ca", "fr");
            long noah = f.register(id, "Noah Smith", "noah@exemple.ca", "en");
            f.register(id, "Léa Côté", "lea@exemple.ca", "fr");
            String meeting = f.meetingId(id);

            f.clock.set(start.minus(Duration.ofMinutes(10)));
            assertThat(f.get(f.joinPath("zoe@exemple.ca")).statusCode()).isEqualTo(303);
            f.bbb.joins(meeting, Long.toString(zoé), "Zoé Lévesque", "VIEWER");
            f.bbb.joins(meeting, "host", "Élodie Tremblay", "MODERATOR");
            f.bbb.joins(meeting, "999999", "Quelqu’un d’autre", "VIEWER"); // not a registration of this session: ignored
            f.clock.set(start);
            f.rooms().doPoll();

            f.clock.set(start.plus(Duration.ofMinutes(20)));
            f.bbb.joins(meeting, Long.toString(noah), "Noah Smith", "VIEWER");
            f.rooms().doPoll();
            f.rooms().doPoll(); // again within the minute: claimed already, changes nothing

            f.clock.set(start.plus(Duration.ofMinutes(30)));
            f.bbb.leaves(meeting, Long.toString(zoé));
            f.rooms().doPoll();

            JsonNode during = attendance(f, id);
            assertThat(line(during, "Noah Smith").get("present").asBoolean()).isTrue();
            assertThat(line(during, "Noah Smith").get("minutes").asInt()).isEqualTo(10);

            f.clock.set(start.plus(Duration.ofMinutes(55)));
            assertThat(f.bbb.ends(meeting)).as("the end callback's signed address is accepted").isEqualTo(200);
            assertThat(f.get("/link/webinaire/fin/forged.token").statusCode()).isEqualTo(404);

            JsonNode after = attendance(f, id);
            assertThat(after.get("registered").asInt()).isEqualTo(3);
            assertThat(after.get("attended").asInt()).isEqualTo(2);
            JsonNode z = line(after, "Zoé Lévesque");
            assertThat(z.get("attended").asBoolean()).isTrue();
            assertThat(z.get("minutes").asInt()).as("seen from the start to 30 minutes in").isEqualTo(30);
            assertThat(z.get("present").asBoolean()).isFalse();
            assertThat(z.get("joinedAt").asText()).as("she came when she clicked, ten minutes before the start")
                    .startsWith(f.clock.zoned(start.minus(Duration.ofMinutes(10))));
            JsonNode n = line(after, "Noah Smith");
            assertThat(n.get("minutes").asInt()).as("from 20 minutes in to the end at 55").isEqualTo(35);
            assertThat(n.get("present").asBoolean()).isFalse();
            assertThat(line(after, "Léa Côté").get("attended").asBoolean()).isFalse();

            long contact = f.node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT contact_id FROM webinar_registrations WHERE id = :id")
                    .bind("id", zoé).mapTo(Long.class).one());
            assertThat(f.api.get("/api/v1/contacts/" + contact + "/timeline", f.cegep.jérôme).raw().body())
                    .contains("A assisté à la séance « Salon virtuel : les métiers du bâtiment »");

            assertThat(f.api.get("/api/v1/webinars/sessions/" + id + "/attendance", f.cegep.élodie).status()).as("an agent does not read it").isEqualTo(403);
            assertThat(f.api.get("/api/v1/webinars/sessions/" + id + "/attendance", null).status()).isEqualTo(401);
        }
    }

    @Test
    void withBbbWebhooksTheMinutesAreThoseOfUserJoinedAndUserLeftAndAForgedCallbackIsRefused() throws Exception {
        try (RoomFixture f = new RoomFixture(true)) {
            f.bbb.webhooks = true;
            Instant start = f.clock.instant().plus(Duration.ofMinutes(30));
            long id = f.session("Mercredi de l’apprentissage : l’électricité", start, null);
            long zoé = f.register(id, "Zoé Lévesque", "zoe@exemple.ca", "fr");
            long noah = f.register(id, "Noah Smith", "noah@exemple.ca", "en");
            long léa = f.register(id, "Léa Côté", "lea@exemple.ca", "fr");
            String meeting = f.meetingId(id);

            f.clock.set(start.minus(Duration.ofMinutes(12)));
            assertThat(f.get(f.joinPath("zoe@exemple.ca")).statusCode()).isEqualTo(303);
            assertThat(f.bbb.hooks.get(meeting)).as("the room's hook, registered with hooks/create").startsWith("http://localhost:")
                    .endsWith("/link/webinaire/evenements");
            f.clock.set(start.minus(Duration.ofMinutes(10)).plusSeconds(20));
            f.bbb.joins(meeting, Long.toString(zoé), "Zoé Lévesque", "VIEWER");
            f.bbb.joins(meeting, "host", "Élodie Tremblay", "MODERATOR");
            f.clock.set(start.plus(Duration.ofMinutes(5)));
            f.bbb.joins(meeting, Long.toString(noah), "Noah Smith", "VIEWER");
            f.bbb.hookSecret = "pas-le-secret";
            f.bbb.joins(meeting, Long.toString(léa), "Léa Côté", "VIEWER"); // forged: refused, she is not counted
            f.bbb.hookSecret = BbbStandIn.SECRET;
            assertThat(f.bbb.hookAnswers).containsExactly(200, 200, 200, 401);

            f.clock.set(start.plus(Duration.ofMinutes(30)));
            f.rooms().doPoll(); // the webhooks say who is inside: the poll moves no one (Léa is listed, yet not counted)
            f.clock.set(start.plus(Duration.ofMinutes(40)).plusSeconds(20));
            f.bbb.leaves(meeting, Long.toString(zoé));
            f.clock.set(start.plus(Duration.ofMinutes(47)));
            f.bbb.leaves(meeting, Long.toString(noah));
            f.clock.set(start.plus(Duration.ofMinutes(50)));
            f.rooms().doPoll();

            JsonNode after = attendance(f, id);
            assertThat(after.get("attended").asInt()).isEqualTo(2);
            assertThat(line(after, "Zoé Lévesque").get("minutes").asInt()).as("from 9 min 40 s before the start to 40 min 20 s after it").isEqualTo(50);
            assertThat(line(after, "Noah Smith").get("minutes").asInt()).isEqualTo(42);
            assertThat(line(after, "Noah Smith").get("present").asBoolean()).isFalse();
            assertThat(line(after, "Léa Côté").get("attended").asBoolean()).isFalse();

            // a callback that is not bbb-webhooks' at all
            HttpResponse<String> junk = f.http.send(HttpRequest.newBuilder(URI.create(f.node.baseUrl() + "/link/webinaire/evenements?checksum=0000"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString("event=%5B%5D&timestamp=abc")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(junk.statusCode()).isEqualTo(401);

            io.guichet.testing.FormBrowser staff = new io.guichet.testing.FormBrowser(f.node.baseUrl());
            staff.logIn(io.guichet.testing.TestNode.ADMIN_EMAIL, io.guichet.testing.TestNode.ADMIN_PASSWORD);
            String numbers = staff.get("/webinars/numbers/session/" + id).body().replaceAll("\\s+", " ");
            assertThat(numbers).contains("<dt>Présences (taux)</dt><dd>2 · 67 %</dd>", "<dt>Durée moyenne de présence</dt><dd>46 min</dd>",
                    "<dt>Vues des rediffusions</dt><dd>—</dd>");
        }
    }

    static JsonNode attendance(RoomFixture f, long id) {
        var r = f.api.get("/api/v1/webinars/sessions/" + id + "/attendance", f.cegep.jérôme);
        assertThat(r.status()).isEqualTo(200);
        return r.json();
    }

    static JsonNode line(JsonNode attendance, String name) {
        Map<String, JsonNode> byName = new HashMap<>();
        attendance.get("attendees").forEach(a -> byName.put(a.get("name").asText(), a));
        return byName.get(name);
    }
}
