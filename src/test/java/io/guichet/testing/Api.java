package io.guichet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A small HTTP and WebSocket client of Guichet's public API, as an integrator would use it. */
public final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String base;

    public Api(String base) {
        this.base = base;
    }

    public record Response(int status, JsonNode json, HttpResponse<String> raw) {
        public String text(String field) {
            return json.path(field).asText();
        }
    }

    public Response post(String path, String token, Object body) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(asJson(body), StandardCharsets.UTF_8)));
    }

    public Response postRaw(String path, String token, String rawBody) {
        return send(request(path, token).POST(HttpRequest.BodyPublishers.ofString(rawBody, StandardCharsets.UTF_8)));
    }

    /** A body of raw bytes (a CSV file in some encoding) with its content type. */
    public Response postBytes(String path, String token, String contentType, byte[] body) {
        return send(request(path, token).setHeader("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    public Response put(String path, String token, Object body) {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.ofString(asJson(body), StandardCharsets.UTF_8)));
    }

    public Response patch(String path, String token, Object body) {
        return send(request(path, token).method("PATCH", HttpRequest.BodyPublishers.ofString(asJson(body), StandardCharsets.UTF_8)));
    }

    /** A form post (application/x-www-form-urlencoded), as a browser sends one. */
    public Response postForm(String path, String token, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(java.net.URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(java.net.URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(request(path, token).setHeader("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    }

    public Response get(String path, String token) {
        return send(request(path, token).GET());
    }

    /** A fragment as htmx asks for it (the HX-Request header): the console's lists, a thread. */
    public Response getHtmx(String path, String token) {
        return send(request(path, token).header("HX-Request", "true").GET());
    }

    /**
     * Until the widget would say the service is online: one of its agents is there, their console's socket
     * connected (a fixed wait is too short on a loaded machine). Fails after 30 s.
     */
    public void awaitAnswering(String serviceSlug) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            for (JsonNode s : get("/api/v1/services", null).json().path("services")) {
                if (s.path("slug").asText().equals(serviceSlug) && s.path("available").asBoolean()) return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("no agent of " + serviceSlug + " came online");
    }

    public Response delete(String path, String token) {
        return send(request(path, token).DELETE());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(20))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        return b;
    }

    private static String asJson(Object body) {
        try {
            return body instanceof String s ? s : JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json = r.body().isEmpty() ? JSON.nullNode() : parseOrText(r.body());
            return new Response(r.statusCode(), json, r);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parseOrText(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(body);
        }
    }

    // ------------------------------------------------------------ conveniences for tests

    public String login(String email, String password) {
        Response r = post("/api/v1/auth/login", null, Map.of("email", email, "password", password));
        if (r.status() != 200) throw new IllegalStateException("login failed: " + r.status() + " " + r.json());
        return r.text("token");
    }

    public String adminToken() {
        return login(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
    }

    public void createService(String adminToken, String slug, String nameFr) {
        Response r = post("/api/v1/services", adminToken, Map.of("slug", slug, "nameFr", nameFr, "nameEn", nameFr + " (en)"));
        if (r.status() != 201) throw new IllegalStateException("service: " + r.status() + " " + r.json());
    }

    /** Creates a staff member and returns their API token. */
    public String createStaff(String adminToken, String email, String name, String role, int max, String... services) {
        Response r = post("/api/v1/staff", adminToken, Map.of("email", email, "name", name, "password", "un-mot-de-passe-long",
                "role", role, "services", java.util.List.of(services), "maxConcurrent", max));
        if (r.status() != 201) throw new IllegalStateException("staff: " + r.status() + " " + r.json());
        return login(email, "un-mot-de-passe-long");
    }

    public String visitor(String name) {
        return post("/api/v1/visitor/sessions", null, Map.of("name", name, "lang", "fr")).text("visitorToken");
    }

    public Response startConversation(String visitorToken, String service, String body) {
        return post("/api/v1/visitor/conversations", visitorToken,
                Map.of("service", service, "body", body, "clientId", UUID.randomUUID().toString()));
    }

    /** A WebSocket that collects every JSON frame it receives. */
    public Socket socket(String path) {
        Socket socket = new Socket();
        String wsBase = base.replaceFirst("^http", "ws");
        socket.ws = HTTP.newWebSocketBuilder().buildAsync(URI.create(wsBase + path), socket).join();
        JsonNode first = socket.nextOf(5, "hello", "closed");
        if (first == null || first.path("type").asText().equals("closed")) {
            throw new IllegalStateException("socket refused: " + (first == null ? "no answer" : first.path("code").asInt()));
        }
        return socket;
    }

    public static final class Socket implements WebSocket.Listener, AutoCloseable {
        private final LinkedBlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
        private final StringBuilder partial = new StringBuilder();
        private WebSocket ws;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    frames.add(JSON.readTree(partial.toString()));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            frames.add(JSON.createObjectNode().put("type", "closed").put("code", statusCode));
            return null;
        }

        /** The next frame of this type (skipping others), or null after the timeout. */
        public JsonNode next(String type, int seconds) {
            return nextMatching(type, f -> true, seconds);
        }

        JsonNode nextOf(int seconds, String... types) {
            java.util.Set<String> wanted = java.util.Set.of(types);
            return nextMatching(null, f -> wanted.contains(f.path("type").asText()), seconds);
        }

        /** The next message frame whose body is this text, skipping others. */
        public JsonNode nextMessage(String body, int seconds) {
            return nextMatching("message", f -> body.equals(f.path("message").path("body").asText()), seconds);
        }

        /** The next frame of this type that passes the test (skipping others), or null after the timeout. */
        public JsonNode nextMatching(String type, java.util.function.Predicate<JsonNode> test, int seconds) {
            return nextWithin(type, test, TimeUnit.SECONDS.toNanos(seconds));
        }

        /**
         * Frames passed over while waiting for another kind stay here, so a test may look for them later in
         * any order: frames of different kinds from different notices have no fixed order between them.
         */
        private final java.util.List<JsonNode> passedOver = new java.util.ArrayList<>();

        private JsonNode nextWithin(String type, java.util.function.Predicate<JsonNode> test, long nanos) {
            java.util.function.Predicate<JsonNode> wanted = f -> (type == null || type.equals(f.path("type").asText())) && test.test(f);
            synchronized (passedOver) {
                for (var it = passedOver.iterator(); it.hasNext(); ) {
                    JsonNode f = it.next();
                    if (wanted.test(f)) {
                        it.remove();
                        return f;
                    }
                }
            }
            long deadline = System.nanoTime() + nanos;
            try {
                while (true) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) return null;
                    JsonNode f = frames.poll(left, TimeUnit.NANOSECONDS);
                    if (f == null) return null;
                    if (wanted.test(f)) return f;
                    synchronized (passedOver) {
                        passedOver.add(f);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        /** Every frame that arrives until none has for this long (what an action caused, once it settles). */
        public java.util.List<JsonNode> drain(int quietMillis) {
            java.util.List<JsonNode> got = new java.util.ArrayList<>();
            for (JsonNode f; (f = nextWithin(null, x -> true, TimeUnit.MILLISECONDS.toNanos(quietMillis))) != null; ) got.add(f);
            return got;
        }

        /** Whether a frame of this type arrives within the time (used to prove a notice is NOT received). */
        public boolean receives(String type, int millis) {
            return nextWithin(type, f -> true, TimeUnit.MILLISECONDS.toNanos(millis)) != null;
        }

        public void sendText(String text) {
            ws.sendText(text, true).join();
        }

        @Override
        public void close() {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
        }
    }
}
