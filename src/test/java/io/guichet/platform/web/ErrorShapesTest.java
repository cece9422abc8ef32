package io.guichet.platform.web;

import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every refusal has our shape: JSON on the API even from Jetty itself, and error pages in the request's language. */
class ErrorShapesTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh());
    static final Api api = node.api();
    static final HttpClient HTTP = HttpClient.newHttpClient();

    private static HttpResponse<String> get(String path, String header, String value) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).header(header, value).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void jettysOwnRefusalsOfHugeUrisAndHeadersAreJson() throws Exception {
        HttpResponse<String> uri = get("/api/v1/services?x=" + "a".repeat(20_000), "Accept", "application/json");
        assertThat(uri.statusCode()).isEqualTo(414);
        assertThat(uri.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        assertThat(uri.body()).contains("\"code\":\"uri_too_long\"");
        HttpResponse<String> headers = get("/api/v1/services", "X-Big", "b".repeat(20_000));
        assertThat(headers.statusCode()).isEqualTo(431);
        assertThat(headers.body()).contains("\"code\":\"headers_too_large\"");
    }

    @Test
    void jsonWithTrailingGarbageIsMalformed() {
        var r = api.postRaw("/api/v1/auth/login", null, "{\"email\":\"a@b.ca\",\"password\":\"nope-nope-nope\"} {\"x\":1}");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("error").path("code").asText()).isEqualTo("malformed");
    }

    @Test
    void errorPagesSpeakTheLanguageOfTheRequest() throws Exception {
        HttpResponse<String> fr = get("/pas-de-page?lang=fr", "Accept", "text/html");
        assertThat(fr.statusCode()).isEqualTo(404);
        assertThat(fr.body()).contains("introuvable").doesNotContain("not found");
        HttpResponse<String> en = get("/no-such-page?lang=en", "Accept", "text/html");
        assertThat(en.body()).contains("not found");
    }

    /** A browser's request in one language: its page, and the refusal's heading and message all in that language. */
    private static HttpResponse<String> browser(String method, String path, String language, String formBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).header("Accept", "text/html")
                .header("Accept-Language", language);
        b = formBody == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
                : b.header("Content-Type", "application/x-www-form-urlencoded").method(method, HttpRequest.BodyPublishers.ofString(formBody));
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyRefusalABrowserMeetsIsWordedInOneLanguage() throws Exception {
        record Case(String method, String path, String form, int status, String fr, String en) {
        }
        List<Case> cases = List.of(
                new Case("GET", "/nulle-part", null, 404, "Page introuvable", "Page not found"),
                new Case("POST", "/login", "email=a%40b.ca&password=x", 403, "Formulaire expiré", "Form expired"),
                new Case("GET", "/logout", null, 405, "Action impossible ici", "Not possible here"),
                new Case("POST", "/login", "email=" + "a".repeat(1_100_000), 413, "Envoi trop volumineux", "Too large to send"),
                new Case("GET", "/link/unsubscribe/pas-un-jeton", null, 400, "Lien non valide", "Link not valid"));
        for (Case c : cases) {
            HttpResponse<String> fr = browser(c.method(), c.path(), "fr-CA,fr;q=0.9", c.form());
            HttpResponse<String> en = browser(c.method(), c.path(), "en-CA,en;q=0.9", c.form());
            assertThat(fr.statusCode()).as(c.toString()).isEqualTo(c.status());
            assertThat(en.statusCode()).as(c.toString()).isEqualTo(c.status());
            assertThat(fr.headers().firstValue("Content-Type").orElse("")).as(c.toString()).startsWith("text/html");
            assertThat(fr.body()).as(c.toString()).contains("lang=\"fr\"", c.fr()).doesNotContain(c.en(), "Something went wrong", "Error code");
            assertThat(en.body()).as(c.toString()).contains("lang=\"en\"", c.en()).doesNotContain(c.fr(), "Une erreur", "Code d’erreur");
        }
    }

    @Test
    void aFloodOfBadLinksIsTooManyRequestsInTheBrowsersLanguage() throws Exception {
        try (TestNode limited = TestNode.start(TestDatabases.fresh(), java.util.Map.of("GUICHET_RATE_LIMITS", "on"))) {
            HttpResponse<String> last = null;
            for (int i = 0; i < 40 && (last == null || last.statusCode() != 429); i++) {
                last = HTTP.send(HttpRequest.newBuilder(URI.create(limited.baseUrl() + "/link/unsubscribe/faux-" + i))
                        .header("Accept", "text/html").header("Accept-Language", "fr-CA").GET().build(), HttpResponse.BodyHandlers.ofString());
            }
            assertThat(last.statusCode()).isEqualTo(429);
            assertThat(last.headers().firstValue("Retry-After")).isPresent();
            assertThat(last.body()).contains("Trop de requêtes", "réessayez dans un instant").doesNotContain("Too many");
        }
    }

    @Test
    void theSameRefusalsStayJsonOnTheApi() {
        var missing = api.get("/api/v1/nothing-here", null);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("error").path("code").asText()).isEqualTo("not_found");
        var wrongMethod = api.delete("/api/v1/auth/login", null);
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.json().path("error").path("code").asText()).isEqualTo("method_not_allowed");
        var huge = api.postRaw("/api/v1/auth/login", null, "{\"email\":\"" + "a".repeat(1_100_000) + "\"}");
        assertThat(huge.status()).isEqualTo(413);
        assertThat(huge.json().path("error").path("code").asText()).isEqualTo("too_large");
    }

    /** Every refusal a page can show has its heading and message in both languages, and they differ (no English left in French). */
    @Test
    void everyRefusalHasItsWordsInBothLanguages() {
        Messages messages = new Messages();
        for (String code : List.of("not_found", "forbidden", "method_not_allowed", "too_large", "rate_limited", "internal", "csrf",
                "bad_link", "unavailable", "unauthorized", "malformed")) {
            assertThat(messages.in("fr").t("error." + code)).as(code).isNotEqualTo(messages.in("en").t("error." + code));
        }
        for (int status : new int[] {400, 401, 403, 404, 405, 409, 413, 429, 500, 503}) {
            assertThat(messages.in("fr").has("error.heading." + status)).as("heading of " + status).isTrue();
            assertThat(messages.in("fr").t("error.heading." + status)).isNotEqualTo(messages.in("en").t("error.heading." + status));
        }
    }
}
