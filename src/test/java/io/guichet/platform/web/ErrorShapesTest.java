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
}
