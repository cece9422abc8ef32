/**
 * The knowledge base: a bilingual public help centre ({@code /aide}, {@code /help}), its Lucene
 * search, and the answers it puts where people need them.
 *
 * <p>Public API ({@link io.guichet.kb.KbService}): articles with revisions, translations, views and
 * votes ({@code doCreateArticle}, {@code doUpdateArticle}, {@code accessArticle}, {@code accessPublished});
 * search ({@code accessSearch}: French and English analysers with elision, accent folding, light
 * stemming, stop words, staff-edited synonyms, typo tolerance, highlighted snippets); suggestions
 * for the agent replying ({@code accessSuggestionsFor}); saved replies ({@code doCreateSavedReply},
 * {@code accessSavedReplies}); answers captured as drafts ({@code doDraftFromConversation}, and
 * {@code doDraftFromSource} for any other source such as a live session's answered question); the
 * gaps report and the widget's deflection ({@code accessGaps}, {@code accessDeflection}).
 * {@link io.guichet.kb.KbBenchmark} is the retrieval and speed benchmark ({@code kb-benchmark}).
 *
 * <p>Each node keeps its own in-memory index, rebuilt from PostgreSQL at start-up. Notices sent:
 * {@link io.guichet.kb.ArticleChanged} after an article is written, {@link io.guichet.kb.SynonymsChanged}
 * after synonyms are saved. Consumed: the same two, from every node (to update this node's index), and
 * {@code Resync} (rebuild: notices may have been lost). Uses {@code services} (categories) and
 * {@code inbox}'s {@code ConversationService} (suggestions and capture).
 */
package io.guichet.kb;
