package io.guichet.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An institution's SMS gateway on loopback, as its JSON API behaves: {@code POST /v1/messages} with the configured
 * header, a JSON body; 202 when accepted, 401 when the credential is wrong, 400 when the body is not JSON. A number
 * can be told to fail: {@link #failFirst} answers 503 to its first requests (the sender must try again),
 * {@link #refuse} answers 400 to it (the sender must not). Every request is recorded, failed ones too.
 */
public final class SmsGatewayStandIn implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A request as the gateway got it: the answer it gave, the auth header, the body (null when not JSON). */
    public record Request(int answered, String auth, String rawBody, JsonNode body) {
        public String to() {
            return body == null ? null : body.path("to").asText(null);
        }
    }

    private final HttpServer server;
    private final String headerName, expectedValue;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failFirst = new ConcurrentHashMap<>();
    private final Map<String, Boolean> refused = new ConcurrentHashMap<>();

    public SmsGatewayStandIn(String headerName, String expectedValue) {
        this.headerName = headerName;
        this.expectedValue = expectedValue;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/v1/messages", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/messages";
    }

    public void failFirst(String number, int times) {
        failFirst.put(number, new AtomicInteger(times));
    }

    public void refuse(String number) {
        refused.put(number, true);
    }

    public List<Request> requests() {
        return Collections.unmodifiableList(requests);
    }

    public List<Request> to(String number) {
        return requests.stream().filter(r -> number.equals(r.to())).toList();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String raw = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String auth = ex.getRequestHeaders().getFirst(headerName);
            JsonNode body;
            try {
                body = JSON.readTree(raw);
            } catch (IOException e) {
                body = null;
            }
            int status;
            if (!"POST".equals(ex.getRequestMethod())) status = 405;
            else if (!expectedValue.equals(auth)) status = 401;
            else if (body == null || !body.isObject()) status = 400;
            else if (refused.containsKey(body.path("to").asText())) status = 400;
            else {
                AtomicInteger left = failFirst.get(body.path("to").asText());
                status = left != null && left.getAndDecrement() > 0 ? 503 : 202;
            }
            requests.add(new Request(status, auth, raw, body));
            byte[] answer = ("{\"status\":" + status + "}").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(status, answer.length);
            ex.getResponseBody().write(answer);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
