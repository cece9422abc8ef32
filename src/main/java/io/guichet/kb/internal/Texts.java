package io.guichet.kb.internal;

import io.guichet.platform.web.ApiError;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.Locale;

/** The kb's small text rules: its two languages, article slugs, and the files it ships. */
public final class Texts {
    private Texts() {
    }

    public static String validLang(String lang) {
        if (!"fr".equals(lang) && !"en".equals(lang)) throw ApiError.invalid("lang", "lang must be fr or en");
        return lang;
    }

    /** Lower case without accents, for matching what staff type ("elodie" finds "Élodie"). */
    public static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    /** The title as a URL word list: no accents, lower case, dashes. */
    public static String slug(String title) {
        String s = fold(title).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() > 80) s = s.substring(0, 80).replaceAll("-[^-]*$", "");
        return s.isEmpty() ? "article" : s;
    }

    public static String resource(String path) {
        try (InputStream in = Texts.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("Missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
