package io.guichet.kb;

/** What the help centre tells the bus once a write has committed; every node keeps its search index current with them. */
public final class KbEvents {
    /** An article was created or changed (published, edited, retired): payload {@code articleId}. */
    public static final String ARTICLE_CHANGED = "kb.article";
    /** Staff saved the synonyms of a language: payload {@code fr|en}. */
    public static final String SYNONYMS_CHANGED = "kb.synonyms";

    private KbEvents() {
    }
}
