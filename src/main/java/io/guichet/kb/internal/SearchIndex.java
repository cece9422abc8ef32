package io.guichet.kb.internal;

import io.guichet.kb.SearchResult;
import io.guichet.kb.Snippet;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.FieldType;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexOptions;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.FuzzyQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.search.uhighlight.Passage;
import org.apache.lucene.search.uhighlight.PassageFormatter;
import org.apache.lucene.search.uhighlight.UnifiedHighlighter;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.util.BytesRef;
import org.apache.lucene.util.QueryBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/*
 * Over 300 lines: one Lucene index with its French and English fields, query building, typo
 * tolerance and highlighting, which only make sense together.
 */
/**
 * The in-memory Lucene index of published articles, one set of fields per language. Titles weigh
 * more than tags, tags more than bodies; a query word the index has never seen is looked up with
 * typo tolerance; the last word is also taken as a prefix, for results as the visitor types.
 */
public final class SearchIndex implements AutoCloseable {
    /** What the index holds of an article: its plain text, not its Markdown. */
    public record Doc(long id, String lang, String slug, String title, String text, List<String> tags, String service) {
    }

    private static final float TITLE_BOOST = 3f;
    private static final float TAGS_BOOST = 2f;
    private static final int SNIPPET_CHARS = 220;
    private static final char MARK_START = '\u0002';
    private static final char MARK_END = '\u0003';
    private static final FieldType TEXT_WITH_OFFSETS = new FieldType(TextField.TYPE_STORED);

    static {
        TEXT_WITH_OFFSETS.setIndexOptions(IndexOptions.DOCS_AND_FREQS_AND_POSITIONS_AND_OFFSETS);
        TEXT_WITH_OFFSETS.freeze();
    }

    private final ByteBuffersDirectory directory = new ByteBuffersDirectory();
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private volatile Analyzers analyzers;

    public SearchIndex(Analyzers analyzers) {
        this.analyzers = analyzers;
        Map<String, Analyzer> perField = Map.of(
                "title_fr", Analyzers.index("fr"), "text_fr", Analyzers.index("fr"), "tags_fr", Analyzers.index("fr"),
                "title_en", Analyzers.index("en"), "text_en", Analyzers.index("en"), "tags_en", Analyzers.index("en"));
        try {
            this.writer = new IndexWriter(directory, new IndexWriterConfig(
                    new PerFieldAnalyzerWrapper(Analyzers.index("fr"), perField)));
            this.searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** New synonyms apply to the next query; nothing needs re-indexing. */
    public void setAnalyzers(Analyzers analyzers) {
        this.analyzers = analyzers;
    }

    /** Replaces everything: readers see the old index until the new one is complete. */
    public synchronized void replaceAll(List<Doc> docs) {
        try {
            writer.deleteAll();
            for (Doc d : docs) writer.addDocument(document(d));
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void put(Doc d) {
        try {
            writer.updateDocument(new Term("id", Long.toString(d.id())), document(d));
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void remove(long id) {
        try {
            writer.deleteDocuments(new Term("id", Long.toString(id)));
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Document document(Doc d) {
        Document doc = new Document();
        doc.add(new StringField("id", Long.toString(d.id()), Field.Store.YES));
        doc.add(new StoredField("lang", d.lang()));
        doc.add(new StoredField("slug", d.slug()));
        if (d.service() != null) doc.add(new StoredField("service", d.service()));
        doc.add(new Field("title_" + d.lang(), d.title(), TEXT_WITH_OFFSETS));
        doc.add(new Field("text_" + d.lang(), d.text(), TEXT_WITH_OFFSETS));
        doc.add(new TextField("tags_" + d.lang(), String.join(" ", d.tags()), Field.Store.NO));
        return doc;
    }

    // ---------------------------------------------------------------- searching

    /** Up to {@code limit} published articles in the language, best first, with a highlighted snippet each. */
    public List<SearchResult> search(String text, String lang, int limit) {
        return withSearcher(s -> {
            Query query = query(s, text, lang);
            if (query == null) return List.of();
            TopDocs top = s.search(query, limit);
            if (top.scoreDocs.length == 0) return List.of();
            String[] snippets = UnifiedHighlighter.builder(s, Analyzers.index(lang))
                    .withFormatter(new MarkingFormatter())
                    .withBreakIterator(() -> BreakIterator.getSentenceInstance(Locale.forLanguageTag(lang)))
                    .withMaxLength(50_000)
                    .withWeightMatches(false) // ten times faster with fuzzy and prefix queries
                    .build()
                    .highlight("text_" + lang, query, top, 2);
            List<SearchResult> results = new ArrayList<>();
            for (int i = 0; i < top.scoreDocs.length; i++) {
                ScoreDoc sd = top.scoreDocs[i];
                Document d = s.storedFields().document(sd.doc);
                results.add(new SearchResult(Long.parseLong(d.get("id")), lang, d.get("slug"), d.get("title_" + lang),
                        d.get("service"), snippet(snippets[i] == null ? "" : snippets[i]), sd.score));
            }
            return results;
        });
    }

    /**
     * Whether some article matches at least half of the meaningful words of the question (typos
     * tolerated): when none does, the question is a gap in the help centre.
     */
    public boolean hasGoodMatch(String text, String lang) {
        return withSearcher(s -> {
            List<String> terms = List.copyOf(new LinkedHashSet<>(Analyzers.terms(Analyzers.index(lang), text)));
            if (terms.isEmpty()) return false;
            BooleanQuery.Builder b = new BooleanQuery.Builder();
            for (String term : terms) {
                BooleanQuery.Builder any = new BooleanQuery.Builder();
                for (String field : List.of("title_" + lang, "text_" + lang, "tags_" + lang)) {
                    Query q = known(s, lang, term) ? new TermQuery(new Term(field, term)) : typoTolerant(s, lang, field, term);
                    if (q != null) any.add(q, Occur.SHOULD);
                }
                b.add(any.build(), Occur.SHOULD);
            }
            b.setMinimumNumberShouldMatch((terms.size() + 1) / 2);
            return s.count(b.build()) > 0;
        });
    }

    private Query query(IndexSearcher s, String text, String lang) throws IOException {
        List<String> terms = Analyzers.terms(Analyzers.index(lang), text);
        if (terms.isEmpty()) return null;
        String title = "title_" + lang;
        String body = "text_" + lang;
        QueryBuilder builder = new QueryBuilder(analyzers.query(lang));
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        add(all, builder.createBooleanQuery(title, text), TITLE_BOOST);
        add(all, builder.createBooleanQuery(body, text), 1f);
        add(all, builder.createBooleanQuery("tags_" + lang, text), TAGS_BOOST);
        for (String term : new LinkedHashSet<>(terms)) {
            if (known(s, lang, term)) continue;
            add(all, typoTolerant(s, lang, title, term), TITLE_BOOST / 2);
            add(all, typoTolerant(s, lang, body, term), 0.5f);
        }
        String last = lastWord(text, lang);
        if (last != null) {
            add(all, new PrefixQuery(new Term(title, last)), TITLE_BOOST / 3);
            add(all, new PrefixQuery(new Term(body, last)), 0.3f);
        }
        return all.build();
    }

    private static boolean known(IndexSearcher s, String lang, String term) throws IOException {
        IndexReader r = s.getIndexReader();
        return r.docFreq(new Term("title_" + lang, term)) > 0 || r.docFreq(new Term("text_" + lang, term)) > 0;
    }

    /** French letters people type without the apostrophe: "lecheance", "dadmission", "jai", "quil". */
    private static final List<String> ELIDED = List.of("qu", "l", "d", "j", "s", "m", "t", "n", "c");

    /**
     * A word the index has never seen: an elision typed without its apostrophe when what follows is
     * known, else the word with typos tolerated (from 4 letters).
     */
    private static Query typoTolerant(IndexSearcher s, String lang, String field, String term) throws IOException {
        if ("fr".equals(lang)) {
            for (String elided : ELIDED) {
                String rest = term.substring(Math.min(term.length(), elided.length()));
                if (term.startsWith(elided) && rest.length() >= 3 && known(s, lang, rest)) return new TermQuery(new Term(field, rest));
            }
        }
        return term.length() < 4 ? null : fuzzy(field, term);
    }

    /** One typo in words of 4–5 letters, two from 6; the first letter is trusted. */
    private static Query fuzzy(String field, String term) {
        return new FuzzyQuery(new Term(field, term), term.length() >= 6 ? 2 : 1, 1, 30, true);
    }

    /** The word being typed (not yet followed by a space), lower-cased and folded, when long enough to mean something. */
    private static String lastWord(String text, String lang) {
        if (text.isEmpty() || !Character.isLetterOrDigit(text.charAt(text.length() - 1))) return null;
        String[] words = text.split("[^\\p{L}\\p{N}]+");
        String word = words[words.length - 1];
        if (word.length() < 3) return null;
        BytesRef normalized = Analyzers.index(lang).normalize("", word);
        return normalized.utf8ToString();
    }

    private static void add(BooleanQuery.Builder b, Query q, float boost) {
        if (q != null) b.add(boost == 1f ? q : new BoostQuery(q, boost), Occur.SHOULD);
    }

    // ---------------------------------------------------------------- snippets

    /** Marks matches with control characters (never in article text), turned into offsets by {@link #snippet}. */
    private static final class MarkingFormatter extends PassageFormatter {
        @Override
        public Object format(Passage[] passages, String content) {
            StringBuilder out = new StringBuilder();
            for (Passage p : passages) {
                if (!out.isEmpty()) out.append(" … ");
                int at = p.getStartOffset();
                for (int i = 0; i < p.getNumMatches(); i++) {
                    int start = Math.max(p.getMatchStarts()[i], at);
                    int end = p.getMatchEnds()[i];
                    if (end <= start) continue;
                    out.append(clean(content.substring(at, start))).append(MARK_START)
                            .append(clean(content.substring(start, end))).append(MARK_END);
                    at = end;
                }
                out.append(clean(content.substring(at, p.getEndOffset())));
            }
            return out.toString();
        }

        private static String clean(String s) {
            return s.replace(MARK_START, ' ').replace(MARK_END, ' ').replaceAll("\\s+", " ");
        }
    }

    /** Turns the marked text into a snippet of about {@link #SNIPPET_CHARS} characters around the first match. */
    static Snippet snippet(String marked) {
        StringBuilder text = new StringBuilder();
        List<int[]> marks = new ArrayList<>();
        int open = -1;
        for (int i = 0; i < marked.length(); i++) {
            char c = marked.charAt(i);
            if (c == MARK_START) open = text.length();
            else if (c == MARK_END) marks.add(new int[]{open, text.length()});
            else text.append(c);
        }
        String full = text.toString();
        int from = 0;
        int to = full.length();
        if (full.length() > SNIPPET_CHARS) {
            int anchor = marks.isEmpty() ? 0 : marks.getFirst()[0];
            from = Math.max(0, Math.min(anchor - 60, full.length() - SNIPPET_CHARS));
            to = from + SNIPPET_CHARS;
            while (from > 0 && from < to && !Character.isWhitespace(full.charAt(from - 1))) from++; // whole words only
            while (to < full.length() && to > from && !Character.isWhitespace(full.charAt(to))) to--;
        }
        while (from < to && Character.isWhitespace(full.charAt(from))) from++;
        while (to > from && Character.isWhitespace(full.charAt(to - 1))) to--;
        String prefix = from > 0 ? "… " : "";
        String cut = prefix + full.substring(from, to) + (to < full.length() ? " …" : "");
        List<Snippet.Mark> kept = new ArrayList<>();
        for (int[] m : marks) {
            if (m[0] >= from && m[1] <= to && m[1] > m[0]) {
                kept.add(new Snippet.Mark(m[0] - from + prefix.length(), m[1] - from + prefix.length()));
            }
        }
        return new Snippet(cut, List.copyOf(kept));
    }

    // ---------------------------------------------------------------- plumbing

    private interface SearcherWork<T> {
        T apply(IndexSearcher searcher) throws IOException;
    }

    private <T> T withSearcher(SearcherWork<T> work) {
        try {
            IndexSearcher s = searchers.acquire();
            try {
                return work.apply(s);
            } finally {
                searchers.release(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** For the gaps report: the distinct index terms of a question, sorted, as its similarity key. */
    public static Set<String> termSet(String text, String lang) {
        return new java.util.TreeSet<>(Analyzers.terms(Analyzers.index(lang), text));
    }

    @Override
    public void close() {
        try {
            searchers.close();
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
