package io.guichet.platform.web;

import io.guichet.platform.Tokens;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;

/**
 * Form tokens as an HMAC (with a server key every node shares) of what the request is bound to: the
 * session, or before sign-in a random per-browser cookie. Knowing or planting a cookie is not enough to
 * forge the token; only a page this server rendered carries it.
 */
final class CsrfTokens {
    private static final int MIN_LENGTH = 20;
    private final SecretKeySpec key;

    CsrfTokens(byte[] key) {
        if (key == null || key.length < 32) throw new IllegalArgumentException("a CSRF key of at least 32 bytes is required");
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** The token of a request with this session cookie (or none) and this per-browser cookie. */
    String tokenFor(String sessionCookie, String browserCookie) {
        String binding = sessionCookie != null && !sessionCookie.isEmpty()
                ? "session:" + Tokens.hash(sessionCookie)
                : "browser:" + browserCookie;
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(binding.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static boolean isStrong(String value) {
        return value != null && value.length() >= MIN_LENGTH && value.length() <= 100;
    }

    /** Constant time, and never for a short or empty value. */
    static boolean matches(String sent, String expected) {
        return isStrong(sent) && MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
