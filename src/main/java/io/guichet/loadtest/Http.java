package io.guichet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * JSON calls to one Guichet node. A 503 (the server is briefly unable to reach its database) is
 * retried with the same body, hence the same clientId, as the widget does; with {@code patient} set
 * (the --reconnect mode) so is a server that is down, until the deadline: that is how a real client
 * rides out a restart without losing or doubling a message.
 */
final class Http {
    static final ObjectMapper JSON = new ObjectMapper();

    record Answer(int status, JsonNode json) {
        String text(String field) {
            return json.path(field).asText();
        }
    }

    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    private final HttpClient client;
    private final String base;
    private final boolean patient;
    private final boolean retryBusy;
    private final AtomicLong retries;

    Http(HttpClient client, String base, boolean patient, AtomicLong retries) {
        this(client, base, patient, true, retries);
    }

    private Http(HttpClient client, String base, boolean patient, boolean retryBusy, AtomicLong retries) {
        this.client = client;
        this.base = base;
        this.patient = patient;
        this.retryBusy = retryBusy;
        this.retries = retries;
    }

    /** The same server, asked once: a 503 or a lost connection is an answer, as a person clicking once would get it. */
    Http once() {
        return new Http(client, base, false, false, retries);
    }

    String base() {
        return base;
    }

    Answer post(String path, String token, Object body) {
        try {
            return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    Answer put(String path, String token) {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    Answer delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    /** Signs a staff member in and returns their API token. */
    String login(String email, String password) {
        Answer a = post("/api/v1/auth/login", null, java.util.Map.of("email", email, "password", password));
        if (a.status() != 200) throw new Failed("sign-in refused for " + email + ": " + a.status() + " " + a.json());
        return a.text("token");
    }

    /** Creates a service of its own for a run (slug {@code prefix-runId}), as an administrator. */
    String createService(String admin, String prefix, String runId, String nameFr, String nameEn) {
        String slug = prefix + "-" + runId;
        Answer created = post("/api/v1/services", admin, java.util.Map.of("slug", slug, "nameFr", nameFr + " " + runId, "nameEn", nameEn + " " + runId));
        if (created.status() != 201) throw new Failed("could not create the service: " + created.status() + " " + created.json());
        return slug;
    }

    /** Creates an agent of that service and returns nothing: the caller signs them in. */
    void createAgent(String admin, String email, String name, String password, String service, int capacity) {
        Answer staff = post("/api/v1/staff", admin, java.util.Map.of("email", email, "name", name, "password", password,
                "role", "agent", "services", java.util.List.of(service), "maxConcurrent", capacity));
        if (staff.status() != 201) throw new Failed("could not create an agent: " + staff.status() + " " + staff.json());
    }

    Answer get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** Text, not JSON (the /metrics page). */
    String getText(String path, String token) throws IOException, InterruptedException {
        HttpResponse<String> r = client.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException(path + " answered " + r.statusCode());
        return r.body();
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    private Answer send(HttpRequest.Builder builder) {
        HttpRequest request = builder.build();
        // How long a server may stay away: a restart (--reconnect) takes longer than a busy moment.
        long giveUpAt = System.nanoTime() + (patient ? 120 : 30) * 1_000_000_000L;
        long pause = 100;
        while (true) {
            String problem;
            try {
                HttpResponse<String> r = client.send(request, HttpResponse.BodyHandlers.ofString());
                boolean retry = retryBusy && (r.statusCode() == 503 || (patient && r.statusCode() >= 500));
                if (!retry || System.nanoTime() > giveUpAt) {
                    JsonNode json = r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
                    return new Answer(r.statusCode(), json);
                }
                problem = request.uri().getPath() + " answered " + r.statusCode();
            } catch (IOException e) {
                problem = request.uri().getPath() + ": " + e;
                if (!patient) throw new Failed(problem);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failed("interrupted");
            }
            if (System.nanoTime() > giveUpAt) throw new Failed(problem);
            retries.incrementAndGet();
            sleep(pause);
            pause = Math.min(pause * 2, 1_000);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
