package io.guichet.platform.web;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

/**
 * Tokens for links sent by mail (unsubscribe, and later confirmations): what the link is about (the
 * subject, such as {@code 42:newsletters}) and when it stops working, signed with HMAC-SHA256 under a key
 * every node shares and bound to a purpose, so a token made for one kind of link opens no other. The
 * token is the link's only credential: no login, no cookie.
 */
public final class SignedTokens {
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    /** Longer than any subject we sign: a longer token is refused before any work. */
    public static final int MAX_LENGTH = 400;
    private final SecretKeySpec key;

    public SignedTokens(byte[] key) {
        if (key == null || key.length < 32) throw new IllegalArgumentException("a signing key of at least 32 bytes is required");
        this.key = new SecretKeySpec(key, "HmacSHA256");
    }

    /** {@code purpose} and {@code subject} are ours (no line breaks); the token is URL-safe. */
    public String sign(String purpose, String subject, Instant expires) {
        if (purpose.indexOf('\n') >= 0 || subject.indexOf('\n') >= 0) throw new IllegalArgumentException("no line breaks in a signed token");
        String payload = subject + "\n" + expires.getEpochSecond();
        byte[] body = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODE.encodeToString(body) + "." + ENCODE.encodeToString(mac(purpose, body));
    }

    /** The subject of a token signed for this purpose and not yet expired at {@code now}; empty for anything else. */
    public Optional<String> verify(String purpose, String token, Instant now) {
        if (token == null || token.length() > MAX_LENGTH) return Optional.empty();
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) return Optional.empty();
        byte[] body;
        byte[] sent;
        try {
            body = DECODE.decode(token.substring(0, dot));
            sent = DECODE.decode(token.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        // Base64 leaves a few bits of the last character unused: only the one canonical spelling of a token is it
        if (!ENCODE.encodeToString(sent).equals(token.substring(dot + 1)) || !ENCODE.encodeToString(body).equals(token.substring(0, dot)))
            return Optional.empty();
        if (!MessageDigest.isEqual(sent, mac(purpose, body))) return Optional.empty(); // constant time
        String payload = new String(body, StandardCharsets.UTF_8);
        int nl = payload.lastIndexOf('\n');
        if (nl < 0) return Optional.empty();
        try {
            if (now.getEpochSecond() >= Long.parseLong(payload.substring(nl + 1))) return Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return Optional.of(payload.substring(0, nl));
    }

    /**
     * A short signature of {@code subject} that never expires, in lowercase hexadecimal (80 bits): for what must fit
     * where a token cannot, such as the local part of a mail address (64 characters at most, which some servers fold
     * to lowercase). Checked with {@link #hasTag}.
     */
    public String tag(String purpose, String subject) {
        return java.util.HexFormat.of().formatHex(mac(purpose, subject.getBytes(StandardCharsets.UTF_8)), 0, TAG_BYTES);
    }

    /** Whether {@code tag} is {@link #tag}'s for this purpose and subject, in either case; compared in constant time. */
    public boolean hasTag(String purpose, String subject, String tag) {
        if (tag == null || tag.length() != TAG_BYTES * 2) return false;
        return MessageDigest.isEqual(tag(purpose, subject).getBytes(StandardCharsets.US_ASCII),
                tag.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static final int TAG_BYTES = 10;

    private byte[] mac(String purpose, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update((purpose + "\n").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
