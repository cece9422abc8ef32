package io.guichet.live.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds a word or phrase of the built-in French and English profanity lists, or of a session's own
 * blocklist, in a question. Case, accents and punctuation are ignored ("Câlisse!" matches "calisse"),
 * and only whole words match, so "Scunthorpe" is not held.
 */
public final class WordFilter {
    private final List<String> builtIn;

    public WordFilter() {
        List<String> words = new ArrayList<>();
        for (String name : List.of("live/profanity-fr.txt", "live/profanity-en.txt")) words.addAll(load(name));
        this.builtIn = List.copyOf(words);
    }

    /** The first blocked word or phrase found in the text, as listed. */
    public Optional<String> firstBlocked(String text, List<String> sessionBlocklist) {
        String padded = " " + normalize(text) + " ";
        for (List<String> list : List.of(sessionBlocklist, builtIn)) {
            for (String entry : list) {
                String needle = normalize(entry);
                if (!needle.isEmpty() && padded.contains(" " + needle + " ")) return Optional.of(entry);
            }
        }
        return Optional.empty();
    }

    /** Lower case, no accents, words separated by single spaces. */
    static String normalize(String text) {
        String plain = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return plain.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
    }

    private static List<String> load(String resource) {
        try (InputStream in = WordFilter.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException(resource + " is missing");
            List<String> words = new ArrayList<>();
            for (String line : new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines().toList()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) words.add(word);
            }
            return words;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
