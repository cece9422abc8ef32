package io.guichet.webinars.bbb;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The BigBlueButton API calls webinars need (create, join, getMeetingInfo, isMeetingRunning, end, getRecordings),
 * each signed with {@link Checksum} over its query string as sent. Answers are the documented XML
 * ({@code <response><returncode>SUCCESS|FAILED</returncode>…}), read by the JDK's parser with DTDs refused (no XXE).
 * A server that does not answer, answers other than 200 or says FAILED throws {@link Unavailable}.
 */
public final class BbbClient {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final String api;
    private final BbbSettings settings;

    public BbbClient(BbbSettings settings) {
        this.settings = settings;
        this.api = (settings.url().endsWith("/") ? settings.url() : settings.url() + "/") + "api/";
    }

    public enum Role {MODERATOR, VIEWER}

    public record Attendee(String userId, String fullName, Role role) {
    }

    public record MeetingInfo(boolean running, List<Attendee> attendees) {
    }

    public record Recording(String recordId, String meetingId, boolean published, Map<String, String> playbackUrls) {
        /** The presentation playback (BigBlueButton's default), else the first format there is. */
        public Optional<String> playbackUrl() {
            String presentation = playbackUrls.get("presentation");
            return Optional.ofNullable(presentation != null ? presentation : playbackUrls.values().stream().findFirst().orElse(null));
        }
    }

    /** The server did not answer, or answered something other than SUCCESS: the room cannot be used now. */
    public static final class Unavailable extends RuntimeException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The meeting's room, made if needed: BigBlueButton answers a second create with the same meetingID with the first's. */
    public void create(String meetingId, String name, boolean record, String logoutUrl, String endCallbackUrl, String recordingReadyUrl) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("meetingID", meetingId);
        p.put("name", name);
        p.put("record", Boolean.toString(record));
        p.put("logoutURL", logoutUrl);
        p.put("meta_endCallbackUrl", endCallbackUrl);
        p.put("meta_bbb-recording-ready-url", recordingReadyUrl);
        call("create", p);
    }

    /**
     * Asks bbb-webhooks to post this meeting's events to {@code callbackUrl} ({@code hooks/create}, idempotent). A server
     * without bbb-webhooks answers it with an error: {@link Unavailable}, and the minute's poll is all there is.
     */
    public void createHook(String callbackUrl, String meetingId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("callbackURL", callbackUrl);
        p.put("meetingID", meetingId);
        call("hooks/create", p);
    }

    /** The address that puts a person into the room; {@code userID} is how getMeetingInfo names them back. */
    public String joinUrl(String meetingId, String fullName, Role role, String userId) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("fullName", fullName);
        p.put("meetingID", meetingId);
        p.put("role", role.name());
        p.put("userID", userId);
        return signed("join", p).toString();
    }

    /** The room and who is in it; empty when the server knows no such meeting (not created yet, or ended). */
    public Optional<MeetingInfo> meetingInfo(String meetingId) {
        Element r = call("getMeetingInfo", Map.of("meetingID", meetingId), "notFound");
        if (r == null) return Optional.empty();
        List<Attendee> attendees = new ArrayList<>();
        for (Element a : children(r, "attendees", "attendee")) {
            String role = text(a, "role");
            attendees.add(new Attendee(text(a, "userID"), text(a, "fullName"), "MODERATOR".equalsIgnoreCase(role) ? Role.MODERATOR : Role.VIEWER));
        }
        return Optional.of(new MeetingInfo("true".equals(text(r, "running")), attendees));
    }

    public boolean isMeetingRunning(String meetingId) {
        return "true".equals(text(call("isMeetingRunning", Map.of("meetingID", meetingId)), "running"));
    }

    /** Ends the meeting for everyone; a meeting already gone is not an error. */
    public void end(String meetingId) {
        call("end", Map.of("meetingID", meetingId), "notFound");
    }

    /** The meeting's recordings with their playback formats (none yet: an empty list). */
    public List<Recording> recordings(String meetingId) {
        Element r = call("getRecordings", Map.of("meetingID", meetingId));
        List<Recording> out = new ArrayList<>();
        for (Element rec : children(r, "recordings", "recording")) {
            Map<String, String> urls = new LinkedHashMap<>();
            for (Element playback : childElements(rec, "playback")) {
                for (Element format : childElements(playback, "format")) urls.put(text(format, "type"), text(format, "url"));
            }
            out.add(new Recording(text(rec, "recordID"), text(rec, "meetingID"), "true".equals(text(rec, "published")), urls));
        }
        return out;
    }

    URI signed(String call, Map<String, String> params) {
        StringBuilder query = new StringBuilder();
        params.forEach((k, v) -> {
            if (v == null) return;
            if (!query.isEmpty()) query.append('&');
            query.append(encode(k)).append('=').append(encode(v));
        });
        String q = query.toString();
        String checksum = settings.checksum().of(call, q, settings.secret());
        return URI.create(api + call + "?" + q + (q.isEmpty() ? "" : "&") + "checksum=" + checksum);
    }

    private Element call(String call, Map<String, String> params) {
        return call(call, params, null);
    }

    /** The answer's root element; null when it FAILED with {@code tolerated} (such as notFound). */
    private Element call(String call, Map<String, String> params, String tolerated) {
        HttpResponse<byte[]> r;
        try {
            r = http.send(HttpRequest.newBuilder(signed(call, params)).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable("BigBlueButton " + call + ": " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("BigBlueButton " + call + ": interrupted", e);
        }
        if (r.statusCode() != 200) throw new Unavailable("BigBlueButton " + call + " answered HTTP " + r.statusCode(), null);
        Element root = parse(r.body(), call);
        if ("SUCCESS".equals(text(root, "returncode"))) return root;
        String key = text(root, "messageKey");
        if (tolerated != null && tolerated.equals(key)) return null;
        throw new Unavailable("BigBlueButton " + call + " FAILED: " + key, null);
    }

    static Element parse(byte[] xml, String call) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            return doc.getDocumentElement();
        } catch (Exception e) {
            throw new Unavailable("BigBlueButton " + call + " answered something other than XML", e);
        }
    }

    private static List<Element> children(Element root, String list, String item) {
        List<Element> out = new ArrayList<>();
        for (Element l : childElements(root, list)) out.addAll(childElements(l, item));
        return out;
    }

    private static List<Element> childElements(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) out.add(e);
        }
        return out;
    }

    private static String text(Element parent, String name) {
        List<Element> l = childElements(parent, name);
        return l.isEmpty() ? null : l.getFirst().getTextContent().strip();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
