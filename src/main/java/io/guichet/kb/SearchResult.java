package io.guichet.kb;

/** One article found by a search, best first; {@code score} is Lucene's relevance, comparable within one search. */
public record SearchResult(long id, String lang, String slug, String title, String service, Snippet snippet, float score) {
    /** The public page of the article: /aide/… in French, /help/… in English. */
    public String path() {
        return Article.path(id, lang, slug);
    }
}
