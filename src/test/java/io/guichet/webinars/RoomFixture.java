package io.guichet.webinars;

import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A node on a clock the test moves, with the BigBlueButton stand-in configured (or not), its public address known
 * before it starts (BigBlueButton calls it back there), and the cégep's people; sessions and registrations through the API.
 */
final class RoomFixture implements AutoCloseable {
    final BbbStandIn bbb = new BbbStandIn();
    final TestClock clock = new TestClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    final TestNode node;
    final Api api;
    final Cegep cegep;
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    RoomFixture(boolean withBbb, Map<String, String> settings) {
        int port = freePort();
        Map<String, String> all = new HashMap<>(settings);
        all.putAll(Map.of("GUICHET_PORT", Integer.toString(port), "GUICHET_PUBLIC_URL", "http://localhost:" + port));
        if (withBbb) all.putAll(bbb.settings("sha256"));
        node = TestNode.start(TestDatabases.fresh(), all, clock);
        bbb.clock = clock;
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
    }

    RoomFixture(boolean withBbb) {
        this(withBbb, Map.of());
    }

    WebinarRooms rooms() {
        return node.app.webinarRooms();
    }

    /** A session of an hour from {@code startsAt}, by Jérôme (a supervisor); {@code externalUrl} may be null. */
    long session(String title, Instant startsAt, String externalUrl) {
        Map<String, Object> m = new HashMap<>(Map.of("titleFr", title, "titleEn", title + " (EN)", "speakers", List.of("Élodie Tremblay"),
                "lang", "fr", "startsAt", startsAt.toString(), "endsAt", startsAt.plus(Duration.ofHours(1)).toString()));
        if (externalUrl != null) m.put("externalUrl", externalUrl);
        Api.Response created = api.post("/api/v1/webinars/sessions", cegep.jérôme, m);
        assertThat(created.status()).as(created.raw().body()).isEqualTo(201);
        return Long.parseLong(created.text("id"));
    }

    long register(long sessionId, String name, String email, String lang) {
        Api.Response r = api.post("/api/v1/webinars/sessions/" + sessionId + "/registrations", null, Map.of("name", name, "email", email, "lang", lang));
        assertThat(r.status()).as(r.raw().body()).isEqualTo(201);
        return Long.parseLong(r.text("id"));
    }

    /** The personal join link of the confirmation mail sent to {@code email}, as a path. */
    String joinPath(String email) {
        return link(email, "/j/");
    }

    private String link(String email, String prefix) {
        String text = node.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT text_body FROM mail_outbox WHERE recipient = :r ORDER BY id LIMIT 1").bind("r", email).mapTo(String.class).one());
        Matcher m = Pattern.compile("http://localhost:\\d+(" + Pattern.quote(prefix) + "[A-Za-z0-9_.-]+)").matcher(text);
        assertThat(m.find()).as("a link " + prefix + " in " + text).isTrue();
        return m.group(1);
    }

    /** Cancels through the link of the confirmation mail sent to {@code email} (its page's button: a POST); the status. */
    int cancel(String email) {
        String path = link(email, "/link/webinaire/annuler/");
        try {
            return http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    String meetingId(long sessionId) {
        return "webinar-" + sessionId + "-localhost";
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        node.close();
        bbb.close();
    }
}
