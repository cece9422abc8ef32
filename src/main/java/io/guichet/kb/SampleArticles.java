package io.guichet.kb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.kb.internal.Texts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * The articles of a fictional Québec cégep shipped in {@code kb/benchmark/articles.json}: the demo
 * help centre, and the corpus of the retrieval benchmark. {@code translationOf} names the key of the
 * article this one translates.
 */
final class SampleArticles {
    record Sample(String key, String lang, String translationOf, String service, String title, List<String> tags, String body) {
    }

    static List<Sample> load() {
        try {
            return new ObjectMapper().readValue(Texts.resource("/kb/benchmark/articles.json"), new TypeReference<>() {
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SampleArticles() {
    }
}
