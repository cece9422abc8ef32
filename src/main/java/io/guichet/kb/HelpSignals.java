package io.guichet.kb;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Message;
import io.guichet.kb.internal.ArticleDao;
import io.guichet.kb.internal.KbDao;
import io.guichet.kb.internal.SearchIndex;
import io.guichet.kb.internal.Texts;
import io.guichet.platform.web.ApiError;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the help centre learns from the people it serves: searches and widget questions nothing
 * answers well (the gaps report), what the widget's visitors opened (deflection), and the articles
 * that may answer a visitor's messages, for the agent replying. Searches go through {@link KbService}'s index.
 */
public final class HelpSignals {
    private static final Pattern VISITOR_KEY = Pattern.compile("[A-Za-z0-9-]{8,64}");

    private final Jdbi jdbi;
    private final KbService kb;
    private final ConversationService conversations;
    private final Clock clock;

    public HelpSignals(Jdbi jdbi, KbService kb, ConversationService conversations, Clock clock) {
        this.jdbi = jdbi;
        this.kb = kb;
        this.conversations = conversations;
        this.clock = clock;
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
        List<SearchResult> found = kb.matches(text.toString(), "en".equals(c.lang()) ? "en" : "fr", 3);
        return found.stream().filter(r -> r.score() >= found.getFirst().score() / 2).toList(); // only the close runners-up
    }

    /** A search someone submitted in the help centre: kept for the gaps report when nothing good answers it. */
    public void doRecordSearch(String query, String lang) {
        recordIfUnanswered(query, lang, "search");
    }

    private void recordIfUnanswered(String query, String lang, String source) {
        if (query == null || query.isBlank()) return;
        String q = query.strip();
        if (q.length() > 2 * KbService.MAX_QUERY) q = q.substring(0, 2 * KbService.MAX_QUERY);
        String l = Texts.validLang(lang);
        if (kb.answers(q, l)) return;
        String question = q;
        String terms = String.join(" ", SearchIndex.termSet(q, l));
        jdbi.useHandle(h -> new KbDao(h).insertGap(l, question, terms, source));
    }

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
            if (articleId == null || kb.findPublished(articleId).isEmpty()) throw ApiError.invalid("articleId", "articleId is not a published article");
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
     * The articles readers said did not help in the last days, most "Non" first, with what they said was
     * missing (each reason counted, the latest comments).
     */
    public List<Unhelpful> accessUnhelpful(Staff viewer, int days) {
        Access.requireStaff(viewer);
        List<ArticleDao.UnhelpfulVote> votes = jdbi.withHandle(h -> new ArticleDao(h).unhelpfulSince(clock.instant().minus(Duration.ofDays(days)), 5_000));
        Map<Long, List<ArticleDao.UnhelpfulVote>> byArticle = new LinkedHashMap<>();
        for (ArticleDao.UnhelpfulVote v : votes) byArticle.computeIfAbsent(v.articleId(), id -> new ArrayList<>()).add(v);
        return byArticle.values().stream().map(vs -> {
                    ArticleDao.UnhelpfulVote first = vs.getFirst();
                    Map<String, Integer> reasons = new LinkedHashMap<>();
                    for (String r : KbService.VOTE_REASONS) {
                        int n = (int) vs.stream().filter(v -> r.equals(v.reason())).count();
                        if (n > 0) reasons.put(r, n);
                    }
                    List<String> comments = vs.stream().map(ArticleDao.UnhelpfulVote::comment).filter(c -> c != null).limit(3).toList();
                    return new Unhelpful(first.articleId(), first.title(), first.lang(), vs.size(), first.helpfulYes(), first.helpfulNo(),
                            reasons, comments, first.votedAt());
                })
                .sorted(Comparator.comparingInt(Unhelpful::noInPeriod).reversed().thenComparing(Unhelpful::lastSeen, Comparator.reverseOrder()))
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
}
