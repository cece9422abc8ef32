package io.guichet.kb.internal;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.util.ElisionFilter;
import org.apache.lucene.util.CharsRef;
import org.apache.lucene.util.CharsRefBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One analyser per language, the same at index and query time except that queries also expand
 * synonyms: elision (l', d', qu'…), lower case, accent folding ("echeance" finds "échéance"), stop
 * words, light stemming. Synonym groups are analysed with the same chain, so "Cégep" and "cegeps"
 * both hit the "cégep, collège" group.
 */
public final class Analyzers {
    /** French elisions, with the Québec forms people type (jusqu', lorsqu', puisqu'). */
    private static final CharArraySet ELISIONS = new CharArraySet(Arrays.asList(
            "l", "m", "t", "qu", "n", "s", "j", "d", "c", "jusqu", "quoiqu", "lorsqu", "puisqu"), true);
    private static final CharArraySet FRENCH_STOPS = folded(FrenchAnalyzer.getDefaultStopSet());
    private static final CharArraySet ENGLISH_STOPS = EnglishAnalyzer.ENGLISH_STOP_WORDS_SET;

    private static final Analyzer FRENCH_INDEX = new Chain(true, null);
    private static final Analyzer ENGLISH_INDEX = new Chain(false, null);
    private final Analyzer frenchQuery;
    private final Analyzer englishQuery;

    /** Synonym rules per language: one group per line, terms separated by commas. */
    public Analyzers(String frenchRules, String englishRules) {
        this.frenchQuery = new Chain(true, synonyms(FRENCH_INDEX, frenchRules));
        this.englishQuery = new Chain(false, synonyms(ENGLISH_INDEX, englishRules));
    }

    /** What is stored in the index for a language (no synonyms: they are expanded in queries only). */
    public static Analyzer index(String lang) {
        return "en".equals(lang) ? ENGLISH_INDEX : FRENCH_INDEX;
    }

    public Analyzer query(String lang) {
        return "en".equals(lang) ? englishQuery : frenchQuery;
    }

    /** The index terms of a text, in order (what a search for it looks for). */
    public static List<String> terms(Analyzer analyzer, String text) {
        List<String> terms = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            ts.reset();
            while (ts.incrementToken()) terms.add(term.toString());
            ts.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    /** Each line is a group whose phrases all mean the same; a phrase that analyses to nothing is skipped. */
    static SynonymMap synonyms(Analyzer analyzer, String rules) {
        SynonymMap.Builder builder = new SynonymMap.Builder(true);
        for (String line : (rules == null ? "" : rules).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) continue;
            List<CharsRef> phrases = new ArrayList<>();
            for (String phrase : trimmed.split(",")) {
                List<String> words = terms(analyzer, phrase);
                if (!words.isEmpty()) phrases.add(SynonymMap.Builder.join(words.toArray(String[]::new), new CharsRefBuilder()));
            }
            for (CharsRef from : phrases) {
                for (CharsRef to : phrases) {
                    if (!from.equals(to)) builder.add(from, to, true);
                }
            }
        }
        try {
            return builder.build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CharArraySet folded(CharArraySet words) {
        CharArraySet out = new CharArraySet(words.size(), true);
        for (Object w : words) {
            char[] chars = (char[]) w;
            char[] folded = new char[chars.length * 4];
            int len = ASCIIFoldingFilter.foldToASCII(chars, 0, folded, 0, chars.length);
            out.add(new String(folded, 0, len));
        }
        out.remove("ete"); // "été" is the summer (session d'été) more often than the verb
        return out;
    }

    private static final class Chain extends Analyzer {
        private final boolean french;
        private final SynonymMap synonyms;

        Chain(boolean french, SynonymMap synonyms) {
            this.french = french;
            this.synonyms = synonyms == null || synonyms.fst == null ? null : synonyms;
        }

        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
            Tokenizer source = new StandardTokenizer();
            TokenStream ts = french ? new ElisionFilter(source, ELISIONS) : new EnglishPossessiveFilter(source);
            ts = new LowerCaseFilter(ts);
            ts = new ASCIIFoldingFilter(ts);
            ts = new StopFilter(ts, french ? FRENCH_STOPS : ENGLISH_STOPS);
            ts = french ? new FrenchLightStemFilter(ts) : new KStemFilter(ts);
            if (synonyms != null) ts = new SynonymGraphFilter(ts, synonyms, true);
            return new TokenStreamComponents(source, ts);
        }

        @Override
        protected TokenStream normalize(String fieldName, TokenStream in) {
            return new ASCIIFoldingFilter(new LowerCaseFilter(in));
        }
    }
}
