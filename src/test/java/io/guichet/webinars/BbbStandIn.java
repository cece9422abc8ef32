package io.guichet.webinars;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A BigBlueButton API server for tests, speaking the documented protocol: every call's checksum is checked as
 * BigBlueButton does (SHA-1 or SHA-256 of callName + the query string as received, less {@code &checksum=…}, + the
 * shared secret; a wrong one answers {@code FAILED}/{@code checksumError}); create, join, getMeetingInfo,
 * isMeetingRunning, end and getRecordings answer the documented XML; {@code hooks/create} registers bbb-webhooks' callback,
 * which then gets {@code user-joined} and {@code user-left} as bbb-webhooks posts them. The test moves the room: attendees join and
 * leave, the meeting ends (the end callback is called with a GET), a recording becomes ready (the recording-ready
 * URL gets a form POST {@code signed_parameters=<JWT HS256>}), and the server goes down (refused or HTTP 500).
 */
final class BbbStandIn implements AutoCloseable {
    static final String SECRET = "639259d4-9dd8-4b25-bf01-95f9567eaf4b";
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final Map<String, Meeting> meetings = new ConcurrentHashMap<>();
    private final Map<String, Meeting> ended = new ConcurrentHashMap<>();
    private final Map<String, List<String[]>> recordings = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> creates = new ConcurrentHashMap<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    private volatile boolean failing;
    private HttpServer server;
    private int port;

    static final class Meeting {
        final String id, name, internalId, endCallbackUrl, recordingReadyUrl;
        final boolean record;
        final Map<String, String[]> attendees = new ConcurrentHashMap<>();

        Meeting(String id, String name, boolean record, String endCallbackUrl, String recordingReadyUrl) {
            this.id = id;
            this.name = name;
            this.record = record;
            this.internalId = sha1Hex(id) + "-" + System.nanoTime();
            this.endCallbackUrl = endCallbackUrl;
            this.recordingReadyUrl = recordingReadyUrl;
        }
    }

    BbbStandIn() {
        start(0);
    }

    private void start(int at) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", at), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/bigbluebutton/api/", this::api);
        server.createContext("/html5client/", ex -> answer(ex, 200, "text/html", "<!DOCTYPE html><title>BigBlueButton</title><h1>Salle BigBlueButton</h1>"));
        server.start();
        port = server.getAddress().getPort();
    }

    /** What GUICHET_BBB_URL is set to. */
    String url() {
        return "http://127.0.0.1:" + port + "/bigbluebutton/";
    }

    Map<String, String> settings(String checksum) {
        return Map.of("GUICHET_BBB_URL", url(), "GUICHET_BBB_SECRET", SECRET, "GUICHET_BBB_CHECKSUM", checksum);
    }

    // ---- the test moves the room ---------------------------------------------------------------------------------

    /** How many create calls named this meeting. */
    int creates(String meetingId) {
        AtomicInteger n = creates.get(meetingId);
        return n == null ? 0 : n.get();
    }

    Meeting meeting(String meetingId) {
        return meetings.get(meetingId);
    }

    /** Someone comes into the room; with a hook registered for it (bbb-webhooks), {@code user-joined} is posted. */
    void joins(String meetingId, String userId, String fullName, String role) {
        Meeting m = meetings.get(meetingId);
        m.attendees.put(userId, new String[]{userId, fullName, role});
        userEvent(m, "user-joined", userId, fullName, role);
    }

    void leaves(String meetingId, String userId) {
        Meeting m = meetings.get(meetingId);
        String[] u = m.attendees.remove(userId);
        userEvent(m, "user-left", userId, u == null ? "" : u[1], u == null ? "VIEWER" : u[2]);
    }

    /** Hooks registered with hooks/create, by meeting id, and the HTTP status each callback got. */
    final Map<String, String> hooks = new ConcurrentHashMap<>();
    final List<Integer> hookAnswers = new CopyOnWriteArrayList<>();
    /** Whether joins and leaves are told to the hooks (a server with bbb-webhooks); off: the hook is kept but nothing posted. */
    volatile boolean webhooks = false;
    /** The server's clock, for the events' {@code ts} (the test's own). */
    volatile java.time.Clock clock = java.time.Clock.systemUTC();
    /** The secret the callbacks are signed with (a wrong one: Guichet must refuse them). */
    volatile String hookSecret = SECRET;

    /**
     * bbb-webhooks' callback, as callback_emitter.js sends it: a form POST of {@code event=[<message>]} and
     * {@code timestamp=<ms>}, with {@code checksum=sha1(callbackURL + JSON.stringify({event, timestamp}) + secret)} added
     * to the callback URL's query; the message as messageMapping.js maps a user event.
     */
    private void userEvent(Meeting m, String id, String userId, String fullName, String role) {
        String callback = hooks.get(m.id);
        if (callback == null || !webhooks) return;
        long now = clock.millis();
        try {
            Map<String, Object> user = new LinkedHashMap<>();
            user.put("internal-user-id", "w_" + sha1Hex(userId).substring(0, 12));
            user.put("external-user-id", userId);
            user.put("name", fullName);
            user.put("role", role);
            user.put("presenter", false);
            user.put("stream", List.of());
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("type", "event");
            data.put("id", id);
            data.put("attributes", Map.of("meeting", Map.of("internal-meeting-id", m.internalId, "external-meeting-id", m.id), "user", user));
            data.put("event", Map.of("ts", now));
            String event = "[" + JSON.writeValueAsString(Map.of("data", data)) + "]";
            Map<String, Object> signed = new LinkedHashMap<>();
            signed.put("event", event);
            signed.put("timestamp", now);
            String checksum = sha1Hex(callback + JSON.writeValueAsString(signed) + hookSecret);
            String url = callback + (callback.contains("?") ? "&" : "?") + "checksum=" + checksum;
            hookAnswers.add(http.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("event=" + enc(event) + "&timestamp=" + now)).build(), HttpResponse.BodyHandlers.discarding()).statusCode());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The meeting ends: everyone out, and the end callback called as BigBlueButton does (a GET, meetingID added). */
    int ends(String meetingId) throws Exception {
        Meeting m = meetings.remove(meetingId);
        ended.put(meetingId, m);
        String sep = m.endCallbackUrl.contains("?") ? "&" : "?";
        return http.send(HttpRequest.newBuilder(URI.create(m.endCallbackUrl + sep + "meetingID=" + enc(meetingId) + "&recordingmarks=false")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** The recording is published and the recording-ready URL told, signed with {@code secret}; the HTTP status it answered. */
    int recordingReady(String meetingId, String secret) throws Exception {
        Meeting m = ended.getOrDefault(meetingId, meetings.get(meetingId));
        String recordId = m.internalId;
        String readyUrl = m.recordingReadyUrl;
        recordings.computeIfAbsent(meetingId, k -> new CopyOnWriteArrayList<>()).add(new String[]{recordId, playbackUrl(recordId)});
        String jwt = jwt("{\"meeting_id\":\"" + meetingId + "\",\"record_id\":\"" + recordId + "\"}", secret);
        return http.send(HttpRequest.newBuilder(URI.create(readyUrl)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("signed_parameters=" + enc(jwt))).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    String playbackUrl(String recordId) {
        return "http://127.0.0.1:" + port + "/playback/presentation/2.3/" + recordId;
    }

    /** Down: connection refused until {@link #up()}. */
    void down() {
        server.stop(0);
    }

    void up() {
        failing = false;
        start(port);
    }

    /** Answering HTTP 500 to every call, as a server behind a failing proxy does. */
    void failing(boolean on) {
        failing = on;
    }

    static String jwt(String payload, String secret) throws Exception {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String signingInput = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return signingInput + "." + b64.encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    // ---- the API -------------------------------------------------------------------------------------------------

    private void api(HttpExchange ex) throws IOException {
        String call = ex.getRequestURI().getPath().substring("/bigbluebutton/api/".length());
        String raw = ex.getRequestURI().getRawQuery() == null ? "" : ex.getRequestURI().getRawQuery();
        calls.add(call);
        if (failing) {
            answer(ex, 500, "text/plain", "Internal Server Error");
            return;
        }
        int at = raw.lastIndexOf("checksum=");
        String given = at < 0 ? "" : raw.substring(at + "checksum=".length());
        String signedQuery = at <= 0 ? "" : raw.substring(0, at - 1);
        String expected = given.length() == 40 ? sha1Hex(call + signedQuery + SECRET) : sha256Hex(call + signedQuery + SECRET);
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII), given.getBytes(StandardCharsets.US_ASCII))) {
            xml(ex, failed("checksumError", "You did not pass the checksum security check"));
            return;
        }
        Map<String, String> p = params(signedQuery);
        String id = p.get("meetingID");
        switch (call) {
            case "create" -> {
                creates.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
                Meeting existing = meetings.get(id);
                Meeting m = existing != null ? existing : new Meeting(id, p.get("name"), "true".equals(p.get("record")),
                        p.get("meta_endCallbackUrl"), p.get("meta_bbb-recording-ready-url"));
                meetings.putIfAbsent(id, m);
                xml(ex, "<returncode>SUCCESS</returncode><meetingID>" + esc(id) + "</meetingID><internalMeetingID>" + m.internalId
                        + "</internalMeetingID><parentMeetingID>bbb-none</parentMeetingID><createTime>" + System.currentTimeMillis()
                        + "</createTime><hasUserJoined>false</hasUserJoined><duration>0</duration><hasBeenForciblyEnded>false</hasBeenForciblyEnded>"
                        + (existing == null ? "<messageKey></messageKey><message></message>"
                        : "<messageKey>duplicateWarning</messageKey><message>This conference was already in existence and may currently be in progress.</message>"));
            }
            case "join" -> {
                if (!meetings.containsKey(id)) {
                    xml(ex, failed("invalidMeetingIdentifier", "The meeting ID that you supplied did not match any existing meetings"));
                    return;
                }
                ex.getResponseHeaders().add("Location", "/html5client/join?sessionToken=" + sha1Hex(id + p.get("userID")));
                ex.sendResponseHeaders(302, -1);
                ex.close();
            }
            case "getMeetingInfo" -> {
                Meeting m = meetings.get(id);
                if (m == null) {
                    xml(ex, failed("notFound", "We could not find a meeting with that meeting ID"));
                    return;
                }
                StringBuilder a = new StringBuilder();
                int moderators = 0;
                for (String[] u : m.attendees.values()) {
                    if (u[2].equals("MODERATOR")) moderators++;
                    a.append("<attendee><userID>").append(esc(u[0])).append("</userID><fullName>").append(esc(u[1])).append("</fullName><role>")
                            .append(u[2]).append("</role><isPresenter>false</isPresenter><isListeningOnly>false</isListeningOnly>")
                            .append("<hasJoinedVoice>true</hasJoinedVoice><hasVideo>false</hasVideo><clientType>HTML5</clientType></attendee>");
                }
                xml(ex, "<returncode>SUCCESS</returncode><meetingName>" + esc(m.name) + "</meetingName><meetingID>" + esc(id) + "</meetingID><internalMeetingID>"
                        + m.internalId + "</internalMeetingID><running>" + !m.attendees.isEmpty() + "</running><recording>" + m.record
                        + "</recording><hasUserJoined>" + !m.attendees.isEmpty() + "</hasUserJoined><participantCount>" + m.attendees.size()
                        + "</participantCount><moderatorCount>" + moderators + "</moderatorCount><attendees>" + a + "</attendees>"
                        + "<metadata><endcallbackurl>" + esc(m.endCallbackUrl) + "</endcallbackurl></metadata>");
            }
            case "hooks/create" -> {
                if (!webhooks) {
                    answer(ex, 404, "text/html", "<h1>404 Not Found</h1>"); // no bbb-webhooks on this server: nginx knows no such path
                    return;
                }
                String existing = hooks.putIfAbsent(id, p.get("callbackURL"));
                xml(ex, "<returncode>SUCCESS</returncode><hookID>" + (hooks.size()) + "</hookID>"
                        + (existing == null ? "" : "<messageKey>duplicateWarning</messageKey><message>There is already a hook for this callback URL.</message>"));
            }
            case "isMeetingRunning" -> {
                Meeting m = meetings.get(id);
                xml(ex, "<returncode>SUCCESS</returncode><running>" + (m != null && !m.attendees.isEmpty()) + "</running>");
            }
            case "end" -> {
                if (meetings.remove(id) == null) xml(ex, failed("notFound", "We could not find a meeting with that meeting ID - perhaps the meeting is not yet running?"));
                else xml(ex, "<returncode>SUCCESS</returncode><messageKey>sentEndMeetingRequest</messageKey>"
                        + "<message>A request to end the meeting was sent. Please wait a few seconds, and then use the getMeetingInfo or isMeetingRunning API calls to verify that it was ended.</message>");
            }
            case "getRecordings" -> {
                List<String[]> list = id == null ? List.of() : recordings.getOrDefault(id, List.of());
                if (list.isEmpty()) {
                    xml(ex, "<returncode>SUCCESS</returncode><recordings></recordings><messageKey>noRecordings</messageKey><message>There are no recordings for the meeting(s).</message>");
                    return;
                }
                StringBuilder r = new StringBuilder();
                for (String[] rec : list) {
                    r.append("<recording><recordID>").append(rec[0]).append("</recordID><meetingID>").append(esc(id)).append("</meetingID>")
                            .append("<internalMeetingID>").append(rec[0]).append("</internalMeetingID><published>true</published><state>published</state>")
                            .append("<playback><format><type>presentation</type><url>").append(esc(rec[1])).append("</url><length>42</length></format></playback></recording>");
                }
                xml(ex, "<returncode>SUCCESS</returncode><recordings>" + r + "</recordings>");
            }
            default -> xml(ex, failed("unsupportedRequest", "This request is not supported."));
        }
    }

    private static String failed(String key, String message) {
        return "<returncode>FAILED</returncode><messageKey>" + key + "</messageKey><message>" + message + "</message>";
    }

    private static void xml(HttpExchange ex, String inner) throws IOException {
        answer(ex, 200, "text/xml;charset=utf-8", "<response>" + inner + "</response>");
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    private static Map<String, String> params(String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query.isEmpty()) return out;
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    static String sha1Hex(String s) {
        return hex("SHA-1", s);
    }

    static String sha256Hex(String s) {
        return hex("SHA-256", s);
    }

    private static String hex(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String esc(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    List<String> meetingIds() {
        return new ArrayList<>(meetings.keySet());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
