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

/**
 * Issue 10 §5: "was this helpful?" counts one vote per reader and article; a second vote changes the first.
 * Issue 12: "Non" asks why, and what readers said reaches the gaps report; a bad answer is refused on the page
 * with the reader's words kept.
 */
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

    @Test
    void aNonSaysWhyAndTheGapsReportListsIt() throws Exception {
        Reader léa = new Reader();
        assertThat(léa.vote("no")).isEqualTo(302);
        assertThat(léa.location).endsWith("?voted=no#vote");
        String asked = léa.page(url + "?voted=no");
        assertThat(asked).contains("Merci. Qu’est-ce qui manquait?", "ne répond pas à ma question");

        Page said = léa.why("not_my_question", "Je cherche le <script>alert(1)</script> lien pour l’étape 2");
        assertThat(said.status()).isEqualTo(302);
        assertThat(léa.location).endsWith("?voted=why#vote");
        assertThat(léa.page(url + "?voted=why")).contains("l’équipe du centre d’aide lira votre remarque");

        String report = api.get("/kb/gaps", admin).json().asText();
        assertThat(report).contains("Articles jugés peu utiles", "Réinitialiser son mot de passe", "ne répond pas à ma question (1)",
                "« Je cherche le &lt;script&gt;alert(1)&lt;/script&gt; lien pour l’étape 2 »");
        assertThat(report).doesNotContain("<script>alert(1)");

        assertThat(léa.vote("yes")).as("changing one's mind takes the reason back").isEqualTo(302);
        assertThat(api.get("/kb/gaps", admin).json().asText()).doesNotContain("lien pour l’étape 2");
    }

    @Test
    void aBadWhyIsRefusedOnThePageWithTheReadersWordsKept() throws Exception {
        Reader noé = new Reader();
        assertThat(noé.why("unclear", null).status()).as("no Non to explain").isEqualTo(409);
        assertThat(noé.vote("no")).isEqualTo(302);

        Page empty = noé.why(null, "   ");
        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.text()).contains("Choisissez une raison ou écrivez quelques mots.");

        Page other = noé.why("other", null);
        assertThat(other.status()).isEqualTo(422);
        assertThat(other.text()).contains("Dites en quelques mots ce qui manquait.", "value=\"other\" checked");

        String long_ = "Trop long ".repeat(31);
        Page tooLong = noé.why("incomplete", long_);
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.text()).contains("Votre remarque dépasse 300 caractères", long_.strip(), "aria-invalid=\"true\"");

        Page bell = noé.why("incomplete", "une ligne\u0007 sonore"); // refused for the whole site, before the help centre
        assertThat(bell.status()).isEqualTo(422);
        assertThat(bell.text()).contains("Cette valeur n’est pas acceptée.");
        assertThat(noé.why("pas-une-raison", null).text()).contains("Choisissez une des raisons proposées.");
        assertThat(api.get("/kb/gaps", admin).json().asText()).doesNotContain("Trop long", "sonore");
    }

    static Map<String, Integer> helpful() {
        JsonNode h = api.get("/api/v1/kb/articles/" + id, admin).json().path("helpful");
        return Map.of("yes", h.path("yes").asInt(), "no", h.path("no").asInt());
    }

    record Page(int status, String text) {
    }

    /** A browser: keeps the cookies the help centre gives it and sends the form's token back. */
    static final class Reader {
        private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        String location;

        int vote(String helpful) throws IOException, InterruptedException {
            return post("/vote", Map.of("helpful", helpful)).status();
        }

        /** "Why": a reason and a comment, either left out when null. */
        Page why(String reason, String comment) throws IOException, InterruptedException {
            Map<String, String> fields = new java.util.HashMap<>();
            if (reason != null) fields.put("reason", reason);
            if (comment != null) fields.put("comment", comment);
            return post("/why", fields);
        }

        String page(String path) throws IOException, InterruptedException {
            return http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        }

        private Page post(String action, Map<String, String> fields) throws IOException, InterruptedException {
            Matcher token = CSRF.matcher(page(url));
            assertThat(token.find()).as("the vote form").isTrue();
            StringBuilder form = new StringBuilder("_csrf=").append(encode(token.group(1)));
            fields.forEach((k, v) -> form.append('&').append(k).append('=').append(encode(v)));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + url + action))
                    .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form.toString())).build(),
                    HttpResponse.BodyHandlers.ofString());
            location = r.headers().firstValue("Location").orElse(null);
            return new Page(r.statusCode(), r.body());
        }

        private static String encode(String v) {
            return java.net.URLEncoder.encode(v, java.nio.charset.StandardCharsets.UTF_8);
        }
    }
}
