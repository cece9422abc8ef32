package io.guichet.kb;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.inbox.Conversation;
import io.guichet.identity.Viewer;
import io.guichet.inbox.ConversationService;
import io.guichet.services.ServiceCatalogue;
import io.guichet.inbox.Message;
import io.guichet.services.ServiceQueue;
import io.guichet.kb.internal.Analyzers;
import io.guichet.kb.internal.ArticleDao;
import io.guichet.kb.internal.KbDao;
import io.guichet.kb.internal.Markdown;
import io.guichet.kb.internal.SearchIndex;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.bus.Resync;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/*
 * Over 300 lines on purpose, for now: articles, search, capture, saved replies and synonyms share the
 * one search index this class owns and keeps current. Splitting them (as the inbox was split into
 * ConversationService and AgentService) is planned: saved replies and the widget's signals first.
 */
/**
 * The help centre: articles with their revisions, the search index (rebuilt from PostgreSQL at
 * start-up and kept current on every node through the bus), suggestions, saved replies, drafts
 * captured from answered questions, and the signals of what is missing (gaps, deflection).
 */
public final class KbService implements AutoCloseable {
    public static final int MAX_QUERY = 200;
    public static final int MAX_BODY_BYTES = 200 * 1024;
    public static final int MAX_TITLE = 200;
    public static final int MAX_LIMIT = 20;
    private static final int MAX_TAGS = 20;
    private static final int MAX_REPLY = ConversationService.MAX_BODY;
    private static final int MAX_SYNONYMS = 20_000;
    private static final Pattern REPLY_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");
    private static final Pattern VISITOR_KEY = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private final Jdbi jdbi;
    private final Bus bus;
    private final ServiceCatalogue services;
    private final ConversationService conversations;
    private final Clock clock;
    private final SearchIndex index;

    public KbService(Jdbi jdbi, Bus bus, ServiceCatalogue services, ConversationService conversations, Clock clock) {
        this.jdbi = jdbi;
        this.bus = bus;
        this.services = services;
        this.conversations = conversations;
        this.clock = clock;
        this.index = new SearchIndex(loadAnalyzers());
        bus.subscribe(ArticleChanged.class, n -> reindex(n.articleId()));
        bus.subscribe(SynonymsChanged.class, n -> index.setAnalyzers(loadAnalyzers()));
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
        ArticleDao.Fields f = validate(in, false);
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

    /** Editing a published article, publishing and retiring need a supervisor. */
    public Article doUpdateArticle(Staff author, long id, ArticleInput in) {
        ArticleDao.Fields f = validate(in, true);
        jdbi.useTransaction(h -> {
            ArticleDao dao = new ArticleDao(h);
            Article before = dao.lock(id).orElseThrow(() -> ApiError.notFound("Article"));
            if (before.published()) Access.requireSupervisor(author, "Only a supervisor can change a published article");
            requireRightToSet(author, f.status());
            if (!before.lang().equals(f.lang()) && dao.translation(before.translationGroup(), f.lang()).isPresent()) {
                throw ApiError.conflict("translation_exists", "The translation in that language already exists");
            }
            dao.update(id, f, author.id());
        });
        changed(id);
        return article(id);
    }

    public Article accessArticle(Staff viewer, long id) {
        Access.requireStaff(viewer);
        return article(id);
    }

    public List<Article> accessArticles(Staff viewer, String lang, Article.Status status) {
        Access.requireStaff(viewer);
        return jdbi.withHandle(h -> new ArticleDao(h).list(lang, status == null ? null : status.code(), 500));
    }

    public List<Revision> accessRevisions(Staff viewer, long id) {
        Access.requireStaff(viewer);
        return jdbi.withHandle(h -> new ArticleDao(h).revisions(id));
    }

    /** The article in the other language (any status), for staff's "translate" link. */
    public Optional<Article> accessTranslation(Staff viewer, Article a) {
        Access.requireStaff(viewer);
        return translationOf(a);
    }

    private Article article(long id) {
        return jdbi.withHandle(h -> new ArticleDao(h).find(id)).orElseThrow(() -> ApiError.notFound("Article"));
    }

    private Optional<Article> translationOf(Article a) {
        if (a.translationGroup() == null) return Optional.empty();
        return jdbi.withHandle(h -> new ArticleDao(h).translation(a.translationGroup(), "fr".equals(a.lang()) ? "en" : "fr"));
    }

    private ArticleDao.Fields validate(ArticleInput in, boolean update) {
        String title = Fields.required("title", in.title(), MAX_TITLE);
        if (in.body() == null || in.body().isBlank()) throw ApiError.invalid("body", "body is required");
        if (in.body().getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            throw ApiError.tooLarge("The article is larger than 200 KB");
        }
        String lang = validLang(Fields.required("lang", in.lang(), 2));
        Article.Status status = in.status() == null ? Article.Status.DRAFT : Article.Status.fromCode(in.status());
        if (status == null || (!update && status == Article.Status.RETIRED)) {
            throw ApiError.invalid("status", update ? "status must be draft, published or retired" : "status must be draft or published");
        }
        String service = Fields.optional("service", in.service(), 63);
        if (service != null) service = services.findBySlug(service).slug();
        List<String> tags = new ArrayList<>(new LinkedHashSet<>((in.tags() == null ? List.<String>of() : in.tags()).stream()
                .map(t -> Fields.optional("tags", t, 40)).filter(t -> t != null).map(t -> t.toLowerCase(Locale.ROOT)).toList()));
        if (tags.size() > MAX_TAGS) throw ApiError.invalid("tags", "At most " + MAX_TAGS + " tags");
        return new ArticleDao.Fields(lang, slug(title), title, in.body().strip(), service, tags, status);
    }

    private static void requireRightToSet(Staff author, Article.Status status) {
        if (status != Article.Status.DRAFT) Access.requireSupervisor(author, "Only a supervisor can publish or retire an article");
    }

    // ---------------------------------------------------------------- the public help centre

    /** A published article, for anyone. */
    public Optional<Article> accessPublished(long id) {
        return jdbi.withHandle(h -> new ArticleDao(h).find(id)).filter(Article::published);
    }

    public Optional<Article> accessPublishedTranslation(Article a) {
        return translationOf(a).filter(Article::published);
    }

    /** A category of the help centre: a service that has published articles in the language. */
    public record Category(String slug, String name, List<Article> articles) {
    }

    public List<Category> accessCategories(String lang) {
        Map<String, List<Article>> bySlug = new LinkedHashMap<>();
        for (Article a : jdbi.withHandle(h -> new ArticleDao(h).popular(validLang(lang), 1_000))) {
            bySlug.computeIfAbsent(a.service() == null ? "" : a.service(), k -> new ArrayList<>()).add(a);
        }
        List<Category> categories = new ArrayList<>();
        for (ServiceQueue s : services.findAll()) {
            List<Article> articles = bySlug.remove(s.slug());
            if (articles != null) categories.add(new Category(s.slug(), s.name(lang), articles));
        }
        categories.sort(Comparator.comparing(Category::name));
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

    public void doVote(long id, boolean helpful) {
        accessPublished(id).orElseThrow(() -> ApiError.notFound("Article"));
        jdbi.useHandle(h -> new ArticleDao(h).vote(id, helpful));
    }

    /** Safe HTML of an article's Markdown body: no tag or script an author typed survives. */
    public static String html(String markdown) {
        return Markdown.html(markdown);
    }

    /** The text a reader sees, without Markdown. */
    public static String text(String markdown) {
        return Markdown.text(markdown);
    }

    // ---------------------------------------------------------------- search

    /** Empty or blank → no results; over 200 characters → 422; any characters are taken as words, never as syntax. */
    public List<SearchResult> accessSearch(String query, String lang, int limit) {
        String l = validLang(lang == null ? "fr" : lang);
        if (limit < 1 || limit > MAX_LIMIT) throw ApiError.invalid("limit", "limit must be from 1 to " + MAX_LIMIT);
        if (query == null || query.isBlank()) return List.of();
        if (query.codePointCount(0, query.length()) > MAX_QUERY) {
            throw ApiError.invalid("q", "The search is longer than " + MAX_QUERY + " characters");
        }
        return index.search(query.strip(), l, limit);
    }

    /** Articles that may answer what the visitor wrote in a conversation, for the agent replying. */
    public List<SearchResult> accessSuggestionsFor(Viewer viewer, long conversationId) {
        Conversation c = conversations.accessConversation(viewer, conversationId);
        List<Message> visitorMessages = conversations.accessMessages(viewer, conversationId, 0).stream()
                .filter(m -> m.author() == Message.Author.VISITOR).toList();
        StringBuilder text = new StringBuilder();
        for (int i = visitorMessages.size() - 1; i >= 0 && text.length() < 600; i--) {
            text.insert(0, visitorMessages.get(i).body() + "\n");
        }
        if (text.isEmpty()) return List.of();
        List<SearchResult> found = index.search(text.toString(), "en".equals(c.lang()) ? "en" : "fr", 3);
        return found.stream().filter(r -> r.score() >= found.getFirst().score() / 2).toList(); // only the close runners-up
    }

    /** A search someone submitted in the help centre: kept for the gaps report when nothing good answers it. */
    public void doRecordSearch(String query, String lang) {
        recordIfUnanswered(query, lang, "search");
    }

    private void recordIfUnanswered(String query, String lang, String source) {
        if (query == null || query.isBlank()) return;
        String q = query.strip();
        if (q.length() > 2 * MAX_QUERY) q = q.substring(0, 2 * MAX_QUERY);
        String l = validLang(lang);
        if (index.hasGoodMatch(q, l)) return;
        String question = q;
        String terms = String.join(" ", SearchIndex.termSet(q, l));
        jdbi.useHandle(h -> new KbDao(h).insertGap(l, question, terms, source));
    }

    // ---------------------------------------------------------------- the widget: suggestions and deflection

    /**
     * What the chat widget saw its visitor do: {@code opened} a suggested article, or started a
     * {@code chat} anyway (with its first question, checked for a gap). A visitor who opened an
     * article and did not start a chat was deflected.
     */
    public void doRecordWidgetEvent(String visitorKey, String kind, Long articleId, String question, String lang) {
        if (visitorKey == null || !VISITOR_KEY.matcher(visitorKey).matches()) {
            throw ApiError.invalid("visitorKey", "visitorKey must be 8 to 64 letters, digits or dashes");
        }
        if (!"opened".equals(kind) && !"chat".equals(kind)) throw ApiError.invalid("kind", "kind must be opened or chat");
        if ("opened".equals(kind)) {
            if (articleId == null || accessPublished(articleId).isEmpty()) throw ApiError.invalid("articleId", "articleId is not a published article");
        } else {
            if (question != null && question.length() > ConversationService.MAX_BODY) throw ApiError.invalid("question", "question is too long");
            recordIfUnanswered(question, lang == null ? "fr" : lang, "chat");
        }
        jdbi.useHandle(h -> new KbDao(h).insertWidgetEvent(visitorKey, kind, "opened".equals(kind) ? articleId : null));
    }

    public Deflection accessDeflection(Staff viewer, int days) {
        Access.requireStaff(viewer);
        int[] counts = jdbi.withHandle(h -> new KbDao(h).deflectionSince(clock.instant().minus(Duration.ofDays(days))));
        return new Deflection(days, counts[0], counts[0] - counts[1]);
    }

    /** Unanswered searches and questions of the last days, similar ones grouped, most frequent first. */
    public List<GapGroup> accessGaps(Staff viewer, int days) {
        Access.requireStaff(viewer);
        List<KbDao.GapRow> rows = jdbi.withHandle(h -> new KbDao(h).gapsSince(clock.instant().minus(Duration.ofDays(days)), 5_000));
        record Cluster(String lang, Set<String> terms, List<KbDao.GapRow> rows) {
        }
        List<Cluster> clusters = new ArrayList<>();
        for (KbDao.GapRow row : rows) {
            Set<String> terms = new HashSet<>(List.of(row.terms().isBlank() ? new String[0] : row.terms().split(" ")));
            Cluster home = clusters.stream().filter(c -> c.lang().equals(row.lang()) && similar(c.terms(), terms)).findFirst().orElse(null);
            if (home == null) clusters.add(new Cluster(row.lang(), terms, new ArrayList<>(List.of(row))));
            else home.rows().add(row);
        }
        return clusters.stream()
                .map(c -> new GapGroup(c.lang(), c.rows().size(),
                        c.rows().stream().map(KbDao.GapRow::query).distinct().limit(3).toList(),
                        c.rows().getFirst().at(), (int) c.rows().stream().filter(r -> r.source().equals("chat")).count()))
                .sorted(Comparator.comparingInt(GapGroup::count).reversed().thenComparing(GapGroup::lastSeen, Comparator.reverseOrder()))
                .limit(100).toList();
    }

    /**
     * Two questions are alike when they share half of all their words, or when a short search is
     * mostly inside a longer question (at least two shared words, most of the shorter one's).
     */
    private static boolean similar(Set<String> a, Set<String> b) {
        if (a.isEmpty() || b.isEmpty()) return a.equals(b);
        Set<String> common = new HashSet<>(a);
        common.retainAll(b);
        Set<String> union = new HashSet<>(a);
        union.addAll(b);
        int shorter = Math.min(a.size(), b.size());
        return common.size() * 2 >= union.size() || (common.size() >= 2 && common.size() * 5 >= shorter * 3);
    }

    // ---------------------------------------------------------------- capture: answers become drafts

    /** "Make an article" from a resolved conversation: a draft with the visitor's question and the answer given. */
    public Article doDraftFromConversation(Viewer viewer, long conversationId) {
        Staff staff = viewer.staff();
        Conversation c = conversations.accessConversation(viewer, conversationId);
        if (c.status() != Conversation.Status.RESOLVED) throw ApiError.conflict("not_resolved", "Resolve the conversation first");
        StringBuilder question = new StringBuilder();
        StringBuilder answer = new StringBuilder();
        for (Message m : conversations.accessMessages(viewer, conversationId, 0)) {
            if (m.internal() || m.author() == Message.Author.SYSTEM) continue;
            if (m.author() == Message.Author.AGENT) answer.append(m.body()).append("\n\n");
            else if (answer.isEmpty()) question.append(m.body()).append("\n");
        }
        String service = services.findById(c.serviceId()).slug();
        return doDraftFromSource(staff, "conversation", Long.toString(c.id()), question.toString(), answer.toString(), c.lang(), service);
    }

    /**
     * A draft prefilled from any answered question (a conversation, a live session's question…),
     * linked to its source; the same source again opens the same draft.
     */
    public Article doDraftFromSource(Staff staff, String sourceKind, String sourceRef, String question, String answer,
                                     String lang, String service) {
        Access.requireStaff(staff);
        String kind = Fields.required("sourceKind", sourceKind, 40);
        String ref = Fields.required("sourceRef", sourceRef, 100);
        String q = question == null ? "" : question.strip();
        String a = answer == null ? "" : answer.strip();
        if (q.isEmpty() || a.isEmpty()) throw ApiError.conflict("nothing_to_capture", "There is no question with an answer to turn into an article");
        Optional<Article> existing = jdbi.withHandle(h -> new ArticleDao(h).bySource(kind, ref));
        if (existing.isPresent()) return existing.get();
        String title = q.lines().findFirst().orElse(q);
        boolean cut = title.length() > 120 || q.lines().count() > 1;
        if (title.length() > 120) title = title.substring(0, 119).strip() + "…";
        String body = (cut ? q.lines().map(line -> "> " + line).reduce((x, y) -> x + "\n" + y).orElse("") + "\n\n" : "") + a;
        if (body.getBytes(StandardCharsets.UTF_8).length > MAX_BODY_BYTES) {
            body = body.substring(0, MAX_BODY_BYTES / 4); // a very long chat: its start fits in any encoding
        }
        ArticleDao.Fields f = new ArticleDao.Fields(validLang(lang == null ? "fr" : lang), slug(title), title, body,
                service, List.of(), Article.Status.DRAFT);
        long id;
        try {
            id = jdbi.inTransaction(h -> new ArticleDao(h).insert(f, null, kind, ref, staff.id()));
        } catch (UnableToExecuteStatementException e) { // a double click: the other request created it
            return jdbi.withHandle(h -> new ArticleDao(h).bySource(kind, ref)).orElseThrow(() -> e);
        }
        changed(id);
        return article(id);
    }

    // ---------------------------------------------------------------- saved replies

    /** The viewer's own replies and those of their services (every service for supervisors). */
    public List<SavedReply> accessSavedReplies(Viewer viewer) {
        Access.requireStaff(viewer.staff());
        List<String> mine = Access.canSupervise(viewer.staff())
                ? services.findAll().stream().map(ServiceQueue::slug).toList()
                : viewer.serviceIds().stream().map(id -> services.findById(id).slug()).toList();
        return jdbi.withHandle(h -> new KbDao(h).replies(viewer.id(), mine));
    }

    /** A personal reply ({@code service} null), or a service's (supervisors). */
    public SavedReply doCreateSavedReply(Staff author, String name, String body, String service) {
        Access.requireStaff(author);
        String n = Fields.required("name", name, 40).toLowerCase(Locale.ROOT);
        if (n.startsWith("/")) n = n.substring(1);
        if (!REPLY_NAME.matcher(n).matches()) throw ApiError.invalid("name", "name may use a-z, 0-9, - and _ (up to 40)");
        String text = Fields.required("body", body, MAX_REPLY);
        String slug = Fields.optional("service", service, 63);
        if (slug != null) {
            slug = services.findBySlug(slug).slug();
            Access.requireSupervisor(author, "Only a supervisor can save a reply for a whole service");
        }
        String s = slug;
        String finalName = n;
        Long owner = s == null ? author.id() : null;
        long id = jdbi.inTransaction(h -> {
            KbDao dao = new KbDao(h);
            if (dao.replyNameTaken(finalName, s, owner)) throw ApiError.conflict("name_taken", "A saved reply is already called /" + finalName);
            return dao.insertReply(finalName, text, s, owner, author.id());
        });
        return jdbi.withHandle(h -> new KbDao(h).reply(id)).orElseThrow();
    }

    public void doDeleteSavedReply(Staff actor, long id) {
        SavedReply r = jdbi.withHandle(h -> new KbDao(h).reply(id)).orElseThrow(() -> ApiError.notFound("Saved reply"));
        if (r.personal() ? r.ownerId() != actor.id() : !Access.canPublishArticles(actor)) {
            throw ApiError.forbidden("You cannot delete this saved reply");
        }
        jdbi.useHandle(h -> new KbDao(h).deleteReply(id));
    }

    // ---------------------------------------------------------------- synonyms

    /** The synonym groups of a language: what staff saved, else the shipped defaults. */
    public String accessSynonyms(Staff viewer, String lang) {
        Access.requireStaff(viewer);
        return synonyms(validLang(lang));
    }

    public void doSaveSynonyms(Staff editor, String lang, String rules) {
        Access.requireSupervisor(editor, "Only a supervisor can change the synonyms");
        String l = validLang(lang);
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

    private String synonyms(String lang) {
        return jdbi.withHandle(h -> new KbDao(h).synonyms(lang)).orElseGet(() -> defaultSynonyms(lang));
    }

    /** The synonym groups shipped with Guichet. */
    public static String defaultSynonyms(String lang) {
        return resource("/kb/synonyms_" + lang + ".txt");
    }

    private Analyzers loadAnalyzers() {
        return new Analyzers(synonyms("fr"), synonyms("en"));
    }

    // ---------------------------------------------------------------- the index

    private void changed(long id) {
        bus.publish(new ArticleChanged(id)); // this node's index first, then the others
    }

    private void reindex(long id) {
        Optional<Article> a = jdbi.withHandle(h -> new ArticleDao(h).find(id));
        if (a.isPresent() && a.get().published()) index.put(doc(a.get()));
        else index.remove(id);
    }

    /** Every published article, from PostgreSQL. */
    public void rebuildIndex() {
        index.replaceAll(jdbi.withHandle(h -> new ArticleDao(h).published()).stream().map(KbService::doc).toList());
    }

    static SearchIndex.Doc doc(Article a) {
        return new SearchIndex.Doc(a.id(), a.lang(), a.slug(), a.title(), Markdown.text(a.body()), a.tags(), a.service());
    }

    // ---------------------------------------------------------------- demo data

    /** On first start with demo data: the sample cégep's articles, published, with their translations linked. */
    /** The demo cégep's articles, through {@link #doCreateArticle} as the system actor. */
    public void doSeedDemoArticles(Staff actor) {
        Map<String, Long> ids = new LinkedHashMap<>();
        for (SampleArticles.Sample s : SampleArticles.load()) {
            String service = services.findAll().stream().anyMatch(q -> q.slug().equals(s.service())) ? s.service() : null;
            Long original = s.translationOf() == null ? null : ids.get(s.translationOf());
            ids.put(s.key(), doCreateArticle(actor, new ArticleInput(s.title(), s.body(), s.lang(), "published", service, s.tags(), original)).id());
        }
    }

    // ---------------------------------------------------------------- helpers

    static String validLang(String lang) {
        if (!"fr".equals(lang) && !"en".equals(lang)) throw ApiError.invalid("lang", "lang must be fr or en");
        return lang;
    }

    /** The title as a URL word list: no accents, lower case, dashes. */
    static String slug(String title) {
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        String s = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("(^-+|-+$)", "");
        if (s.length() > 80) s = s.substring(0, 80).replaceAll("-[^-]*$", "");
        return s.isEmpty() ? "article" : s;
    }

    static String resource(String path) {
        try (InputStream in = KbService.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("Missing resource " + path);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        index.close();
    }
}
