package io.guichet.platform;

import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** /metrics shows what an operator watches, to this machine or to whoever holds the token, and to no one else. */
class MetricsTest {
    @Test
    void countsRequestsSocketsMessagesAndThePool() throws Exception {
        try (TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_METRICS_TOKEN", "jeton-de-metriques-1234"))) {
            Api api = node.api();
            String admin = api.adminToken();
            api.createService(admin, "admissions", "Admissions");
            String visitor = api.visitor("Zoé");
            try (var socket = api.socket("/ws/visitor?token=" + visitor)) {
                api.startConversation(visitor, "admissions", "Bonjour, une question sur l'échéance");
                String page = metrics(node, Map.of());
                assertThat(page)
                        .contains("http_server_requests_seconds_count{method=\"POST\",status=\"201\",uri=\"/api/v1/visitor/sessions\"} 1")
                        .contains("guichet_ws_open{kind=\"visitor\"} 1")
                        .contains("guichet_messages_stored_total{author=\"visitor\"} 1")
                        .contains("hikaricp_connections_max{pool=\"guichet\"}")
                        .contains("jvm_memory_used_bytes{area=\"heap\"");
                assertThat(page).as("ids never become series").doesNotContain("uri=\"/api/v1/visitor/conversations/1");
            }
        }
    }

    @Test
    void behindAProxyOnlyTheTokenOpensIt() throws Exception {
        try (TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_METRICS_TOKEN", "jeton-de-metriques-1234"))) {
            assertThat(status(node, Map.of("X-Forwarded-For", "203.0.113.9"))).isEqualTo(404);
            assertThat(status(node, Map.of("X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer mauvais"))).isEqualTo(404);
            assertThat(status(node, Map.of("X-Forwarded-For", "203.0.113.9", "Authorization", "Bearer jeton-de-metriques-1234"))).isEqualTo(200);
        }
    }

    private static HttpResponse<String> get(TestNode node, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.baseUrl() + "/metrics"));
        headers.forEach(b::header);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String metrics(TestNode node, Map<String, String> headers) throws Exception {
        HttpResponse<String> r = get(node, headers);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
        return r.body();
    }

    private static int status(TestNode node, Map<String, String> headers) throws Exception {
        return get(node, headers).statusCode();
    }
}
