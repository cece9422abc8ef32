package io.guichet.platform;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Bearer secrets: random, URL-safe, and stored only as a SHA-256 hash. */
public final class Tokens {
    /** A few generators, chosen by thread: one alone serialises every token of a rush on its lock. */
    private static final SecureRandom[] RANDOMS = new SecureRandom[8];

    static {
        for (int i = 0; i < RANDOMS.length; i++) RANDOMS[i] = new SecureRandom();
    }

    public static String random(String prefix) {
        return random(prefix, 24);
    }

    /** {@code bytes} random bytes after the prefix (an API token's secret takes 32: 256 bits). */
    public static String random(String prefix, int bytes) {
        byte[] random = new byte[bytes];
        RANDOMS[(int) (Thread.currentThread().threadId() & (RANDOMS.length - 1))].nextBytes(random);
        return prefix + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    public static String hash(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Tokens() {
    }
}
