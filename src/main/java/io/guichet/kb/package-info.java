/**
 * The knowledge base: a bilingual public help centre ({@code /aide}, {@code /help}), its Lucene
 * search, and the answers it puts where people need them.
 *
 * <p>Public API:
 * <ul>
 * <li>{@link io.guichet.kb.KbService}: articles with revisions, translations, views and votes
 * ({@code doCreateArticle}, {@code doUpdateArticle}, {@code accessArticle}, {@code findPublished},
 * {@code findCategories}); search ({@code publicSearch}: French and English analysers with elision,
 * accent folding, light stemming, stop words, staff-edited synonyms, typo tolerance, highlighted
 * snippets); answers captured as drafts ({@code doDraftFromConversation}, and {@code doDraftFromSource}
 * for any other source such as a live session's answered question); and the one search index of the
 * node, which the other classes reach only through it.</li>
 * <li>{@link io.guichet.kb.HelpSignals}: suggestions for the agent replying ({@code accessSuggestionsFor}),
 * the searches and widget questions nothing answers ({@code doRecordSearch}, {@code doRecordWidgetEvent}),
 * the gaps report and the widget's deflection ({@code accessGaps}, {@code accessDeflection}).</li>
 * <li>{@link io.guichet.kb.SavedReplyService}: saved replies ({@code doCreateSavedReply},
 * {@code accessSavedReplies}, {@code doDeleteSavedReply}).</li>
 * <li>{@link io.guichet.kb.SynonymService}: the synonym groups staff edit ({@code accessSynonyms},
 * {@code doSaveSynonyms}).</li>
 * <li>{@link io.guichet.kb.KbBenchmark}: the retrieval and speed benchmark ({@code kb-benchmark}).</li>
 * </ul>
 *
 * <p>Each node keeps its own in-memory index, rebuilt from PostgreSQL at start-up. Notices sent:
 * {@link io.guichet.kb.ArticleChanged} after an article is written, {@link io.guichet.kb.SynonymsChanged}
 * after synonyms are saved. Consumed (by {@code KbService}): the same two, from every node (to update this
 * node's index), and {@code Resync} (rebuild: notices may have been lost). Uses {@code services}
 * (categories), {@code inbox}'s {@code ConversationService} (suggestions and capture) and {@code people}'s
 * {@code PeopleService.doRecord} (a draft captured from a conversation is told on the asker's timeline).
 */
package io.guichet.kb;
