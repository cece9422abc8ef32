package io.guichet.platform;

import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One visitor cannot open a thousand sockets, nor one address fill a live wall's "people present". */
class SocketQuotaTest {
    @Test
    void aVisitorHoldsAFewSocketsAndAnAddressAFewAnonymousWallSockets() {
        try (TestNode node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_RATE_LIMITS", "on",
                "GUICHET_SOCKETS_PER_VISITOR", "3", "GUICHET_LIVE_SOCKETS_PER_ADDRESS", "4"))) {
            Api api = node.api();
            String admin = api.adminToken();
            String zoe = api.visitor("Zoé");
            List<Api.Socket> open = new ArrayList<>();
            try {
                for (int i = 0; i < 3; i++) open.add(api.socket("/ws/visitor?token=" + zoe));
                assertThatThrownBy(() -> api.socket("/ws/visitor?token=" + zoe)).hasMessageContaining("4429");
                assertThat(api.socket("/ws/visitor?token=" + api.visitor("Léo"))).as("another visitor is not refused").isNotNull();
                open.removeFirst().close();
                Thread.sleep(300);
                open.add(api.socket("/ws/visitor?token=" + zoe)); // the place was given back

                OffsetDateTime start = OffsetDateTime.now().minusHours(1);
                assertThat(api.post("/api/v1/live", admin, Map.of("slug", "soiree-quota", "titleFr", "Soirée", "titleEn", "Evening",
                        "startsAt", start.toString(), "endsAt", start.plusHours(3).toString(), "moderation", "post")).status()).isEqualTo(201);
                for (int i = 0; i < 4; i++) open.add(api.socket("/ws/live/soiree-quota"));
                assertThatThrownBy(() -> api.socket("/ws/live/soiree-quota")).hasMessageContaining("4429");
                assertThat(api.socket("/ws/live/soiree-quota?token=" + admin)).as("moderators are not counted").isNotNull();
            } finally {
                open.forEach(Api.Socket::close);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
