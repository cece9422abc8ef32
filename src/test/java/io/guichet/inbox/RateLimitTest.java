package io.guichet.inbox;

import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RateLimitTest {
    @Test
    void floodingVisitorsAreToldToWait() {
        try (TestNode node = TestNode.start(TestDatabases.fresh(),
                Map.of("GUICHET_RATE_LIMITS", "on", "GUICHET_RATE_VISITOR_SESSIONS", "3", "GUICHET_RATE_VISITOR_MESSAGES", "2"))) {
            Api api = node.api();
            api.createService(api.adminToken(), "admissions", "Admissions");
            String visitor = api.visitor("Pressé");
            api.visitor("Deux");
            api.visitor("Trois");
            var refused = api.post("/api/v1/visitor/sessions", null, Map.of());
            assertThat(refused.status()).isEqualTo(429);
            assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();

            String id = api.startConversation(visitor, "admissions", "Un").text("conversationId");
            assertThat(api.post("/api/v1/visitor/conversations/" + id + "/messages", visitor, Map.of("body", "Deux", "clientId", "2")).status()).isEqualTo(201);
            var tooFast = api.post("/api/v1/visitor/conversations/" + id + "/messages", visitor, Map.of("body", "Trois", "clientId", "3"));
            assertThat(tooFast.status()).isEqualTo(429);
            assertThat(tooFast.json().path("error").path("code").asText()).isEqualTo("rate_limited");
        }
    }

    @Test
    void limitsCanBeSwitchedOffForLoadTests() {
        try (TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_RATE_LIMITS", "off", "GUICHET_RATE_VISITOR_SESSIONS", "1"))) {
            Api api = node.api();
            for (int i = 0; i < 5; i++) assertThat(api.post("/api/v1/visitor/sessions", null, Map.of()).status()).isEqualTo(201);
        }
    }
}
