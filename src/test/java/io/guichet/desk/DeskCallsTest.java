package io.guichet.desk;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import io.guichet.testing.Browsers;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The PBX's webhook as an Asterisk dialplan's CURL() sends it: signed events recorded once, forged or replayed ones
 * refused with nothing logged, and a missed call in the helpdesk's callback queue until someone calls back.
 */
class DeskCallsTest {
    static final String SECRET = "un-secret-partagé-avec-le-central";
    static TestNode node;
    static Cegep cegep;
    static Jdbi db;
    static Browsers browsers;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_DESK_CALLS_SECRET", SECRET));
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
        db = node.app.database().jdbi();
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        browsers.close();
        node.close();
    }

    static String event(String callId, String event, String from, Instant at) {
        return "{\"callId\":\"" + callId + "\",\"event\":\"" + event + "\",\"from\":\"" + from + "\",\"to\":\"+15145550100\",\"extension\":\"201\",\"at\":\""
                + OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.ofHours(-5)) + "\"}";
    }

    static HttpResponse<String> send(String body, String signature) throws Exception {
        var b = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/api/v1/desk/calls/events")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) b.header("X-Guichet-Signature", signature);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> signed(String body) throws Exception {
        return send(body, io.guichet.platform.web.BodySignatures.sign(SECRET, body.getBytes(StandardCharsets.UTF_8)));
    }

    static long events(String callId) {
        return db.withHandle(h -> h.createQuery("SELECT count(*) FROM desk_call_events WHERE call_id = :c").bind("c", callId).mapTo(Long.class).one());
    }

    @Test
    void signedEventsAreRecordedOnceAndForgedOrReplayedOnesAreRefusedWithNothingLogged() throws Exception {
        String ringing = event("asterisk-1701.1", "ringing", "+15145550123", Instant.now());
        assertThat(signed(ringing).statusCode()).isEqualTo(201);
        assertThat(signed(ringing).statusCode()).as("the same event again: a replay").isEqualTo(409);
        assertThat(events("asterisk-1701.1")).isEqualTo(1);

        String forged = event("asterisk-1701.2", "ringing", "+15145550123", Instant.now());
        assertThat(send(forged, io.guichet.platform.web.BodySignatures.sign("un-autre-secret", forged.getBytes(StandardCharsets.UTF_8))).statusCode()).isEqualTo(401);
        assertThat(send(forged, null).statusCode()).isEqualTo(401);
        assertThat(send(forged, "sha256=pas-de-l-hexadécimal").statusCode()).isEqualTo(401);
        String signedThenChanged = io.guichet.platform.web.BodySignatures.sign(SECRET, forged.getBytes(StandardCharsets.UTF_8));
        assertThat(send(forged.replace("+15145550123", "+15145559999"), signedThenChanged).statusCode()).as("a body changed after signing").isEqualTo(401);
        assertThat(events("asterisk-1701.2")).as("nothing logged as a call").isZero();

        String old = event("asterisk-1701.3", "ringing", "+15145550123", Instant.now().minusSeconds(6 * 60));
        HttpResponse<String> late = signed(old);
        assertThat(late.statusCode()).as("older than 5 minutes").isEqualTo(422);
        assertThat(late.body()).contains("more than 5 minutes");
        assertThat(events("asterisk-1701.3")).isZero();

        assertThat(signed("{\"callId\":\"x\",\"event\":\"exploded\",\"from\":\"+1514\",\"to\":\"+1514\",\"at\":\"2026-12-02T10:00:00-05:00\"}").statusCode()).isEqualTo(422);
        assertThat(signed("pas du JSON").statusCode()).isEqualTo(400);
        assertThat(signed(event("asterisk-1701.4", "ringing", "<script>", Instant.now())).statusCode()).isEqualTo(422);
    }

    @Test
    void aMissedCallWaitsInTheCallbackQueueUntilSomeoneCallsBack() throws Exception {
        assertThat(signed(event("asterisk-1802.1", "ringing", "+1 514 555-0177", Instant.now())).statusCode()).isEqualTo(201);
        assertThat(signed(event("asterisk-1802.1", "missed", "+1 514 555-0177", Instant.now())).statusCode()).isEqualTo(201);
        assertThat(signed(event("asterisk-1802.2", "answered", "+1 514 555-0188", Instant.now())).statusCode()).isEqualTo(201);
        List<String> problems = new ArrayList<>();
        for (int width : new int[]{1440, 390}) {
            try (BrowserContext desk = browsers.person(width, width == 390 ? 844 : 900, "fr-CA")) {
                Page page = Browsers.signIn(desk, node.baseUrl(), "/desk/callbacks", Cegep.Persona.ELODIE.email, Cegep.PASSWORD);
                assertThat(page.locator("#dk-callbacks li").allTextContents()).hasSize(1).first().asString().contains("+1 514 555-0177");
                Browsers.shoot(page, "desk-callbacks-" + width, problems);
                if (width == 390) {
                    page.click("#dk-callbacks button[type=submit]");
                    page.waitForSelector("#dk-no-callbacks");
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(node.api().get("/desk/callbacks", null).status()).isNotEqualTo(200);
    }
}
