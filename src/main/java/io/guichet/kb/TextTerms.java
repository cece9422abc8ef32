package io.guichet.kb;

import io.guichet.kb.internal.Analyzers;

import java.util.List;

/**
 * The words of a text as the help centre's search indexes them (elision, lower case, accents folded, stop words
 * dropped, light stemming: "l'Échéance des cégeps" gives {@code echeance, cegep}), for modules that search or count
 * words the same way (community's directory and listening) without a copy of the analyser.
 */
public final class TextTerms {
    private TextTerms() {
    }

    /** The index terms of {@code text} in {@code lang} ("fr" or "en"), in order. */
    public static List<String> of(String lang, String text) {
        if (text == null || text.isBlank()) return List.of();
        return Analyzers.terms(Analyzers.index(lang), text);
    }
}
