package io.guichet.live;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Origin;
import io.guichet.kb.Article;
import io.guichet.kb.KbService;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.guichet.live.LiveSession.Phase;
import io.guichet.live.internal.QuestionDao;
import io.guichet.live.internal.TimelineEntries;
import io.guichet.live.internal.VoteBatcher;
import io.guichet.live.internal.WordFilter;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The questions of live sessions: visitors ask (public to the wall, private to a service's inbox) and
 * vote; moderators approve, edit, merge, answer and dismiss; an answered question can become a
 * help-centre draft. Every write is acknowledged once committed; its notice goes to the bus after the
 * commit, and vote counts are coalesced by a {@link VoteBatcher}.
 */
public final class LiveQuestionService implements AutoCloseable, io.guichet.people.PersonalData {
    public static final int MIN_QUESTION = 3;
    public static final int MAX_QUESTION = 500;
    public static final int MAX_ANSWER = 2_000;
    private static final int MAX_CLIENT_ID = 80;
    private static final int WALL_LIMIT = 500;

    private final Jdbi jdbi;
    private final Bus bus;
    private final LiveSessionService sessions;
    private final ServiceCatalogue services;
    private final ConversationService conversations;
    private final KbService kb;
    private final PeopleService people;
    private final java.time.Clock clock;
    private final WordFilter words = new WordFilter();
    private final VoteBatcher votes;

    public LiveQuestionService(Jdbi jdbi, Bus bus, LiveSessionService sessions, ServiceCatalogue services,
                               ConversationService conversations, KbService kb, PeopleService people, java.time.Clock clock) {
        this.people = people;
        this.clock = clock;
        this.jdbi = jdbi;
        this.bus = bus;
        this.sessions = sessions;
        this.services = services;
        this.conversations = conversations;
        this.kb = kb;
        this.votes = new VoteBatcher(jdbi, bus);
    }

    /** The result of asking: {@code duplicate} when the client id had been seen and nothing new was stored. */
    public record Asked(Question question, boolean duplicate) {
    }

    /**
     * A visitor's question. Before the start it is an advance question; after the end, 409. A public
     * question is published at once under post-moderation unless it holds a blocked word; a private one
     * becomes an inbox conversation of the chosen service, tagged with the session.
     */
    public Asked doAsk(Contact visitor, String slug, String body, String visibility, String serviceSlug, String clientId,
                       String authorName) {
        LiveSession s = sessions.findSession(slug);
        String text = validQuestion(body);
        String cid = Fields.required("clientId", clientId, MAX_CLIENT_ID);
        Question.Visibility vis = switch (visibility == null ? "public" : visibility) {
            case "public" -> Question.Visibility.PUBLIC;
            case "private" -> Question.Visibility.PRIVATE;
            default -> throw ApiError.invalid("visibility", "visibility must be public or private");
        };
        String name = Fields.optional("name", authorName, 80);
        if (name == null && !s.allowAnonymous()) {
            name = visitor.name();
            if (name == null) throw ApiError.invalid("name", "This session does not take anonymous questions: give a name");
        }
        Phase phase = sessions.phase(s);
        if (phase == Phase.ENDED) throw ApiError.conflict("ended", "This session has ended: it takes no more questions");
        Optional<Question> earlier = jdbi.withHandle(h -> new QuestionDao(h).byClientId(s.id(), visitor.id(), cid));
        if (earlier.isPresent()) return new Asked(earlier.get(), true);

        ServiceQueue service = serviceOf(s, serviceSlug, vis == Question.Visibility.PRIVATE);
        Long serviceId = service == null ? null : service.id();
        Long conversationId = null;
        Question.Status status;
        String held = null;
        if (vis == Question.Visibility.PRIVATE) {
            // The inbox is idempotent on its client id too, so a retry after a crash here finds the same conversation.
            conversationId = conversations.doStartConversation(visitor, service.slug(), text, "live-" + s.id() + "-" + cid, new Origin(Origin.LIVE, s.slug()))
                    .conversation().id();
            status = Question.Status.PRIVATE;
        } else {
            held = words.firstBlocked(text, s.blocklist()).map(w -> "blocklist").orElse(null);
            status = s.preModeration() || held != null ? Question.Status.PENDING : Question.Status.PUBLISHED;
        }
        var row = new QuestionDao.NewQuestion(s.id(), visitor.id(), cid, vis, serviceId, name, text, status, held,
                phase == Phase.UPCOMING, conversationId);
        Optional<Question> created = jdbi.inTransaction(h -> {
            Optional<Question> q = new QuestionDao(h).insertIfNew(row);
            q.ifPresent(x -> people.doRecord(h, TimelineEntries.asked(clock.instant(), s, x)));
            return q;
        });
        if (created.isEmpty()) {
            return new Asked(jdbi.withHandle(h -> new QuestionDao(h).byClientId(s.id(), visitor.id(), cid)).orElseThrow(), true);
        }
        announce(created.get());
        return new Asked(created.get(), false);
    }

    private ServiceQueue serviceOf(LiveSession s, String serviceSlug, boolean required) {
        if (serviceSlug == null || serviceSlug.isBlank()) {
            if (required) throw ApiError.invalid("service", "Choose the service that should answer this private question");
            return null;
        }
        ServiceQueue service = services.findBySlug(serviceSlug.strip());
        if (!s.serviceIds().contains(service.id())) {
            throw new ApiError(422, "unknown_service", "The service " + service.slug() + " does not take part in this session");
        }
        return service;
    }

    /** Upvotes (or withdraws the vote on) a question of the wall; idempotent. 404 unless it is on the wall. */
    public Question doVote(Contact visitor, String slug, long questionId, boolean up) {
        LiveSession s = sessions.findSession(slug);
        Phase phase = sessions.phase(s);
        if (phase == Phase.UPCOMING) throw ApiError.conflict("not_started", "Voting opens when the session starts");
        if (phase == Phase.ENDED) throw ApiError.conflict("ended", "This session has ended");
        Voted voted = jdbi.inTransaction(h -> {
            QuestionDao dao = new QuestionDao(h);
            Question q = dao.find(questionId).filter(x -> x.sessionId() == s.id() && x.onWall())
                    .orElseThrow(() -> ApiError.notFound("Question"));
            return dao.vote(q.id(), visitor.id(), up)
                    .map(count -> new Voted(q.withVotes(count.votes(), count.rev()), true))
                    .orElse(new Voted(q, false));
        });
        if (voted.changed()) votes.changed(voted.question().id());
        return voted.question();
    }

    private record Voted(Question question, boolean changed) {
    }

    /** The public wall: published questions, top-voted or newest first; after the end, the answered ones. */
    public List<Question> findWall(String slug, boolean byVotes) {
        LiveSession s = sessions.findSession(slug);
        boolean ended = sessions.phase(s) == Phase.ENDED;
        return jdbi.withHandle(h -> new QuestionDao(h).wall(s.id(), byVotes, ended, WALL_LIMIT));
    }

    /** What one visitor asked in the session (any status) and the questions they voted for. */
    public record Mine(List<Question> questions, List<Long> voted) {
    }

    public Mine accessMine(Contact visitor, String slug) {
        LiveSession s = sessions.findSession(slug);
        List<Long> ids = people.findMergedContactIds(visitor.id()); // what they asked before a merge is theirs too
        return jdbi.withHandle(h -> new Mine(new QuestionDao(h).ofContacts(s.id(), ids), new QuestionDao(h).votedBy(s.id(), ids)));
    }

    // ---------------------------------------------------------------- moderation (staff)

    /** Every question of the session, oldest first, for its moderators. */
    public List<Question> accessQuestions(Staff viewer, String slug) {
        Access.requireLiveModerator(viewer);
        LiveSession s = sessions.findSession(slug);
        return jdbi.withHandle(h -> new QuestionDao(h).all(s.id()));
    }

    /** For delivering notices: no viewer check, the caller decides who sees what. */
    public Optional<Question> findQuestionForDelivery(long id) {
        return jdbi.withHandle(h -> new QuestionDao(h).find(id));
    }

    public Question doApprove(Staff actor, String slug, long questionId) {
        return moderate(actor, slug, questionId, (h, q) -> {
            if (q.status() != Question.Status.PENDING) return;
            new QuestionDao(h).setStatus(q.id(), Question.Status.PUBLISHED);
        });
    }

    public Question doDismiss(Staff actor, String slug, long questionId) {
        Question q = moderate(actor, slug, questionId, (h, x) -> new QuestionDao(h).setStatus(x.id(), Question.Status.DISMISSED));
        sessions.clearHighlight(slug, questionId);
        return q;
    }

    /** "Approve all": every pending question goes on the wall at once; how many did. */
    public int doApproveAll(Staff actor, String slug) {
        Access.requireLiveModerator(actor);
        LiveSession s = sessions.findSession(slug);
        List<Long> ids = jdbi.inTransaction(h -> new QuestionDao(h).publishPending(s.id()));
        ids.forEach(id -> bus.publish(new QuestionChanged(s.id(), id)));
        return ids.size();
    }

    /**
     * Undoes a dismissal: the question returns to the wall if it had been published, else to the questions
     * waiting for moderation. 409 unless it is dismissed.
     */
    public Question doRestore(Staff actor, String slug, long questionId) {
        return change(actor, slug, questionId, q -> q.status() == Question.Status.DISMISSED, (h, q) -> new QuestionDao(h).restore(q.id()));
    }

    public Question doEdit(Staff actor, String slug, long questionId, String body) {
        String text = validQuestion(body);
        return moderate(actor, slug, questionId, (h, q) -> {
            if (!text.equals(q.body())) new QuestionDao(h).edit(q.id(), text);
        });
    }

    /** Writes (or rewrites) the public answer; answering a pending question publishes it. */
    public Question doAnswer(Staff actor, String slug, long questionId, String answer) {
        String text = Fields.requiredText("body", answer, MAX_ANSWER);
        return moderate(actor, slug, questionId, (h, q) -> {
            new QuestionDao(h).answer(q.id(), text, actor.id());
            // Told once: rewording the answer later is not something else that happened with the person.
            if (!q.answered()) people.doRecord(h, TimelineEntries.answered(clock.instant(), sessions.findSession(slug), q, actor.id()));
        });
    }

    /** Merges a duplicate into the question kept: the voters of both count once each on the kept one. */
    public Question doMerge(Staff actor, String slug, long duplicateId, long keptId) {
        if (duplicateId == keptId) throw ApiError.invalid("into", "A question cannot be merged into itself");
        LiveSession s = sessions.findSession(slug);
        Access.requireLiveModerator(actor);
        Question kept = jdbi.inTransaction(h -> {
            QuestionDao dao = new QuestionDao(h);
            // Lock both rows in id order, so two merges of the same pair never deadlock.
            Map<Long, Question> locked = new HashMap<>();
            for (long id : List.of(Math.min(duplicateId, keptId), Math.max(duplicateId, keptId))) {
                locked.put(id, dao.lock(s.id(), id).filter(q -> q.visibility() == Question.Visibility.PUBLIC)
                        .orElseThrow(() -> ApiError.notFound("Question")));
            }
            if (!locked.get(duplicateId).moderatable() || !locked.get(keptId).moderatable()) {
                throw ApiError.conflict("conflict", "Only pending or published questions can be merged");
            }
            dao.merge(duplicateId, keptId);
            return dao.find(keptId).orElseThrow();
        });
        sessions.clearHighlight(slug, duplicateId);
        announce(findQuestionForDelivery(duplicateId).orElseThrow());
        announce(kept);
        return kept;
    }

    private interface QuestionChange {
        void apply(Handle h, Question locked);
    }

    /** Moderators change a pending or published public question of this session; others are 404 or 409. */
    private Question moderate(Staff actor, String slug, long questionId, QuestionChange change) {
        return change(actor, slug, questionId, Question::moderatable, change);
    }

    /** A public question of this session, locked, changed if {@code allowed} (else 409), announced after the commit. */
    private Question change(Staff actor, String slug, long questionId, java.util.function.Predicate<Question> allowed,
                            QuestionChange change) {
        Access.requireLiveModerator(actor);
        LiveSession s = sessions.findSession(slug);
        Question after = jdbi.inTransaction(h -> {
            QuestionDao dao = new QuestionDao(h);
            Question q = dao.lock(s.id(), questionId).filter(x -> x.visibility() == Question.Visibility.PUBLIC)
                    .orElseThrow(() -> ApiError.notFound("Question"));
            if (!allowed.test(q)) throw ApiError.conflict("conflict", "This question was " + q.status().code());
            change.apply(h, q);
            return dao.find(q.id()).orElseThrow();
        });
        announce(after);
        return after;
    }

    private void announce(Question q) {
        bus.publish(new QuestionChanged(q.sessionId(), q.id()));
    }

    /** "Make an article" from a question with a written public answer: a help-centre draft linked to it. */
    public Article doDraftArticle(Staff staff, String slug, long questionId) {
        Question q = accessQuestions(staff, slug).stream().filter(x -> x.id() == questionId).findFirst()
                .orElseThrow(() -> ApiError.notFound("Question"));
        if (q.answer() == null) throw ApiError.conflict("not_answered", "Answer the question first");
        String service = q.serviceId() == null ? null : services.findById(q.serviceId()).slug();
        LiveSession s = sessions.findSession(slug);
        return kb.doDraftFromSource(staff, "live", slug + "/" + q.id(), q.body(), q.answer(), staff.lang(), service,
                (h, articleId) -> people.doRecord(h, TimelineEntries.articleDrafted(clock.instant(), s, q, articleId, staff.id())));
    }

    private static String validQuestion(String body) {
        if (body == null || body.isBlank()) throw ApiError.invalid("body", "The question is empty");
        String text = body.strip();
        int length = text.codePointCount(0, text.length());
        if (length < MIN_QUESTION) throw ApiError.invalid("body", "The question is shorter than " + MIN_QUESTION + " characters");
        if (length > MAX_QUESTION) throw ApiError.invalid("body", "The question is longer than " + MAX_QUESTION + " characters");
        return text;
    }

    @Override
    public void close() {
        votes.close();
    }

    // ---------------------------------------------------------------- personal data (people's export and erasure)

    @Override
    public String module() {
        return "live";
    }

    /** The contact's questions, with the session's title. */
    @Override
    public String exportJson(org.jdbi.v3.core.Handle h, long contactId) {
        return new QuestionDao(h).personalDataJson(contactId);
    }

    /** Kept: questions stay without the name the asker gave; deleted: they go. Votes go either way (the counts stay). */
    @Override
    public void erase(org.jdbi.v3.core.Handle h, long contactId, Erasure mode) {
        new QuestionDao(h).eraseOfContact(contactId, mode == Erasure.DELETE);
    }
}
