package io.guichet.webinars.bbb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * What BigBlueButton's recording-ready callback says: a form POST {@code signed_parameters=<JWT>} signed HS256 with
 * the shared secret, carrying {@code meeting_id} (ours) and {@code record_id} (its recording). Only HS256 is accepted
 * (a token naming {@code none} or another algorithm is refused), the signature compared in constant time.
 */
public record RecordingReady(String meetingId, String recordId) {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static Optional<RecordingReady> verify(String signedParameters, String secret) {
        if (signedParameters == null || signedParameters.length() > 4_000) return Optional.empty();
        String[] parts = signedParameters.split("\\.", -1);
        if (parts.length != 3) return Optional.empty();
        try {
            Base64.Decoder b64 = Base64.getUrlDecoder();
            JsonNode header = JSON.readTree(b64.decode(parts[0]));
            if (!"HS256".equals(header.path("alg").asText())) return Optional.empty();
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!MessageDigest.isEqual(expected, b64.decode(parts[2]))) return Optional.empty();
            JsonNode payload = JSON.readTree(b64.decode(parts[1]));
            String meeting = payload.path("meeting_id").asText(null), record = payload.path("record_id").asText(null);
            return meeting == null || record == null ? Optional.empty() : Optional.of(new RecordingReady(meeting, record));
        } catch (IllegalArgumentException | java.io.IOException | GeneralSecurityException e) {
            return Optional.empty();
        }
    }
}
