package io.guichet.channels;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * The generic SMS (or voice) gateway: one HTTPS POST per message to a configured URL, one configured header carrying
 * the gateway's credential ({@code Authorization: Bearer …}, {@code X-Api-Key: …}), and a JSON body written from a
 * template where {@code {to}} and {@code {text}} stand inside strings and are replaced JSON-escaped — a quote or a line
 * break in an alert cannot break the body or add a field. A 5xx answer or an unreachable gateway is tried again (three
 * attempts, waiting a little longer each time); a 4xx is the gateway's refusal, not tried again. The credential is
 * never logged and never shown back.
 */
public final class HttpSmsGateway implements SmsProvider {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");
    public static final int ATTEMPTS = 3, TEMPLATE_MAX = 2000, URL_MAX = 500, SECRET_MAX = 1000;

    /** A gateway's settings as the administrator gives them; {@link #validated} refuses what could not work. */
    public record Settings(String url, String headerName, String headerValue, String bodyTemplate) {
        @Override
        public String toString() { // the credential stays out of any log line a record would be printed in
            return "HttpSmsGateway.Settings[url=" + url + ", headerName=" + headerName + ", bodyTemplate=" + bodyTemplate + "]";
        }
    }

    private final Settings settings;
    private final HttpClient http;
    private final Duration firstWait;

    public HttpSmsGateway(Settings settings, HttpClient http, Duration firstWait) {
        this.settings = validated(settings);
        this.http = http;
        this.firstWait = firstWait;
    }

    /**
     * The settings, or a 422 naming the field: an http(s) URL, a header name of letters, digits and dashes, a credential
     * without control characters, and a template that is JSON once {to} and {text} are filled and uses both.
     */
    public static Settings validated(Settings s) {
        String url = Fields.required("url", s.url(), URL_MAX);
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw ApiError.invalid("url", "url is not an address");
        }
        if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
            throw ApiError.invalid("url", "url must be an http(s) address");
        }
        String name = Fields.optional("headerName", s.headerName(), 64);
        if (name != null && !HEADER_NAME.matcher(name).matches()) throw ApiError.invalid("headerName", "headerName must be letters, digits and dashes");
        String value = Fields.optional("headerValue", s.headerValue(), SECRET_MAX);
        if ((name == null) != (value == null)) throw ApiError.invalid(name == null ? "headerName" : "headerValue", "the header needs both a name and a value");
        String template = Fields.requiredText("bodyTemplate", s.bodyTemplate(), TEMPLATE_MAX);
        if (!template.contains("{to}") || !template.contains("{text}")) throw ApiError.invalid("bodyTemplate", "bodyTemplate must use {to} and {text}");
        try {
            JSON.readTree(fill(template, "+15145550123", "Test \"1\"\n"));
        } catch (IOException e) {
            throw ApiError.invalid("bodyTemplate", "bodyTemplate is not JSON once {to} and {text} are filled (put them inside quotes)");
        }
        return new Settings(url, name, value, template);
    }

    /** The template with each placeholder replaced by the value JSON-escaped (without its quotes: the template has them). */
    static String fill(String template, String to, String text) {
        return template.replace("{to}", escaped(to)).replace("{text}", escaped(text));
    }

    private static String escaped(String v) {
        try {
            String quoted = JSON.writeValueAsString(v);
            return quoted.substring(1, quoted.length() - 1);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Result send(String to, String text) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(settings.url())).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json; charset=utf-8").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(fill(settings.bodyTemplate(), to, text)));
        if (settings.headerName() != null) b.header(settings.headerName(), settings.headerValue());
        HttpRequest request = b.build();
        int status = 0;
        for (int attempt = 1; ; attempt++) {
            try {
                status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status < 500) return new Result(status >= 200 && status < 300, status, attempt);
            } catch (IOException e) {
                status = 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(false, 0, attempt);
            }
            if (attempt == ATTEMPTS) return new Result(false, status, attempt);
            try {
                Thread.sleep(firstWait.multipliedBy(1L << (attempt - 1)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(false, status, attempt);
            }
        }
    }
}
