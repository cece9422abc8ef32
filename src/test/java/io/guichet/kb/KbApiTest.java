package io.guichet.kb;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Cegep;
import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The help centre's API and public pages, with the bad input people and programs send. */
class KbApiTest {
    static TestNode node;
    static Api api;
    static String admin;
    static String agent;
    static String deadlineId;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        Cegep cegep = Cegep.on(node).capacity(3).withServices().withAgents(Cegep.Persona.ELODIE);
        admin = cegep.admin;
        agent = cegep.élodie;
        deadlineId = create(admin, "Date limite d’admission à l’automne", "L’échéance est le **1er mars** à 23 h 59.", "fr",
                "published", "admissions").text("id");
        create(admin, "Application deadline", "The deadline is **March 1**.", "en", "published", null);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Api.Response create(String token, String title, String body, String lang, String status, String service) {
        Map<String, Object> m = new HashMap<>(Map.of("title", title, "body", body, "lang", lang, "status", status));
        if (service != null) m.put("service", service);
        return api.post("/api/v1/kb/articles", token, m);
    }

    static Api.Response search(String q, String lang) {
        return api.get("/api/v1/kb/search?lang=" + lang + "&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8), null);
    }

    @Test
    void aPublishedArticleIsFoundWithoutAccentsBestFirstWithASnippet() {
        Api.Response r = search("echeance admission", "fr");
        assertThat(r.status()).isEqualTo(200);
        JsonNode first = r.json().path("results").get(0);
        assertThat(first.path("id").asText()).isEqualTo(deadlineId);
        assertThat(first.path("title").asText()).isEqualTo("Date limite d’admission à l’automne");
        assertThat(first.path("url").asText()).isEqualTo("/aide/" + deadlineId + "-date-limite-d-admission-a-l-automne");
        assertThat(first.path("snippet").asText()).contains("échéance").doesNotContain("**");
        assertThat(first.path("score").asDouble()).isPositive();
        JsonNode mark = first.path("highlights").get(0);
        assertThat(first.path("snippet").asText().substring(mark.get(0).asInt(), mark.get(1).asInt())).isEqualTo("L’échéance");
    }

    @Test
    void theHelpCentresCategoriesAreInTheOrderAFrenchReaderExpects() {
        api.createService(admin, "emploi", "Emploi");
        api.createService(admin, "education-adultes", "Éducation des adultes");
        create(admin, "Trouver un stage", "Le service d’emploi publie les offres.", "fr", "published", "emploi");
        create(admin, "Reprendre ses études", "Les cours du soir commencent en septembre.", "fr", "published", "education-adultes");
        String home = api.get("/aide", null).raw().body();
        List<String> order = java.util.regex.Pattern.compile("<h3 id=\"cat-([a-z-]+)\"").matcher(home).results().map(m -> m.group(1)).toList();
        assertThat(order).as("É among the E's, before Emploi").containsSubsequence("admissions", "education-adultes", "emploi");
    }

    @Test
    void eachLanguageHasItsOwnArticles() {
        assertThat(search("deadline", "en").json().path("results").get(0).path("title").asText()).isEqualTo("Application deadline");
        assertThat(search("deadline", "fr").json().path("results")).isEmpty();
    }

    @Test
    void draftsAreNotSearchableNorPublicButStaffSeeThem() {
        String id = create(agent, "Brouillon sur les casiers", "Les casiers du pavillon C.", "fr", "draft", null).text("id");
        assertThat(search("casiers pavillon", "fr").json().path("results")).isEmpty();
        assertThat(api.get("/api/v1/kb/articles/" + id, null).status()).isEqualTo(404);
        assertThat(api.get("/aide/" + id, null).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/kb/articles/" + id, agent).json().path("status").asText()).isEqualTo("draft");
    }

    @Test
    void publishingTakesASupervisorAndEditsAreRevisions() {
        Api.Response byAgent = create(agent, "Publié par un agent", "Texte", "fr", "published", null);
        assertThat(byAgent.status()).isEqualTo(403);
        String id = create(agent, "Horaire de la bibliothèque", "Ouverte de 8 h à 20 h.", "fr", "draft", null).text("id");
        Map<String, Object> published = Map.of("title", "Horaire de la bibliothèque", "body", "Ouverte de 8 h à 22 h.",
                "lang", "fr", "status", "published");
        assertThat(api.put("/api/v1/kb/articles/" + id, agent, published).status()).isEqualTo(403);
        Api.Response ok = api.put("/api/v1/kb/articles/" + id, admin, published);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("revision").asInt()).isEqualTo(2);
        assertThat(ok.json().path("html").asText()).contains("22 h");
        assertThat(search("bibliotheque horaire", "fr").json().path("results").get(0).path("id").asText()).isEqualTo(id);
        Map<String, Object> retired = new HashMap<>(published);
        retired.put("status", "retired");
        api.put("/api/v1/kb/articles/" + id, admin, retired);
        assertThat(search("bibliotheque horaire", "fr").json().path("results")).isEmpty();
        assertThat(api.get("/aide/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void emptyQueriesFindNothingAndOverlongOnesAre422() {
        assertThat(search("", "fr").json().path("results")).isEmpty();
        assertThat(search("   ", "fr").json().path("results")).isEmpty();
        assertThat(api.get("/api/v1/kb/search?lang=fr", null).json().path("results")).isEmpty();
        Api.Response tooLong = search("a".repeat(201), "fr");
        assertThat(tooLong.status()).isEqualTo(422);
        assertThat(tooLong.json().path("error").path("code").asText()).isEqualTo("invalid");
        assertThat(search("é".repeat(200), "fr").status()).isEqualTo(200);
    }

    @Test
    void querySyntaxCharactersNeverCauseAnError() {
        for (String q : List.of("\"(*:~", "date AND admission", "title:date", "*", "?", "\\", "[a TO z]", "{}", "((((", "!", "~2", "/regex/", "&&||")) {
            Api.Response r = search(q, "fr");
            assertThat(r.status()).as(q).isEqualTo(200);
            assertThat(r.json().has("results")).as(q).isTrue();
        }
    }

    @Test
    void unknownLanguagesAndBadLimitsAre422() {
        assertThat(search("admission", "de").status()).isEqualTo(422);
        assertThat(api.get("/api/v1/kb/search?q=admission&lang=fr&limit=0", null).status()).isEqualTo(422);
        assertThat(api.get("/api/v1/kb/search?q=admission&lang=fr&limit=abc", null).status()).isEqualTo(422);
        assertThat(create(admin, "Titre", "Texte", "es", "draft", null).status()).isEqualTo(422);
    }

    @Test
    void articlesOver200KbAre413AndJustUnderIsAccepted() {
        Api.Response big = create(admin, "Très long", "x".repeat(200 * 1024 + 1), "fr", "draft", null);
        assertThat(big.status()).isEqualTo(413);
        assertThat(big.json().path("error").path("code").asText()).isEqualTo("too_large");
        assertThat(create(admin, "Long mais permis", "é".repeat(100 * 1024 - 10), "fr", "draft", null).status()).isEqualTo(201);
        assertThat(api.postRaw("/api/v1/kb/articles", admin, "{\"body\":\"" + "y".repeat(600 * 1024) + "\"}").status()).isEqualTo(413);
    }

    @Test
    void badArticleBodiesAreRefusedNamingTheField() {
        assertThat(api.postRaw("/api/v1/kb/articles", admin, "{not json").status()).isEqualTo(400);
        Api.Response noTitle = api.post("/api/v1/kb/articles", admin, Map.of("body", "Texte", "lang", "fr"));
        assertThat(noTitle.status()).isEqualTo(422);
        assertThat(noTitle.json().path("error").path("message").asText()).contains("title");
        assertThat(api.post("/api/v1/kb/articles", admin, Map.of("title", 12, "body", "x", "lang", "fr")).status()).isEqualTo(422);
        assertThat(create(admin, "Titre", "Texte", "fr", "archived", null).status()).isEqualTo(422);
        assertThat(create(admin, "Titre", "Texte", "fr", "draft", "inconnu").json().path("error").path("code").asText())
                .isEqualTo("unknown_service");
        assertThat(api.post("/api/v1/kb/articles", null, Map.of("title", "x", "body", "x", "lang", "fr")).status()).isEqualTo(401);
    }

    @Test
    void htmlAndScriptInAnArticleAreShownAsTextOnItsPage() {
        String id = create(admin, "Sécurité <script>alert('titre')</script>",
                "Avant <script>alert('x')</script> après <img src=x onerror=alert(1)> [lien](javascript:alert(2))",
                "fr", "published", null).text("id");
        Api.Response page = api.get("/aide/" + id + "-securite-script-alert-titre-script", null);
        assertThat(page.status()).isEqualTo(200);
        String html = page.json().asText();
        assertThat(html).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("href=\"javascript:");
        assertThat(html).contains("&lt;script&gt;alert(");
    }

    @Test
    void theHelpCentreHasTitlesDescriptionsAndCanonicalAddresses() {
        Api.Response home = api.get("/aide", null);
        assertThat(home.status()).isEqualTo(200);
        assertThat(home.json().asText()).contains("<html lang=\"fr\"", "<title>Comment pouvons-nous vous aider? · Centre d’aide</title>",
                "name=\"description\"", "Date limite d’admission à l’automne", "hreflang=\"en\"");
        Api.Response article = api.get("/aide/" + deadlineId + "-date-limite-d-admission-a-l-automne", null);
        assertThat(article.json().asText()).contains("<title>Date limite d’admission à l’automne · Centre d’aide</title>",
                "content=\"L’échéance est le 1er mars à 23 h 59.\"", "<strong>1er mars</strong>");
        Api.Response oldSlug = api.get("/aide/" + deadlineId + "-ancien-titre", null);
        assertThat(oldSlug.status()).isEqualTo(301);
        assertThat(oldSlug.raw().headers().firstValue("Location")).contains("/aide/" + deadlineId + "-date-limite-d-admission-a-l-automne");
        assertThat(api.get("/help/" + deadlineId, null).status()).isEqualTo(301);
        assertThat(api.get("/help", null).json().asText()).contains("<html lang=\"en\"", "Application deadline");
        assertThat(api.get("/aide/abc", null).status()).isEqualTo(404);
    }

    @Test
    void searchesAreLimitedPerAddress() {
        try (TestNode limited = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_RATE_LIMITS", "on"))) {
            Api a = limited.api();
            // Sixteen at a time: one by one, a loaded machine answers so slowly that the bucket refills as fast as it empties.
            java.util.concurrent.atomic.AtomicBoolean refused = new java.util.concurrent.atomic.AtomicBoolean();
            try (var flood = java.util.concurrent.Executors.newFixedThreadPool(16)) {
                for (int i = 0; i < 3_000; i++) {
                    flood.submit(() -> {
                        if (!refused.get() && a.get("/api/v1/kb/search?lang=fr&q=admission", null).status() == 429) refused.set(true);
                    });
                }
            }
            assertThat(refused).isTrue();
        }
    }
}
