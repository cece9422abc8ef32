package io.guichet.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local stand-in for Meta's Graph API, as much of it as the Messenger adapter uses, answering as the documentation
 * says: {@code POST /v25.0/{page-id}/messages?access_token=…} (the Send API) and {@code GET /v25.0/{psid}?fields=…}
 * (the User Profile API), the page comments' public replies {@code POST /v25.0/{comment-id}/comments} and private replies
 * (the Send API with {@code recipient.comment_id}, once per comment: then code 10900). It checks the page access token (a wrong or expired one is {@code 400} with the
 * {@code OAuthException} code 190), the request's shape (a {@code recipient.id}; either {@code messaging_type} with a
 * {@code message.text} of at most 2,000 characters, or a {@code sender_action} alone; anything else is code 100), and
 * records every message it accepted. It can fail the next sends with a server error (code 2) to test retries.
 */
public final class GraphStandIn implements AutoCloseable {
    public static final String VERSION = "v25.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Set<String> MESSAGING_TYPES = Set.of("RESPONSE", "UPDATE", "MESSAGE_TAG");
    private static final Set<String> SENDER_ACTIONS = Set.of("typing_on", "typing_off", "mark_seen");

    /** One accepted call of the Send API. */
    public record Received(String pageId, String psid, String messagingType, String text, String senderAction) {
    }

    private final HttpServer server;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();   // page id → its valid token
    private final Map<String, String[]> profiles = new ConcurrentHashMap<>(); // psid → first, last name
    public final List<Received> received = new CopyOnWriteArrayList<>();
    public final List<String> refused = new CopyOnWriteArrayList<>();
    private final AtomicInteger failNext = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();

    /** A reply to a comment: public (under it) or private (Messenger's one message to its author). */
    public record CommentReply(String commentId, String text) {
    }

    private final Map<String, String> comments = new ConcurrentHashMap<>(); // comment id → the page it is on
    public final List<CommentReply> publicReplies = new CopyOnWriteArrayList<>();
    public final List<CommentReply> privateReplies = new CopyOnWriteArrayList<>();

    /** A comment someone wrote on the page's post (what the test's feed webhook then tells), so replies to it may be made. */
    public GraphStandIn comment(String pageId, String commentId) {
        comments.put(commentId, pageId);
        return this;
    }

    public GraphStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/" + VERSION + "/", this::handle);
        server.start();
    }

    /** What GUICHET_GRAPH_API_URL is set to. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + VERSION;
    }

    public GraphStandIn page(String pageId, String token) {
        tokens.put(pageId, token);
        return this;
    }

    /** The page's token stops working, as an expired or revoked one does. */
    public void expireToken(String pageId) {
        tokens.put(pageId, "(expired)" + System.nanoTime());
    }

    public GraphStandIn profile(String psid, String first, String last) {
        profiles.put(psid, new String[]{first, last});
        return this;
    }

    /** The next {@code n} messages (not sender actions) answer 500 with Meta's transient error (code 2). */
    public void failNext(int n) {
        failNext.set(n);
    }

    public List<Received> messagesTo(String psid) {
        return received.stream().filter(r -> r.psid().equals(psid) && r.text() != null).toList();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            String rest = x.getRequestURI().getPath().substring(VERSION.length() + 2);
            Map<String, String> query = query(x.getRequestURI().getRawQuery());
            if (x.getRequestMethod().equals("POST") && rest.matches("[0-9]+/messages")) send(x, rest.substring(0, rest.indexOf('/')), query);
            else if (x.getRequestMethod().equals("POST") && rest.matches("[0-9]+_[0-9]+/comments")) replyToComment(x, rest.substring(0, rest.indexOf('/')), query);
            else if (x.getRequestMethod().equals("GET") && rest.matches("[0-9]+")) profile(x, rest, query);
            else error(x, 400, 100, "Unsupported request", "GraphMethodException");
        }
    }

    private void send(HttpExchange x, String pageId, Map<String, String> query) throws IOException {
        String token = query.get("access_token");
        if (token == null || !token.equals(tokens.get(pageId))) {
            refused.add("token");
            error(x, 400, 190, "Error validating access token: Session has expired.", "OAuthException");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(x.getRequestBody().readAllBytes());
        } catch (IOException e) {
            body = null;
        }
        String contentType = x.getRequestHeaders().getFirst("Content-Type");
        if (body == null || !body.isObject() || contentType == null || !contentType.startsWith("application/json")) {
            refused.add("body");
            error(x, 400, 100, "(#100) The parameter recipient is required", "OAuthException");
            return;
        }
        if (body.path("recipient").has("comment_id")) {
            replyPrivately(x, pageId, body);
            return;
        }
        String psid = body.path("recipient").path("id").asText("");
        String type = body.path("messaging_type").asText(null);
        String action = body.path("sender_action").asText(null);
        String text = body.path("message").path("text").asText(null);
        boolean message = type != null && MESSAGING_TYPES.contains(type) && text != null && !text.isEmpty() && text.length() <= 2000 && action == null;
        boolean senderAction = action != null && SENDER_ACTIONS.contains(action) && !body.has("message");
        if (psid.isEmpty() || !(message || senderAction)) {
            refused.add("shape");
            error(x, 400, 100, "(#100) Invalid parameter", "OAuthException");
            return;
        }
        if (message && failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) { // messages fail; sender actions are told apart
            error(x, 500, 2, "An unexpected error has occurred. Please retry your request later.", "OAuthException");
            return;
        }
        received.add(new Received(pageId, psid, type, text, action));
        answer(x, 200, senderAction ? Map.of("recipient_id", psid) : Map.of("recipient_id", psid, "message_id", "m_standin_" + ids.incrementAndGet()));
    }

    /** A private reply ({@code recipient.comment_id}, a {@code message.text}): one per comment of the page's, as Meta allows. */
    private void replyPrivately(HttpExchange x, String pageId, JsonNode body) throws IOException {
        String commentId = body.path("recipient").path("comment_id").asText("");
        String text = body.path("message").path("text").asText("");
        if (!pageId.equals(comments.get(commentId)) || text.isEmpty() || text.length() > 2000 || body.has("sender_action")) {
            refused.add("shape");
            error(x, 400, 100, "(#100) Invalid parameter", "OAuthException");
            return;
        }
        if (privateReplies.stream().anyMatch(r -> r.commentId().equals(commentId))) {
            refused.add("replied");
            error(x, 400, 10900, "(#10900) Activity already replied to", "OAuthException");
            return;
        }
        privateReplies.add(new CommentReply(commentId, text));
        answer(x, 200, Map.of("recipient_id", "psid_of_" + commentId, "message_id", "m_standin_" + ids.incrementAndGet()));
    }

    /** {@code POST /{comment-id}/comments}: a public reply, with the token of the page the comment is on and a {@code message}. */
    private void replyToComment(HttpExchange x, String commentId, Map<String, String> query) throws IOException {
        String pageId = comments.get(commentId);
        if (pageId == null) {
            error(x, 400, 100, "(#100) Unsupported post request. Object does not exist", "GraphMethodException");
            return;
        }
        if (!java.util.Objects.equals(query.get("access_token"), tokens.get(pageId))) {
            refused.add("token");
            error(x, 400, 190, "Error validating access token: Session has expired.", "OAuthException");
            return;
        }
        JsonNode body;
        try {
            body = JSON.readTree(x.getRequestBody().readAllBytes());
        } catch (IOException e) {
            body = null;
        }
        String text = body == null ? "" : body.path("message").asText("");
        if (text.isEmpty() || text.length() > 8000) {
            refused.add("shape");
            error(x, 400, 100, "(#100) The parameter message is required", "OAuthException");
            return;
        }
        publicReplies.add(new CommentReply(commentId, text));
        answer(x, 200, Map.of("id", commentId.substring(0, commentId.indexOf('_')) + "_" + (900000 + ids.incrementAndGet())));
    }

    private void profile(HttpExchange x, String psid, Map<String, String> query) throws IOException {
        String[] p = profiles.get(psid);
        if (query.get("access_token") == null || !tokens.containsValue(query.get("access_token")) || p == null) {
            error(x, 400, 100, "(#100) No profile available for that user", "OAuthException");
            return;
        }
        answer(x, 200, Map.of("first_name", p[0], "last_name", p[1], "id", psid));
    }

    private static void error(HttpExchange x, int status, int code, String message, String type) throws IOException {
        answer(x, status, Map.of("error", Map.of("message", message, "type", type, "code", code, "fbtrace_id", "AbCdEf")));
    }

    private static void answer(HttpExchange x, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null) return m;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) m.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
