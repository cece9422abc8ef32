package io.guichet.kb.internal;

import org.jdbi.v3.core.Jdbi;

/** The synonym groups in force: what staff saved, else the shipped defaults; and the analysers built from them. */
public final class Synonyms {
    private Synonyms() {
    }

    public static String of(Jdbi jdbi, String lang) {
        return jdbi.withHandle(h -> new KbDao(h).synonyms(lang)).orElseGet(() -> defaults(lang));
    }

    /** The synonym groups shipped with Guichet. */
    public static String defaults(String lang) {
        return Texts.resource("/kb/synonyms_" + lang + ".txt");
    }

    public static Analyzers analyzers(Jdbi jdbi) {
        return new Analyzers(of(jdbi, "fr"), of(jdbi, "en"));
    }
}
