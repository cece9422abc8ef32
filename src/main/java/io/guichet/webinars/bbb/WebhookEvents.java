package io.guichet.webinars.bbb;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The callbacks of bbb-webhooks (BigBlueButton's events, registered with {@code hooks/create}): a form POST of
 * {@code event=[<events as JSON>]} and {@code timestamp=<ms>} to the registered callback URL with {@code checksum=}
 * added to its query, the checksum being hex(SHA-1(callbackURL + JSON.stringify({event, timestamp}) + shared secret))
 * — the keys in that order, the timestamp a number. SHA-256 (64 hex) is accepted too. Of the events, webinars read
 * {@code user-joined} and {@code user-left}: {@code data.attributes.meeting["external-meeting-id"]} is our meeting id,
 * {@code data.attributes.user["external-user-id"]} the {@code userID} the join link gave (the registration id), and
 * {@code data.event.ts} when it happened (ms).
 */
public final class WebhookEvents {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String JOINED = "user-joined", LEFT = "user-left";

    private WebhookEvents() {
    }

    /** Someone came into a room or left it, at {@code at}. */
    public record UserEvent(String kind, String meetingId, String userId, Instant at) {
    }

    /** The user events of a callback whose checksum is right; empty when it is not (or the body is not what bbb-webhooks sends). */
    public static Optional<List<UserEvent>> verify(String callbackUrl, String event, String timestamp, String checksum, String secret) {
        if (event == null || timestamp == null || checksum == null || secret == null || !timestamp.matches("[0-9]{1,15}")) return Optional.empty();
        String signed;
        try {
            signed = callbackUrl + "{\"event\":" + JSON.writeValueAsString(event) + ",\"timestamp\":" + Long.parseLong(timestamp) + "}" + secret;
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
        String algorithm = checksum.length() == 40 ? "SHA-1" : checksum.length() == 64 ? "SHA-256" : null;
        if (algorithm == null || !MessageDigest.isEqual(hex(algorithm, signed).getBytes(StandardCharsets.US_ASCII),
                checksum.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) return Optional.empty();
        try {
            List<UserEvent> out = new ArrayList<>();
            for (JsonNode one : JSON.readTree(event)) {
                JsonNode data = one.path("data");
                String kind = data.path("id").asText();
                if (!kind.equals(JOINED) && !kind.equals(LEFT)) continue;
                JsonNode attributes = data.path("attributes");
                long ts = data.path("event").path("ts").asLong(Long.parseLong(timestamp));
                out.add(new UserEvent(kind, attributes.path("meeting").path("external-meeting-id").asText(null),
                        attributes.path("user").path("external-user-id").asText(null), Instant.ofEpochMilli(ts)));
            }
            return Optional.of(out);
        } catch (JsonProcessingException e) {
            return Optional.empty();
        }
    }

    private static String hex(String algorithm, String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
