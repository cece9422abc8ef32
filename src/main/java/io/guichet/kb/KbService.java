package io.guichet.kb;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Message;
import io.guichet.kb.internal.ArticleDao;
import io.guichet.kb.internal.ArticleFields;
import io.guichet.kb.internal.Drafts;
import io.guichet.platform.Markdown;
import io.guichet.kb.internal.SearchIndex;
import io.guichet.kb.internal.Synonyms;
import io.guichet.kb.internal.Texts;
import io.guichet.people.PeopleService;
import io.guichet.people.TimelineEntry;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.bus.Resync;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/*
 * Over 300 lines: articles, their capture from answers and the public help centre write and read
 * through the one search index this class owns; saved replies, synonyms and signals are apart.
 */
/**
 * The help centre's articles: their writes and revisions (drafts captured from answered questions
 * included), the public help centre, search, and the one search index of this node, rebuilt from
 * PostgreSQL at start-up and kept current through the bus. {@link HelpSignals} and
 * {@link SynonymService} reach the index only through this class.
 */
public final class KbService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KbService.class);
    public static final int MAX_QUERY = 200;
    public static final int MAX_BODY_BYTES = 200 * 1024;
    public static final int MAX_TITLE = 200;
    public static final int MAX_LIMIT = 20;

    private final Jdbi jdbi;
    private final Bus bus;
    private final ServiceCatalogue services;
    private final ConversationService conversations;
    private final PeopleService people;
    private final SearchIndex index;
    /** The articles already logged as left out of the index, so that each is logged once per node. */
    private final Set<Long> unindexable = ConcurrentHashMap.newKeySet();

    public KbService(Jdbi jdbi, Bus bus, ServiceCatalogue services, ConversationService conversations, PeopleService people) {
        this.people = people;
        this.jdbi = jdbi;
        this.bus = bus;
        this.services = services;
        this.conversations = conversations;
        this.index = new SearchIndex(Synonyms.analyzers(jdbi));
        bus.subscribe(ArticleChanged.class, n -> reindex(n.articleId()));
        bus.subscribe(SynonymsChanged.class, n -> index.setAnalyzers(Synonyms.analyzers(jdbi)));
        bus.subscribe(Resync.class, n -> rebuildIndex()); // notices may have been lost
        rebuildIndex();
    }

    /** What staff send to create or change an article; {@code translationOf} links a new article to its original. */
    public record ArticleInput(String title, String body, String lang, String status, String service, List<String> tags,
                               Long translationOf) {
    }

    // ---------------------------------------------------------------- articles (staff)

    /** Anyone on staff writes drafts; publishing needs a supervisor. */
    public Article doCreateArticle(Staff author, ArticleInput in) {
        ArticleDao.Fields f = ArticleFields.validate(in, false, services);
        requireRightToSet(author, f.status());
        long id = jdbi.inTransaction(h -> {
            ArticleDao dao = new ArticleDao(h);
            Long group = null;
            if (in.translationOf() != null) {
                Article original = dao.find(in.translationOf()).orElseThrow(() -> ApiError.invalid("translationOf", "translationOf is not an article"));
                if (original.lang().equals(f.lang())) throw ApiError.invalid("lang", "A translation is in the other language");
                if (dao.translation(original.translationGroup(), f.lang()).isPresent()) {
                    throw ApiError.conflict("translation_exists", "This article already has a translation in that language");
                }
                group = original.translationGroup();
            }
            return dao.insert(f, group, null, null, author.id());
        });
        changed(id);
        return article(id);
    }

    /** Editing a published or retired article (bringing it back included), publishing and retiring need a supervisor. */
    public Article doUpdateArticle(Viewer editor, long id, ArticleInput in) {
        Staff author = Access.requireStaff(editor.staff());
        ArticleDao.Fields f = ArticleFields.validate(in, true, services);
        jdbi.useTransaction(h -> {
            ArticleDao dao = new ArticleDao(h);
            Article before = dao.lock(id).orElseThrow(() -> ApiError.notFound("Article"));
            requireSourceRights(editor, before);
            if (before.status() != Article.Status.DRAFT) {
                Access.requireSupervisor(author, "Only a supervisor can change a published or retired article");
            }
            requireRightToSet(author, f.status());
            if (!before.lang().equals(f.lang()) && dao.translation(before.translationGroup(), f.lang()).isPresent()) {
                throw ApiError.conflict("translation_exists", "The translation in that language already exists");
            }
            dao.update(id, f, author.id());
        });
        changed(id);
        return article(id);
    }

    public Article accessArticle(Viewer viewer, long id) {
        Access.requireStaff(viewer.staff());
        Article a = article(id);
        requireSourceRights(viewer, a);
        return a;
    }

    public static final int LIST_PAGE = 25;

    /** What staff look for in their list: words of a title or tag (accents ignored), a language, a status, the untranslated ones. */
    public record ArticleQuery(String words, String lang, Article.Status status, boolean untranslated, int page) {
    }

    /** One row of staff's list: an article and its translation side by side, either possibly missing. */
    public record ArticlePair(Article fr, Article en) {
        public Stream<Article> both() {
            return Stream.of(fr, en).filter(Objects::nonNull);
        }

        public Instant updated() {
            return both().map(Article::updatedAt).max(Comparator.naturalOrder()).orElseThrow();
        }
    }

    public record ArticleList(List<ArticlePair> rows, int total, int page, int pages) {
    }

    /**
     * Staff's list, French and English versions paired (the live one of each language, else the latest
     * retired), newest change first, {@link #LIST_PAGE} pairs a page; without the drafts captured from
     * conversations the viewer may not read.
     */
    public ArticleList accessArticleList(Viewer viewer, ArticleQuery q) {
        Access.requireStaff(viewer.staff());
        List<Article> readable = jdbi.withHandle(h -> new ArticleDao(h).all(10_000)).stream().filter(a -> mayReadSource(viewer, a)).toList();
        Map<Long, List<Article>> groups = new LinkedHashMap<>();
        for (Article a : readable) groups.computeIfAbsent(a.translationGroup() == null ? -a.id() : a.translationGroup(), g -> new ArrayList<>()).add(a);
        String words = q.words() == null || q.words().isBlank() ? null : Texts.fold(q.words().strip());
        List<ArticlePair> matching = groups.values().stream()
                .map(g -> new ArticlePair(shown(g, "fr"), shown(g, "en")))
                .filter(p -> p.both().anyMatch(a -> (q.lang() == null || a.lang().equals(q.lang())) && (q.status() == null || a.status() == q.status())))
                .filter(p -> words == null || p.both().anyMatch(a -> Texts.fold(a.title() + " " + String.join(" ", a.tags())).contains(words)))
                .filter(p -> !q.untranslated() || p.both().filter(a -> a.status() != Article.Status.RETIRED).count() == 1)
                .sorted(Comparator.comparing(ArticlePair::updated).reversed())
                .toList();
        int pages = Math.max(1, (matching.size() + LIST_PAGE - 1) / LIST_PAGE);
        int page = Math.min(Math.max(1, q.page()), pages);
        return new ArticleList(matching.subList((page - 1) * LIST_PAGE, Math.min(matching.size(), page * LIST_PAGE)), matching.size(), page, pages);
    }

    /** A group's version in one language: the live one (there is at most one), else the latest retired. */
    private static Article shown(List<Article> group, String lang) {
        return group.stream().filter(a -> a.lang().equals(lang))
                .min(Comparator.comparing((Article a) -> a.status() == Article.Status.RETIRED).thenComparing(Article::updatedAt, Comparator.reverseOrder()))
                .orElse(null);
    }

    public List<Revision> accessRevisions(Viewer viewer, long id) {
        accessArticle(viewer, id);
        return jdbi.withHandle(h -> new ArticleDao(h).revisions(id));
    }

    /** The article in the other language (any status), for staff's "translate" link. */
    public Optional<Article> accessTranslation(Viewer viewer, Article a) {
        Access.requireStaff(viewer.staff());
        return translationOf(a).filter(t -> mayReadSource(viewer, t));
    }

    /**
     * Until it is published, a draft captured from a conversation holds that conversation's words: it
     * keeps the rule of the service it was captured in (its {@code service}, set at capture).
     */
    private boolean mayReadSource(Viewer viewer, Article a) {
        return !"conversation".equals(a.sourceKind()) || a.published() || Access.canReadCapturedArticle(viewer, serviceId(a));
    }

    private void requireSourceRights(Viewer viewer, Article a) {
        if (!mayReadSource(viewer, a)) Access.requireCapturedArticle(viewer, serviceId(a));
    }

    /** The id of the article's service, inactive ones included; null when it names none. */
    private Long serviceId(Article a) {
        return services.findAll().stream().filter(s -> s.slug().equals(a.service())).map(ServiceQueue::id).findFirst().orElse(null);
    }

    private Article article(long id) {
        return jdbi.withHandle(h -> new ArticleDao(h).find(id)).orElseThrow(() -> ApiError.notFound("Article"));
    }

    private Optional<Article> translationOf(Article a) {
        if (a.translationGroup() == null) return Optional.empty();
        return jdbi.withHandle(h -> new ArticleDao(h).translation(a.translationGroup(), "fr".equals(a.lang()) ? "en" : "fr"));
    }

    private static void requireRightToSet(Staff author, Article.Status status) {
        if (status != Article.Status.DRAFT) Access.requireSupervisor(author, "Only a supervisor can publish or retire an article");
    }

    // ---------------------------------------------------------------- capture: answers become drafts

    /** "Make an article" from a resolved conversation: a draft with the visitor's question and the answer given. */
    public Article doDraftFromConversation(Viewer viewer, long conversationId) {
        Conversation c = conversations.accessConversation(viewer, conversationId);
        if (c.status() != Conversation.Status.RESOLVED) throw ApiError.conflict("not_resolved", "Resolve the conversation first");
        StringBuilder question = new StringBuilder();
        StringBuilder answer = new StringBuilder();
        for (Message m : conversations.accessMessages(viewer, conversationId, 0)) {
            if (m.internal() || m.author() == Message.Author.SYSTEM) continue;
            if (m.author() == Message.Author.AGENT) answer.append(m.body()).append("\n\n");
            else if (answer.isEmpty()) question.append(m.body()).append("\n");
        }
        ServiceQueue queue = services.findById(c.serviceId());
        // Told on the asker's timeline with the draft it became (messages timeline.kb.*).
        return doDraftFromSource(viewer.staff(), "conversation", Long.toString(c.id()), question.toString(), answer.toString(), c.lang(),
                queue.slug(), (h, articleId) -> people.doRecord(h, new TimelineEntry(c.contactId(), java.time.Instant.now(), "kb",
                        "kb.article_captured", Map.of("service", queue.nameFr(), "service_en", queue.nameEn()), "article",
                        Long.toString(articleId), viewer.id())));
    }

    /**
     * A draft prefilled from any answered question (a conversation, a live session's question…),
     * linked to its source; the same source again opens the same draft. {@code alsoOnCreation} runs in the
     * transaction that creates the draft, with its id (the caller tells the asker's timeline), and not for
     * a draft that existed already.
     */
    public Article doDraftFromSource(Staff staff, String sourceKind, String sourceRef, String question, String answer,
                                     String lang, String service, java.util.function.ObjLongConsumer<Handle> alsoOnCreation) {
        Access.requireStaff(staff);
        String kind = Fields.required("sourceKind", sourceKind, 40);
        String ref = Fields.required("sourceRef", sourceRef, 100);
        String q = question == null ? "" : question.strip();
        String a = answer == null ? "" : answer.strip();
        if (q.isEmpty() || a.isEmpty()) throw ApiError.conflict("nothing_to_capture", "There is no question with an answer to turn into an article");
        Optional<Article> existing = jdbi.withHandle(h -> new ArticleDao(h).bySource(kind, ref));
        if (existing.isPresent()) return existing.get();
        ArticleDao.Fields f = Drafts.of(q, a, lang, service, MAX_BODY_BYTES);
        long id;
        try {
            id = jdbi.inTransaction(h -> {
                long created = new ArticleDao(h).insert(f, null, kind, ref, staff.id());
                alsoOnCreation.accept(h, created);
                return created;
            });
        } catch (UnableToExecuteStatementException e) { // a double click: the other request created it
            return jdbi.withHandle(h -> new ArticleDao(h).bySource(kind, ref)).orElseThrow(() -> e);
        }
        changed(id);
        return article(id);
    }

    // ---------------------------------------------------------------- the public help centre

    /** A published article, for anyone. */
    public Optional<Article> findPublished(long id) {
        return jdbi.withHandle(h -> new ArticleDao(h).find(id)).filter(Article::published);
    }

    public Optional<Article> findPublishedTranslation(Article a) {
        return translationOf(a).filter(Article::published);
    }

    /** A category of the help centre: a service that has published articles in the language. */
    public record Category(String slug, String name, List<Article> articles) {
    }

    public List<Category> findCategories(String lang) {
        Map<String, List<Article>> bySlug = new LinkedHashMap<>();
        for (Article a : jdbi.withHandle(h -> new ArticleDao(h).popular(Texts.validLang(lang), 1_000))) {
            bySlug.computeIfAbsent(a.service() == null ? "" : a.service(), k -> new ArrayList<>()).add(a);
        }
        List<Category> categories = new ArrayList<>();
        for (ServiceQueue s : services.findAll()) {
            List<Article> articles = bySlug.remove(s.slug());
            if (articles != null) categories.add(new Category(s.slug(), s.name(lang), articles));
        }
        categories.sort(Comparator.comparing(Category::name, Messages.collator(lang)));
        List<Article> rest = new ArrayList<>();
        bySlug.values().forEach(rest::addAll);
        if (!rest.isEmpty()) categories.add(new Category("", null, rest));
        return categories;
    }

    public String serviceName(String slug, String lang) {
        if (slug == null) return null;
        return services.nameOf(slug, lang);
    }

    public void doCountView(long id) {
        jdbi.useHandle(h -> new ArticleDao(h).countView(id));
    }

    /** "Was this helpful?": one vote per reader (a random id the help centre gives each browser); a second one replaces the first. */
    public void doVote(long id, String reader, boolean helpful) {
        findPublished(id).orElseThrow(() -> ApiError.notFound("Article"));
        jdbi.useTransaction(h -> new ArticleDao(h).vote(id, reader, helpful));
    }

    /** What a "Non" may say was missing; {@code other} needs the reader's own words. */
    public static final List<String> VOTE_REASONS = List.of("incomplete", "unclear", "not_my_question", "outdated", "other");
    public static final int MAX_VOTE_COMMENT = 300;

    /**
     * Why the article did not help, after that reader's "Non": a reason, a short comment, or both. A
     * reader without a "Non" on the article has nothing to explain (409), so no one writes into the gaps
     * report without having read and voted.
     */
    public void doExplainVote(long id, String reader, String reason, String comment) {
        findPublished(id).orElseThrow(() -> ApiError.notFound("Article"));
        if (reason != null && !VOTE_REASONS.contains(reason)) throw ApiError.invalid("reason", "reason must be one of " + VOTE_REASONS).because("choice");
        String words = Fields.optionalText("comment", comment, MAX_VOTE_COMMENT);
        if (reason == null && words == null) throw ApiError.invalid("reason", "Choose a reason or write a few words").because("required");
        if ("other".equals(reason) && words == null) throw ApiError.invalid("comment", "Say in a few words what was missing").because("required");
        if (!jdbi.withHandle(h -> new ArticleDao(h).explain(id, reader, reason, words))) {
            throw ApiError.conflict("no_vote", "There is no \"Non\" of yours on this article to explain");
        }
    }

    /**
     * Safe HTML of an article's Markdown body: no tag or script an author typed survives. Empty for a
     * body that cannot be displayed (saved before nesting was bounded, see {@link #displayable}).
     */
    public static Optional<String> html(String markdown) {
        try {
            return Optional.of(Markdown.html(markdown));
        } catch (Markdown.Unrenderable e) {
            return Optional.empty();
        }
    }

    /** The text a reader sees, without Markdown; only for a {@link #displayable} body. */
    public static String text(String markdown) {
        return Markdown.text(markdown);
    }

    /** Whether the body follows the nesting rule of writes, so that it can be shown and indexed. */
    public static boolean displayable(String markdown) {
        return Markdown.nesting(markdown) <= Markdown.MAX_NESTING;
    }

    // ---------------------------------------------------------------- search and the index

    /** Empty or blank → no results; over 200 characters → 422; any characters are taken as words, never as syntax. */
    public List<SearchResult> publicSearch(String query, String lang, int limit) {
        String l = Texts.validLang(lang == null ? "fr" : lang);
        if (limit < 1 || limit > MAX_LIMIT) throw ApiError.invalid("limit", "limit must be from 1 to " + MAX_LIMIT);
        if (query == null || query.isBlank()) return List.of();
        if (query.codePointCount(0, query.length()) > MAX_QUERY) {
            throw ApiError.invalid("q", "The search is longer than " + MAX_QUERY + " characters");
        }
        return index.search(query.strip(), l, limit);
    }

    /** The index's best matches for any text (a visitor's messages), without the limits of a typed search. */
    List<SearchResult> matches(String text, String lang, int limit) {
        return index.search(text, lang, limit);
    }

    /** Whether the index has an article that answers the text well (else it is a gap). */
    boolean answers(String text, String lang) {
        return index.hasGoodMatch(text, lang);
    }

    private void changed(long id) {
        bus.publish(new ArticleChanged(id)); // this node's index first, then the others
    }

    private void reindex(long id) {
        Optional<SearchIndex.Doc> doc = jdbi.withHandle(h -> new ArticleDao(h).find(id)).filter(Article::published).flatMap(this::doc);
        if (doc.isPresent()) index.put(doc.get());
        else index.remove(id);
    }

    /** Every published article, from PostgreSQL; one that cannot be displayed is left out, and only it. */
    public void rebuildIndex() {
        index.replaceAll(jdbi.withHandle(h -> new ArticleDao(h).published()).stream().flatMap(a -> doc(a).stream()).toList());
    }

    private Optional<SearchIndex.Doc> doc(Article a) {
        try {
            return Optional.of(new SearchIndex.Doc(a.id(), a.lang(), a.slug(), a.title(), Markdown.text(a.body()), a.tags(), a.service()));
        } catch (Markdown.Unrenderable e) {
            if (unindexable.add(a.id())) LOG.warn("Article {} is left out of the search index: {}", a.id(), e.getMessage());
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- demo data

    /** The demo cégep's articles, published with their translations linked, through {@link #doCreateArticle} as the system actor. */
    public void doSeedDemoArticles(Staff actor) {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (SampleArticles.Sample s : SampleArticles.load()) {
            String service = services.findAll().stream().anyMatch(q -> q.slug().equals(s.service())) ? s.service() : null;
            Long original = s.translationOf() == null ? null : ids.get(s.translationOf());
            ids.put(s.key(), doCreateArticle(actor, new ArticleInput(s.title(), s.body(), s.lang(), "published", service, s.tags(), original)).id());
        }
    }

    @Override
    public void close() {
        index.close();
    }
}
