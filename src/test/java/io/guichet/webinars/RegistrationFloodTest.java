package io.guichet.webinars;

import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One address flooding the registration form is told to wait; what it registered before stays registered. */
class RegistrationFloodTest {
    @AutoClose
    final TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_RATE_LIMITS", "on", "GUICHET_RATE_WEBINAR_REGISTRATIONS", "8"));

    @Test
    void theNinthRegistrationOfAMinuteFromOneAddressIs429WithRetryAfter() {
        Api api = node.api();
        Cegep cegep = Cegep.on(node).withServices().withSupervisor();
        String id = api.post("/api/v1/webinars/sessions", cegep.jérôme, WebinarApiTest.session("Salon virtuel", null)).text("id");
        String path = "/api/v1/webinars/sessions/" + id + "/registrations";
        for (int i = 0; i < 8; i++) {
            assertThat(api.post(path, null, Map.of("name", "Flot " + i, "email", "flot" + i + "@exemple.ca")).status()).isEqualTo(201);
        }
        Api.Response refused = api.post(path, null, Map.of("name", "Flot 9", "email", "flot9@exemple.ca"));
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();
        assertThat(api.get(path, cegep.jérôme).json().get("registrations")).hasSize(8);
    }
}
