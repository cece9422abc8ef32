package io.guichet.webinars.bbb;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * BigBlueButton's signature of an API call: hex(SHA(callName + queryString + secret)), over the query string exactly
 * as it is sent. Both hashes exist in the field: SHA-256 (64 hex) on current servers, SHA-1 (40 hex) on older ones.
 */
public enum Checksum {
    SHA1("SHA-1"), SHA256("SHA-256");

    private final String algorithm;

    Checksum(String algorithm) {
        this.algorithm = algorithm;
    }

    public String of(String callName, String queryString, String secret) {
        try {
            byte[] digest = MessageDigest.getInstance(algorithm).digest((callName + queryString + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every JDK", e);
        }
    }
}
