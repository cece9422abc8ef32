package io.guichet.platform.web;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The signature webhooks carry in a header as {@code sha256=<hex>}: the HMAC-SHA256 of the raw body with a secret both
 * ends share (Meta's {@code X-Hub-Signature-256}, the PBX's {@code X-Guichet-Signature}), compared in constant time.
 */
public final class BodySignatures {
    private BodySignatures() {
    }

    /** The header a sender puts on {@code body} (for the tests and an administrator's scripts). */
    public static String sign(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
    }

    /** The signature's bytes, or null when the header is not {@code sha256=} and 64 hex digits. */
    public static byte[] parse(String header) {
        if (header == null) return null;
        String h = header.trim();
        if (!h.startsWith("sha256=") || h.length() != 7 + 64) return null;
        try {
            return HexFormat.of().parseHex(h.substring(7).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** Whether {@code sent} (a parsed header) is the signature of {@code body} with {@code secret}, in constant time. */
    public static boolean matches(byte[] sent, String secret, byte[] body) {
        return sent != null && MessageDigest.isEqual(sent, hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
