package io.guichet.channels.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * Meta's Graph API as the Messenger adapter uses it: the Send API ({@code POST /{page-id}/messages}, a JSON body with
 * {@code recipient}, {@code messaging_type: RESPONSE} and {@code message}, or a {@code sender_action}) and the User
 * Profile API ({@code GET /{psid}?fields=first_name,last_name}). The page access token travels as the documented
 * {@code access_token} parameter and is never logged.
 */
public final class GraphClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public GraphClient(URI base) {
        this.base = base;
    }

    /** What Meta answered: the message id on success, else its error code ({@code 190}: the token expired) and message. */
    public record Answer(int status, String messageId, Integer errorCode, String errorMessage) {
        public boolean ok() {
            return status == 200 && errorCode == null;
        }

        /** Worth trying again later: no answer, a server error or a rate limit (codes 1, 2, 4, 17, 613). */
        public boolean transientFailure() {
            return status == 0 || status >= 500 || status == 429
                    || errorCode != null && java.util.Set.of(1, 2, 4, 17, 32, 613).contains(errorCode);
        }
    }

    public Answer sendText(String pageId, String accessToken, String psid, String text) {
        return post(pageId + "/messages", accessToken, Map.of("recipient", Map.of("id", psid), "messaging_type", "RESPONSE", "message", Map.of("text", text)));
    }

    /** {@code typing_on}, {@code typing_off} or {@code mark_seen}: no messaging_type, no message (the Send API's rule). */
    public Answer senderAction(String pageId, String accessToken, String psid, String action) {
        return post(pageId + "/messages", accessToken, Map.of("recipient", Map.of("id", psid), "sender_action", action));
    }

    /** A public reply under a comment of the page's ({@code POST /{comment-id}/comments}, the reply's {@code message}). */
    public Answer replyToComment(String commentId, String accessToken, String text) {
        return post(commentId + "/comments", accessToken, Map.of("message", text));
    }

    /** The private reply to a comment: the Send API with {@code recipient.comment_id}, once per comment. */
    public Answer replyPrivately(String pageId, String accessToken, String commentId, String text) {
        return post(pageId + "/messages", accessToken, Map.of("recipient", Map.of("comment_id", commentId), "message", Map.of("text", text)));
    }

    private Answer post(String path, String accessToken, Map<String, Object> body) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/" + path + "?access_token=" + enc(accessToken)))
                    .timeout(Duration.ofSeconds(15)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body))).build();
            return answer(http.send(req, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            return new Answer(0, null, null, "no answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, null, null, "interrupted");
        }
    }

    /** The person's name as the page may read it; null when it may not or Meta does not answer (never blocks a message). */
    public String profileName(String psid, String accessToken) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/" + enc(psid) + "?fields=first_name,last_name&access_token=" + enc(accessToken)))
                    .timeout(Duration.ofSeconds(3)).GET().build();
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) return null;
            JsonNode n = JSON.readTree(res.body());
            String name = (n.path("first_name").asText("") + " " + n.path("last_name").asText("")).strip();
            return name.isEmpty() ? null : name.length() > 200 ? name.substring(0, 200) : name;
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static Answer answer(HttpResponse<String> res) {
        JsonNode n;
        try {
            n = JSON.readTree(res.body());
        } catch (IOException e) {
            return new Answer(res.statusCode(), null, null, "unreadable answer");
        }
        JsonNode error = n == null ? null : n.get("error");
        if (error != null && error.isObject()) {
            String message = error.path("message").asText("");
            return new Answer(res.statusCode(), null, error.path("code").isInt() ? error.path("code").asInt() : -1,
                    message.length() > 300 ? message.substring(0, 300) : message);
        }
        if (res.statusCode() != 200) return new Answer(res.statusCode(), null, null, "HTTP " + res.statusCode());
        return new Answer(200, n == null ? null : n.path(n.has("message_id") ? "message_id" : "id").asText(null), null, null); // a comment answers its id
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
