package io.guichet.identity.internal;

import io.guichet.platform.web.ApiError;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * What a new password must be: 10 to 200 characters, and not one of the shipped common passwords
 * ({@code identity/common-passwords.txt}, compared without case and without trailing digits or symbols), nor
 * only digits in sequence or a single character repeated.
 */
public final class PasswordPolicy {
    public static final int MIN = 10;
    public static final int MAX = 200;
    private static final Set<String> COMMON = load();

    /** Refuses the password with 422 on the field: {@code invalid} for its length, {@code common_password} otherwise. */
    public static void check(String field, String password) {
        if (password == null || password.length() < MIN || password.length() > MAX) {
            throw ApiError.invalid(field, "The password must have " + MIN + " to " + MAX + " characters");
        }
        if (isCommon(password)) {
            throw new ApiError(422, "common_password", "This password is too common; choose another", field);
        }
    }

    static boolean isCommon(String password) {
        String p = password.strip().toLowerCase(Locale.ROOT);
        if (p.chars().distinct().count() <= 2) return true; // "aaaaaaaaaa", "ababababab"
        if (COMMON.contains(p)) return true;
        String base = p.replaceAll("[\\d\\p{Punct}\\s]+$", "");
        String head = p.replaceAll("^[\\d\\p{Punct}\\s]+", "");
        return base.isEmpty() || COMMON.contains(base) || COMMON.contains(head) && !head.isEmpty();
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("/identity/common-passwords.txt")) {
            if (in == null) throw new IllegalStateException("identity/common-passwords.txt is missing");
            Set<String> words = new HashSet<>();
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).forEach(l -> words.add(l.toLowerCase(Locale.ROOT)));
            return Set.copyOf(words);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PasswordPolicy() {
    }
}
