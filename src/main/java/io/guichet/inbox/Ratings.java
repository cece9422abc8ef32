package io.guichet.inbox;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.inbox.internal.RatingDao;
import io.guichet.people.Contact;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The visitor's rating of their conversation once it is resolved (1 to 5, and a comment if they want), shown to
 * whoever reads the conversation and counted for supervisors.
 */
public final class Ratings {
    public static final int MAX_COMMENT = 1_000;

    /** A rating form's score: 1 to 5, else 0 (nothing chosen): the form answers what it can read. */
    public static int formScore(String raw) {
        if (raw == null || raw.length() != 1 || raw.charAt(0) < '1' || raw.charAt(0) > '5') return 0;
        return raw.charAt(0) - '0';
    }

    private final Jdbi jdbi;
    private final ConversationService conversations;

    public Ratings(Jdbi jdbi, ConversationService conversations) {
        this.jdbi = jdbi;
        this.conversations = conversations;
    }

    /** The visitor rates their resolved conversation, once: 409 {@code already_rated} after (the first rating stays). */
    public Rating doRate(Contact visitor, long conversationId, Integer score, String comment) {
        return rate(conversations.accessVisitorConversation(visitor, conversationId), score, comment);
    }

    /** The same, from the page of the mailed link: whoever holds the signed link is the visitor (see {@link RatingRequests}). */
    Rating rate(Conversation c, Integer score, String comment) {
        if (score == null || score < 1 || score > 5) throw ApiError.invalid("score", "score must be a whole number from 1 to 5");
        String text = Fields.optionalText("comment", comment, MAX_COMMENT);
        if (c.status() != Conversation.Status.RESOLVED) throw ApiError.conflict("not_resolved", "A conversation is rated once it is resolved");
        Rating rating = jdbi.withHandle(h -> new RatingDao(h).insertOnce(c.id(), score, text))
                .orElseThrow(() -> ApiError.conflict("already_rated", "This conversation was already rated"));
        conversations.announceRated(c);
        return rating;
    }

    /**
     * The visitor's rating, if any. The widget reads it to draw the rating form once the conversation is resolved:
     * from then on the visitor was asked in the widget, and no mail asks them again.
     */
    public Optional<Rating> accessVisitorRating(Contact visitor, long conversationId) {
        Conversation c = conversations.accessVisitorConversation(visitor, conversationId);
        return jdbi.withHandle(h -> {
            RatingDao dao = new RatingDao(h);
            Optional<Rating> rating = dao.find(c.id());
            if (rating.isEmpty() && c.status() == Conversation.Status.RESOLVED) dao.markAsked(c.id(), "widget");
            return rating;
        });
    }

    /** How the visitor was asked for a rating ({@code widget}, {@code mail}, {@code none}), if they were. */
    public Optional<String> findAskedWay(long conversationId) {
        return jdbi.withHandle(h -> new RatingDao(h).askedWay(conversationId));
    }

    Optional<Rating> findRating(long conversationId) {
        return jdbi.withHandle(h -> new RatingDao(h).find(conversationId));
    }

    public Optional<Rating> accessRating(Viewer viewer, long conversationId) {
        Conversation c = conversations.accessConversation(viewer, conversationId);
        return jdbi.withHandle(h -> new RatingDao(h).find(c.id()));
    }

    /** One service's ratings in a period: how many of each score (index 0 is score 1) and their mean. */
    public record ServiceRatings(long serviceId, long[] byScore) {
        public long rated() {
            long n = 0;
            for (long c : byScore) n += c;
            return n;
        }

        public double average() {
            long sum = 0;
            for (int i = 0; i < byScore.length; i++) sum += (i + 1) * byScore[i];
            return rated() == 0 ? 0 : (double) sum / rated();
        }
    }

    /** The ratings given in [from, until), per service (services with none are left out); supervisors. */
    public List<ServiceRatings> accessReport(Staff viewer, Instant from, Instant until) {
        Access.requireSupervisor(viewer, "Only a supervisor can read the reports");
        Map<Long, long[]> per = new LinkedHashMap<>();
        for (RatingDao.Count c : jdbi.withHandle(h -> new RatingDao(h).counts(from, until))) {
            per.computeIfAbsent(c.serviceId(), id -> new long[5])[c.score() - 1] = c.count();
        }
        return per.entrySet().stream().map(e -> new ServiceRatings(e.getKey(), e.getValue())).toList();
    }

    /** One group of ratings (index 0 of {@code byScore} is score 1): {@code kind} service, agent, day, channel or total. */
    public record Group(String kind, String key, long[] byScore) {
        public long rated() {
            long n = 0;
            for (long c : byScore) n += c;
            return n;
        }

        public double average() {
            long sum = 0;
            for (int i = 0; i < byScore.length; i++) sum += (i + 1) * byScore[i];
            return rated() == 0 ? 0 : (double) sum / rated();
        }
    }

    /**
     * The ratings given in [from, until) per service, per agent (only for a reader of agents' figures), per day of
     * {@code zone} and per channel, and in all; one query. Leads and administrators.
     */
    public List<Group> accessSatisfaction(Staff viewer, Instant from, Instant until, Long serviceId, java.time.ZoneId zone) {
        Access.requireReportReader(viewer);
        boolean agents = Access.canReadAgentFigures(viewer);
        Map<String, Group> groups = new LinkedHashMap<>();
        for (RatingDao.Grouped g : jdbi.withHandle(h -> new RatingDao(h).grouped(from, until, serviceId, zone.getId()))) {
            if (g.kind().equals("agent") && !agents) continue;
            groups.computeIfAbsent(g.kind() + ":" + (g.key() == null ? "" : g.key()), k -> new Group(g.kind(), g.key(), new long[5]))
                    .byScore()[g.score() - 1] = g.count();
        }
        return List.copyOf(groups.values());
    }

    /** A rating's comment for the results page: where, who answered (null for a reader of no agents' figures), what. */
    public record Comment(long conversationId, long serviceId, Long assigneeId, String channel, int score, String comment, Instant ratedAt) {
    }

    /** The comments given in [from, until), newest first, {@code limit} from {@code offset}. */
    public List<Comment> accessComments(Staff viewer, Instant from, Instant until, Long serviceId, int offset, int limit) {
        Access.requireReportReader(viewer);
        boolean agents = Access.canReadAgentFigures(viewer);
        return jdbi.withHandle(h -> new RatingDao(h).comments(from, until, serviceId, offset, limit)).stream()
                .map(c -> new Comment(c.conversationId(), c.serviceId(), agents ? c.assigneeId() : null, c.channel(), c.score(), c.comment(), c.ratedAt()))
                .toList();
    }
}
