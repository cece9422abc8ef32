package io.guichet.platform;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Map;

/**
 * Secrets kept in a table (a channel's page access token or IMAP password, the alerts' SMS gateway credential) as AES-256-GCM
 * ciphertext: a random 12-byte nonce, then the sealed JSON. The key is a server key every node shares, so a copy of the
 * table alone (a dump, a log of rows) gives nothing away; whoever holds the whole database holds the key too.
 */
public final class SecretBox {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final SecretKeySpec key;

    public SecretBox(byte[] serverKey) {
        try {
            this.key = new SecretKeySpec(MessageDigest.getInstance("SHA-256").digest(serverKey), "AES");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public byte[] seal(Map<String, String> secrets) {
        try {
            byte[] nonce = new byte[12];
            RANDOM.nextBytes(nonce);
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = c.doFinal(JSON.writeValueAsBytes(secrets));
            return ByteBuffer.allocate(12 + sealed.length).put(nonce).put(sealed).array();
        } catch (Exception e) {
            throw new IllegalStateException("Could not seal secrets", e);
        }
    }

    public Map<String, String> open(byte[] box) {
        try {
            Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
            c.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, box, 0, 12));
            return JSON.readValue(c.doFinal(box, 12, box.length - 12), new TypeReference<>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException("Could not open secrets (was the server key changed?)", e);
        }
    }
}
