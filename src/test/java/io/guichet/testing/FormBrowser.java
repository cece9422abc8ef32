package io.guichet.testing;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A browser without JavaScript: keeps cookies, reads the form token of the last page, posts forms. */
public final class FormBrowser {
    private static final Pattern TOKEN = Pattern.compile("name=\"(?:_csrf|csrf-token)\" (?:value|content)=\"([^\"]+)\"");
    private final String base;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;
    private String lastToken;

    public FormBrowser(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public HttpResponse<String> get(String path) {
        return getUrl(base + path);
    }

    /** Follows the redirect this response answers with, wherever it leads (to a sign-in provider and back). */
    public HttpResponse<String> follow(HttpResponse<String> r) {
        String to = r.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no redirect: " + r.statusCode()));
        return getUrl(URI.create(base + "/").resolve(to).toString());
    }

    /** A page at an absolute address (a provider's), with this browser's cookies. */
    public HttpResponse<String> getUrl(String url) {
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/html").GET());
        Matcher m = TOKEN.matcher(r.body());
        if (m.find()) lastToken = m.group(1);
        return r;
    }

    /** Posts the fields with the form token of the last page read. */
    public HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>(fields);
        if (lastToken != null) all.putIfAbsent("_csrf", lastToken);
        return postRaw(path, all);
    }

    /** Posts exactly these fields. */
    public HttpResponse<String> postRaw(String path, Map<String, String> fields) {
        StringBuilder body = new StringBuilder();
        fields.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&").append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                .append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return send(HttpRequest.newBuilder(URI.create(base + path)).header("Accept", "text/html")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)));
    }

    /** Signs in through the login form. */
    public HttpResponse<String> logIn(String email, String password) {
        get("/login");
        return post("/login", Map.of("email", email, "password", password, "next", "/console"));
    }

    /** A cookie as another site could plant it (a sibling subdomain, a man in the middle on http). */
    public void plant(String name, String value) {
        cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).toList()
                .forEach(c -> cookies.getCookieStore().remove(null, c));
        HttpCookie cookie = new HttpCookie(name, value);
        cookie.setPath("/");
        cookie.setVersion(0);
        cookies.getCookieStore().add(URI.create(base), cookie);
    }

    public String cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name))
                .map(HttpCookie::getValue).findFirst().orElse(null);
    }

    public String token() {
        return lastToken;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
