package io.guichet.kb;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.kb.internal.Analyzers;
import io.guichet.kb.internal.KbDao;
import io.guichet.kb.internal.Synonyms;
import io.guichet.kb.internal.Texts;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.ApiError;
import org.jdbi.v3.core.Jdbi;

/**
 * The synonym groups search expands, per language, as staff edit them at {@code /kb/synonyms}.
 * Saving sends {@link SynonymsChanged}, on which {@link KbService} rebuilds its index's analysers on every node.
 */
public final class SynonymService {
    private static final int MAX_SYNONYMS = 20_000;

    private final Jdbi jdbi;
    private final Bus bus;

    public SynonymService(Jdbi jdbi, Bus bus) {
        this.jdbi = jdbi;
        this.bus = bus;
    }

    /** The synonym groups of a language: what staff saved, else the shipped defaults. */
    public String accessSynonyms(Staff viewer, String lang) {
        Access.requireStaff(viewer);
        return Synonyms.of(jdbi, Texts.validLang(lang));
    }

    public void doSaveSynonyms(Staff editor, String lang, String rules) {
        Access.requireSupervisor(editor, "Only a supervisor can change the synonyms");
        String l = Texts.validLang(lang);
        String text = rules == null ? "" : rules.replace("\r\n", "\n").strip();
        if (text.length() > MAX_SYNONYMS) throw ApiError.invalid("rules", "The synonyms are longer than " + MAX_SYNONYMS + " characters");
        try {
            new Analyzers(text, text); // refuse what would not build, before saving it
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid("rules", "These synonyms cannot be used: " + e.getMessage());
        }
        jdbi.useHandle(h -> new KbDao(h).saveSynonyms(l, text, editor.id()));
        bus.publish(new SynonymsChanged(l));
    }
}
