package io.guichet.platform.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** A link's token opens what it was signed for, until it expires, and nothing else. */
class SignedTokensTest {
    private static final byte[] KEY = "une-clé-de-serveur-assez-longue-pour-hmac-sha256".getBytes(StandardCharsets.UTF_8);
    private final SignedTokens tokens = new SignedTokens(KEY);
    private final Instant now = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void aTokenGivesBackItsSubjectUntilItExpires() {
        String token = tokens.sign("unsubscribe", "42:newsletters", now.plus(Duration.ofDays(1)));
        assertThat(token).matches("[A-Za-z0-9_.-]+");
        assertThat(tokens.verify("unsubscribe", token, now)).contains("42:newsletters");
        assertThat(tokens.verify("unsubscribe", token, now.plus(Duration.ofDays(1)))).as("expired").isEmpty();
    }

    @Test
    void aTamperedForeignOrMalformedTokenOpensNothing() {
        String token = tokens.sign("unsubscribe", "42:newsletters", now.plus(Duration.ofDays(1)));
        String otherContact = tokens.sign("unsubscribe", "43:newsletters", now.plus(Duration.ofDays(1)));
        String forged = otherContact.substring(0, otherContact.indexOf('.')) + token.substring(token.indexOf('.'));
        assertThat(tokens.verify("unsubscribe", forged, now)).as("another subject under this signature").isEmpty();
        assertThat(tokens.verify("confirm", token, now)).as("signed for another purpose").isEmpty();
        assertThat(new SignedTokens("une-autre-clé-de-serveur-assez-longue-pour-hmac".getBytes(StandardCharsets.UTF_8))
                .verify("unsubscribe", token, now)).as("another server's key").isEmpty();
        char last = token.charAt(token.length() - 1);
        assertThat(tokens.verify("unsubscribe", token.substring(0, token.length() - 1) + (last == 'A' ? 'B' : 'A'), now)).isEmpty();
        for (String bad : new String[]{null, "", ".", "abc", "a.b.c", "%%%.%%%", "x".repeat(SignedTokens.MAX_LENGTH + 1)}) {
            assertThat(tokens.verify("unsubscribe", bad, now)).as(String.valueOf(bad)).isEmpty();
        }
    }

    @Test
    void anotherSpellingOfTheSameSignatureIsRefused() {
        String token = tokens.sign("unsubscribe", "42:newsletters", now.plus(Duration.ofDays(1)));
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        // a 32-byte signature takes 43 characters, the last of which carries two bits nobody reads
        char last = token.charAt(token.length() - 1);
        String respelled = token.substring(0, token.length() - 1) + alphabet.charAt(alphabet.indexOf(last) ^ 1);
        assertThat(java.util.Base64.getUrlDecoder().decode(respelled.substring(respelled.indexOf('.') + 1)))
                .as("the same bytes").isEqualTo(java.util.Base64.getUrlDecoder().decode(token.substring(token.indexOf('.') + 1)));
        assertThat(tokens.verify("unsubscribe", respelled, now)).isEmpty();
        assertThat(tokens.verify("unsubscribe", token, now)).isPresent();
    }
}
