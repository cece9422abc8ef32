package io.guichet.kb;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Issue 10 §5: "was this helpful?" counts one vote per reader and article; a second vote changes the first. */
class KbVoteTest {
    static TestNode node;
    static Api api;
    static String admin;
    static String id;
    static String url;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        admin = api.adminToken();
        Api.Response created = api.post("/api/v1/kb/articles", admin, Map.of("title", "Réinitialiser son mot de passe",
                "body", "Dans Omnivox, choisissez « Mot de passe oublié ».", "lang", "fr", "status", "published"));
        id = created.text("id");
        url = created.text("url");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @Test
    void oneReaderCountsOnceAndASecondVoteChangesTheFirst() throws Exception {
        Reader zoé = new Reader();
        for (int i = 0; i < 25; i++) assertThat(zoé.vote("yes")).isEqualTo(302);
        assertThat(helpful()).isEqualTo(Map.of("yes", 1, "no", 0));

        assertThat(zoé.vote("no")).isEqualTo(302);
        assertThat(helpful()).as("changed, not added").isEqualTo(Map.of("yes", 0, "no", 1));

        assertThat(new Reader().vote("yes")).isEqualTo(302);
        assertThat(helpful()).as("another reader").isEqualTo(Map.of("yes", 1, "no", 1));
    }

    static Map<String, Integer> helpful() {
        JsonNode h = api.get("/api/v1/kb/articles/" + id, admin).json().path("helpful");
        return Map.of("yes", h.path("yes").asInt(), "no", h.path("no").asInt());
    }

    /** A browser: keeps the cookies the help centre gives it and sends the form's token back. */
    static final class Reader {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        int vote(String helpful) throws IOException, InterruptedException {
            String page = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + url)).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Matcher token = CSRF.matcher(page);
            assertThat(token.find()).as("the vote form").isTrue();
            String form = "helpful=" + helpful + "&_csrf=" + java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8);
            return http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + url + "/vote"))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)).build(),
                    HttpResponse.BodyHandlers.ofString()).statusCode();
        }
    }
}
