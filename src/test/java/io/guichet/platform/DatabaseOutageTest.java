package io.guichet.platform;

import io.guichet.App;
import io.guichet.platform.db.Database;
import io.guichet.testing.Cegep;
import io.guichet.testing.Api;
import io.guichet.testing.TestNode;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The database stops under a running server: the server says it is unhealthy, refuses writes with
 * 503 instead of hanging, and comes back by itself when the database returns, with nothing lost.
 */
class DatabaseOutageTest {
    @Test
    void writesAre503WhileTheDatabaseIsDownAndEverythingResumesWhenItReturns() throws Exception {
        Path dataDir = Files.createTempDirectory("guichet-outage-pg");
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        EmbeddedPostgres pg = startPostgres(dataDir, port);
        String url = pg.getJdbcUrl("postgres", "postgres");
        Map<String, String> env = Map.of("GUICHET_PORT", "0", "GUICHET_DEMO", "false", "GUICHET_RATE_LIMITS", "off",
                "GUICHET_ADMIN_EMAIL", TestNode.ADMIN_EMAIL, "GUICHET_ADMIN_PASSWORD", TestNode.ADMIN_PASSWORD,
                "GUICHET_DATA_DIR", Files.createTempDirectory("guichet-outage-node").toString());
        Config config = Config.load(env, new String[0]).withDatabase(url, "postgres", "postgres");
        try (Database database = Database.connect(url, "postgres", "postgres", 5);
             App app = App.startOn(config, database)) {
            Api api = new Api("http://localhost:" + app.port());
            Cegep cegep = Cegep.over(api).capacity(5).withServices().withAgents(Cegep.Persona.FRANCOIS).withVisitor();
            String admin = cegep.admin;
            String agent = cegep.françois;
            String visitor = cegep.zoé;
            try (var agentSocket = api.socket("/ws/agent?token=" + agent);
                 var visitorSocket = api.socket("/ws/visitor?token=" + visitor)) {
                String conversation = api.startConversation(visitor, "aide-financiere", "Avant la panne, é à ç").text("conversationId");
                assertThat(agentSocket.next("conversation.assigned", 5)).isNotNull();
                String messages = "/api/v1/visitor/conversations/" + conversation + "/messages";

                pg.close();

                long down = System.currentTimeMillis() + 2_000; // the health probe asks twice a second
                while (api.get("/health", null).status() != 503 && System.currentTimeMillis() < down) Thread.sleep(100);
                assertThat(api.get("/health", null).status()).as("down within a second or so").isEqualTo(503);
                Api.Response refused = api.post(messages, visitor, Map.of("body", "Pendant la panne", "clientId", "pendant-1"));
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.json().path("error").path("code").asText()).isEqualTo("unavailable");
                assertThat(refused.raw().headers().firstValue("Retry-After")).isPresent();

                pg = startPostgres(dataDir, port);

                long deadline = System.currentTimeMillis() + 30_000;
                while (api.get("/health", null).status() != 200 && System.currentTimeMillis() < deadline) Thread.sleep(200);
                assertThat(api.get("/health", null).status()).as("healthy again without a restart").isEqualTo(200);

                // The client retries the refused write with the same clientId: stored once, now.
                assertThat(api.post(messages, visitor, Map.of("body", "Pendant la panne", "clientId", "pendant-1")).status()).isEqualTo(201);
                api.post("/api/v1/conversations/" + conversation + "/messages", agent, Map.of("body", "Après la panne", "clientId", "après-1"));
                assertThat(visitorSocket.nextMessage("Après la panne", 10)).as("live delivery resumes").isNotNull();

                var bodies = api.get(messages, visitor).json().path("messages").findValuesAsText("body");
                assertThat(bodies).containsExactly("Avant la panne, é à ç", "Pendant la panne", "Après la panne");
            }
        } finally {
            pg.close();
        }
    }

    private static EmbeddedPostgres startPostgres(Path dataDir, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(dataDir).setCleanDataDirectory(false).setPort(port).start();
    }
}
