package io.guichet.platform.web;

import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** X-Forwarded-Proto and X-Forwarded-For are believed from GUICHET_TRUSTED_PROXY only. */
class TrustedProxyTest {
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> send(TestNode node, String method, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).header("Content-Type", "application/json");
        if (headers.length > 0) b.headers(headers);
        b.method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString("{\"name\":\"Zoé\",\"lang\":\"fr\"}"));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<Integer> sessionsFrom(TestNode node, String... addresses) throws Exception {
        List<Integer> statuses = new java.util.ArrayList<>();
        for (String a : addresses) statuses.add(send(node, "POST", "/api/v1/visitor/sessions", "X-Forwarded-For", a).statusCode());
        return statuses;
    }

    private static Map<String, String> settings(String trusted) {
        return Map.of("GUICHET_TRUSTED_PROXY", trusted, "GUICHET_RATE_LIMITS", "on", "GUICHET_RATE_VISITOR_SESSIONS", "2");
    }

    @Test
    void behindTheTrustedProxyCookiesAreSecureAndEachClientHasItsOwnBucket() throws Exception {
        try (TestNode node = TestNode.start(TestDatabases.fresh(), settings("127.0.0.1"))) {
            var login = send(node, "GET", "/login", "X-Forwarded-Proto", "https", "Accept", "text/html");
            assertThat(login.headers().allValues("Set-Cookie")).anyMatch(c -> c.startsWith("guichet_csrf=") && c.contains("; Secure"));
            assertThat(sessionsFrom(node, "203.0.113.1", "203.0.113.1", "203.0.113.1", "203.0.113.2"))
                    .containsExactly(201, 201, 429, 201);
        }
    }

    @Test
    void fromAnyOtherPeerTheHeadersAreIgnored() throws Exception {
        try (TestNode node = TestNode.start(TestDatabases.fresh(), settings("192.0.2.10"))) {
            var login = send(node, "GET", "/login", "X-Forwarded-Proto", "https", "Accept", "text/html");
            assertThat(login.headers().allValues("Set-Cookie")).noneMatch(c -> c.contains("Secure"));
            assertThat(sessionsFrom(node, "203.0.113.1", "203.0.113.2", "203.0.113.3")).containsExactly(201, 201, 429);
        }
    }
}
