package io.guichet.live;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Origin;
import io.guichet.kb.Article;
import io.guichet.kb.KbService;
import io.guichet.services.ServiceCatalogue;
import io.guichet.inbox.Message;
import io.guichet.services.ServiceQueue;
import io.guichet.live.LiveSession.Phase;
import io.guichet.live.internal.QuestionDao;
import io.guichet.live.internal.SessionDao;
import io.guichet.live.internal.VoteBatcher;
import io.guichet.live.internal.WordFilter;
import io.guichet.people.Contact;
import io.guichet.platform.ShortLivedCache;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/*
 * Over 300 lines on purpose, for now: sessions, asking, moderation and figures share the session
 * cache and the vote batcher this class owns. Splitting moderation and figures into their own classes
 * (as the inbox was split) is planned.
 */
/**
 * Live Q&A sessions: scheduling, questions (public to the wall, private to the inbox), votes, moderation
 * and figures. Every write is acknowledged once committed; its notice goes to the bus after the commit,
 * and vote counts are coalesced by a {@link VoteBatcher}.
 */
public final class LiveService implements AutoCloseable {
    public static final int MIN_QUESTION = 3;
    public static final int MAX_QUESTION = 500;
    public static final int MAX_ANSWER = 2_000;
    private static final int MAX_CLIENT_ID = 80;
    private static final int WALL_LIMIT = 500;

    private final Jdbi jdbi;
    private final Bus bus;
    private final Clock clock;
    private final ZoneId zone;
    private final ServiceCatalogue services;
    private final KbService kb;
    private final ConversationService conversations;
    private final WordFilter words = new WordFilter();
    private final VoteBatcher votes;
    /** Every ask, vote and wall read names its session: kept for seconds, evicted on every change on any node. */
    private final ShortLivedCache<String, LiveSession> sessions;

    public LiveService(Jdbi jdbi, Bus bus, Clock clock, ZoneId zone, ServiceCatalogue services, ConversationService conversations,
                       KbService kb) {
        this.kb = kb;
        this.jdbi = jdbi;
        this.bus = bus;
        this.clock = clock;
        this.zone = zone;
        this.services = services;
        this.conversations = conversations;
        this.votes = new VoteBatcher(jdbi, bus);
        this.sessions = new ShortLivedCache<>(clock, 5_000, 1_000);
        bus.subscribe(SessionChanged.class, n -> sessions.removeIf(s -> s.id() == n.sessionId()));
    }

    /** What staff give to create or change a session; times are instants (forms convert from the institution's zone). */
    public record SessionForm(String slug, String titleFr, String titleEn, String descriptionFr, String descriptionEn,
                              Instant startsAt, Instant endsAt, boolean preModeration, boolean allowAnonymous,
                              List<String> blocklist, List<String> services) {
    }

    /** The result of asking: {@code duplicate} when the client id had been seen and nothing new was stored. */
    public record Asked(Question question, boolean duplicate) {
    }

    public Phase phase(LiveSession s) {
        return s.phase(clock.instant());
    }

    // ---------------------------------------------------------------- sessions (staff)

    public LiveSession doCreateSession(Staff actor, SessionForm form) {
        Access.requireLiveModerator(actor);
        String slug = Fields.required("slug", form.slug(), 63);
        if (!slug.matches("[a-z0-9][a-z0-9-]*")) throw ApiError.invalid("slug", "slug may use only a-z, 0-9 and -");
        SessionDao.Fields fields = validFields(slug, form);
        long id = jdbi.inTransaction(h -> {
            SessionDao dao = new SessionDao(h);
            if (dao.slugTaken(slug)) throw ApiError.conflict("slug_taken", "A live session already uses the slug " + slug);
            return dao.insert(fields, actor.id());
        });
        return jdbi.withHandle(h -> new SessionDao(h).find(id)).orElseThrow();
    }

    public LiveSession doUpdateSession(Staff actor, String slug, SessionForm form) {
        Access.requireLiveModerator(actor);
        LiveSession s = accessSession(slug);
        SessionDao.Fields fields = validFields(s.slug(), form);
        jdbi.useTransaction(h -> new SessionDao(h).update(s.id(), fields));
        sessions.remove(slug);
        bus.publish(new SessionChanged(s.id()));
        return accessSession(slug);
    }

    private SessionDao.Fields validFields(String slug, SessionForm f) {
        String titleFr = Fields.required("titleFr", f.titleFr(), 120);
        String titleEn = Fields.required("titleEn", f.titleEn(), 120);
        String descFr = Objects.requireNonNullElse(Fields.optional("descriptionFr", f.descriptionFr(), 2_000), "");
        String descEn = Objects.requireNonNullElse(Fields.optional("descriptionEn", f.descriptionEn(), 2_000), "");
        if (f.startsAt() == null) throw ApiError.invalid("startsAt", "startsAt is required");
        if (f.endsAt() == null) throw ApiError.invalid("endsAt", "endsAt is required");
        if (!f.endsAt().isAfter(f.startsAt())) throw ApiError.invalid("endsAt", "endsAt must be after startsAt");
        if (Duration.between(f.startsAt(), f.endsAt()).toHours() > 72) throw ApiError.invalid("endsAt", "A session lasts at most 72 hours");
        List<Long> serviceIds = f.services() == null ? List.of()
                : f.services().stream().map(s -> services.findBySlug(s).id()).distinct().toList();
        LinkedHashSet<String> blocklist = new LinkedHashSet<>();
        for (String word : f.blocklist() == null ? List.<String>of() : f.blocklist()) {
            String w = Fields.optional("blocklist", word, 60);
            if (w != null) blocklist.add(w);
        }
        if (blocklist.size() > 500) throw ApiError.invalid("blocklist", "The blocklist holds at most 500 words");
        return new SessionDao.Fields(slug, titleFr, titleEn, descFr, descEn, f.startsAt(), f.endsAt(), f.preModeration(),
                f.allowAnonymous(), List.copyOf(blocklist), serviceIds);
    }

    public List<LiveSession> accessSessions(Staff viewer) {
        Access.requireStaff(viewer);
        return jdbi.withHandle(h -> new SessionDao(h).all());
    }

    /** Public: anyone may read a session by its slug. */
    public LiveSession accessSession(String slug) {
        if (slug == null || slug.length() > 63) throw ApiError.notFound("Live session");
        return sessions.get(slug, key -> jdbi.withHandle(h -> new SessionDao(h).bySlug(key)))
                .orElseThrow(() -> ApiError.notFound("Live session"));
    }

    /** For delivering notices: no viewer check. */
    public Optional<LiveSession> sessionForDelivery(long id) {
        return jdbi.withHandle(h -> new SessionDao(h).find(id));
    }

    /** Starts the session now; starting a live session again changes nothing, an ended one cannot restart (409). */
    public LiveSession doStart(Staff actor, String slug) {
        return changeSession(actor, slug, (h, s) -> {
            Phase phase = phase(s);
            if (phase == Phase.ENDED) throw ApiError.conflict("ended", "This session has ended");
            if (s.startedAt() != null) return false;
            new SessionDao(h).markStarted(s.id());
            return true;
        });
    }

    /** Ends the session now (even before its start, which cancels it); ending again changes nothing. */
    public LiveSession doEnd(Staff actor, String slug) {
        return changeSession(actor, slug, (h, s) -> {
            if (s.endedAt() != null) return false;
            new SessionDao(h).markEnded(s.id());
            return true;
        });
    }

    private interface SessionChange {
        boolean apply(Handle h, LiveSession locked);
    }

    private LiveSession changeSession(Staff actor, String slug, SessionChange change) {
        Access.requireLiveModerator(actor);
        boolean changed = jdbi.inTransaction(h -> {
            LiveSession s = new SessionDao(h).lockBySlug(slug).orElseThrow(() -> ApiError.notFound("Live session"));
            return change.apply(h, s);
        });
        if (changed) sessions.remove(slug);
        LiveSession after = accessSession(slug);
        if (changed) bus.publish(new SessionChanged(after.id()));
        return after;
    }

    public void doRecordPeakViewers(long sessionId, int viewers) {
        jdbi.useHandle(h -> new SessionDao(h).recordPeakViewers(sessionId, viewers));
    }

    // ---------------------------------------------------------------- the public

    /**
     * A visitor's question. Before the start it is an advance question; after the end, 409. A public
     * question is published at once under post-moderation unless it holds a blocked word; a private one
     * becomes an inbox conversation of the chosen service, tagged with the session.
     */
    public Asked doAsk(Contact visitor, String slug, String body, String visibility, String serviceSlug, String clientId,
                       String authorName) {
        LiveSession s = accessSession(slug);
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
        Phase phase = phase(s);
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
        Optional<Question> created = jdbi.inTransaction(h -> new QuestionDao(h).insertIfNew(row));
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
        LiveSession s = accessSession(slug);
        Phase phase = phase(s);
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
    public List<Question> accessWall(String slug, boolean byVotes) {
        LiveSession s = accessSession(slug);
        boolean ended = phase(s) == Phase.ENDED;
        return jdbi.withHandle(h -> new QuestionDao(h).wall(s.id(), byVotes, ended, WALL_LIMIT));
    }

    /** What one visitor asked in the session (any status) and the questions they voted for. */
    public record Mine(List<Question> questions, List<Long> voted) {
    }

    public Mine accessMine(Contact visitor, String slug) {
        LiveSession s = accessSession(slug);
        return jdbi.withHandle(h -> new Mine(new QuestionDao(h).ofContact(s.id(), visitor.id()),
                new QuestionDao(h).votedBy(s.id(), visitor.id())));
    }

    // ---------------------------------------------------------------- moderation (staff)

    /** Every question of the session, oldest first, for its moderators. */
    public List<Question> accessQuestions(Staff viewer, String slug) {
        Access.requireLiveModerator(viewer);
        LiveSession s = accessSession(slug);
        return jdbi.withHandle(h -> new QuestionDao(h).all(s.id()));
    }

    /** For delivering notices: no viewer check, the caller decides who sees what. */
    public Optional<Question> questionForDelivery(long id) {
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
        unhighlight(slug, questionId);
        return q;
    }

    public Question doEdit(Staff actor, String slug, long questionId, String body) {
        String text = validQuestion(body);
        return moderate(actor, slug, questionId, (h, q) -> {
            if (!text.equals(q.body())) new QuestionDao(h).edit(q.id(), text);
        });
    }

    /** Writes (or rewrites) the public answer; answering a pending question publishes it. */
    public Question doAnswer(Staff actor, String slug, long questionId, String answer) {
        String text = Fields.required("body", answer, MAX_ANSWER);
        return moderate(actor, slug, questionId, (h, q) -> new QuestionDao(h).answer(q.id(), text, actor.id()));
    }

    /** Merges a duplicate into the question kept: the voters of both count once each on the kept one. */
    public Question doMerge(Staff actor, String slug, long duplicateId, long keptId) {
        if (duplicateId == keptId) throw ApiError.invalid("into", "A question cannot be merged into itself");
        LiveSession s = accessSession(slug);
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
        unhighlight(slug, duplicateId);
        announce(questionForDelivery(duplicateId).orElseThrow());
        announce(kept);
        return kept;
    }

    /** Shows the question (which must be on the wall) as the one being answered; null clears. */
    public LiveSession doHighlight(Staff actor, String slug, Long questionId) {
        return changeSession(actor, slug, (h, s) -> {
            if (questionId != null) {
                Question q = new QuestionDao(h).find(questionId).filter(x -> x.sessionId() == s.id())
                        .orElseThrow(() -> ApiError.notFound("Question"));
                if (!q.onWall()) throw ApiError.conflict("conflict", "Only a question on the wall can be highlighted");
            }
            if (Objects.equals(s.highlightedQuestionId(), questionId)) return false;
            new SessionDao(h).highlight(s.id(), questionId);
            return true;
        });
    }

    private void unhighlight(String slug, long questionId) {
        LiveSession s = accessSession(slug);
        if (Objects.equals(s.highlightedQuestionId(), questionId)) {
            jdbi.useHandle(h -> new SessionDao(h).highlight(s.id(), null));
            sessions.remove(slug);
            bus.publish(new SessionChanged(s.id()));
        }
    }

    private interface QuestionChange {
        void apply(Handle h, Question locked);
    }

    /** Moderators change a pending or published public question of this session; others are 404 or 409. */
    private Question moderate(Staff actor, String slug, long questionId, QuestionChange change) {
        Access.requireLiveModerator(actor);
        LiveSession s = accessSession(slug);
        Question after = jdbi.inTransaction(h -> {
            QuestionDao dao = new QuestionDao(h);
            Question q = dao.lock(s.id(), questionId).filter(x -> x.visibility() == Question.Visibility.PUBLIC)
                    .orElseThrow(() -> ApiError.notFound("Question"));
            if (!q.moderatable()) throw ApiError.conflict("conflict", "This question was " + q.status().code());
            change.apply(h, q);
            return dao.find(q.id()).orElseThrow();
        });
        announce(after);
        return after;
    }

    private void announce(Question q) {
        bus.publish(new QuestionChanged(q.sessionId(), q.id()));
    }

    // ---------------------------------------------------------------- figures

    public LiveReport.Figures accessFigures(Staff viewer, String slug, int viewers) {
        Access.requireLiveModerator(viewer);
        LiveSession s = accessSession(slug);
        List<Question> questions = jdbi.withHandle(h -> new QuestionDao(h).all(s.id()));
        return figures(s, questions, firstReplies(privateReplies(viewer, s)), viewers);
    }

    public LiveReport.Full accessReport(Staff viewer, String slug) {
        Access.requireLiveModerator(viewer);
        LiveSession s = accessSession(slug);
        List<Question> questions = jdbi.withHandle(h -> new QuestionDao(h).all(s.id()));
        Map<Long, List<Message>> replies = privateReplies(viewer, s);
        TreeMap<ZonedDateTime, Integer> hours = new TreeMap<>();
        for (Question q : questions) {
            hours.merge(q.createdAt().atZone(zone).truncatedTo(java.time.temporal.ChronoUnit.HOURS), 1, Integer::sum);
        }
        List<LiveReport.PerHour> perHour = hours.entrySet().stream()
                .map(e -> new LiveReport.PerHour(e.getKey().toLocalDate().toString(), e.getKey().getHour(), e.getValue())).toList();
        List<Question> topUnanswered = questions.stream().filter(q -> q.onWall() && !q.answered())
                .sorted(Comparator.comparingInt(Question::votes).reversed().thenComparing(Question::createdAt)).limit(10).toList();
        return new LiveReport.Full(s, figures(s, questions, firstReplies(replies), 0), perHour, topUnanswered, questions, replies);
    }

    /** The specialists' replies to the session's private questions, by conversation, oldest first. */
    private Map<Long, List<Message>> privateReplies(Staff viewer, LiveSession s) {
        return conversations.accessRepliesByOrigin(viewer, new Origin(Origin.LIVE, s.slug())).stream()
                .collect(Collectors.groupingBy(Message::conversationId, LinkedHashMap::new, Collectors.toList()));
    }

    private static Map<Long, Instant> firstReplies(Map<Long, List<Message>> replies) {
        Map<Long, Instant> first = new HashMap<>();
        replies.forEach((conversation, list) -> first.put(conversation, list.getFirst().createdAt()));
        return first;
    }

    private LiveReport.Figures figures(LiveSession s, List<Question> questions, Map<Long, Instant> firstReplies, int viewers) {
        List<Question> counted = questions.stream().filter(q -> q.status() != Question.Status.DISMISSED
                && q.status() != Question.Status.MERGED).toList();
        Map<Long, Duration> waits = new HashMap<>();
        for (Question q : counted) {
            Instant answeredAt = q.visibility() == Question.Visibility.PRIVATE ? firstReplies.get(q.conversationId()) : q.answeredAt();
            if (answeredAt != null) waits.put(q.id(), Duration.between(q.createdAt(), answeredAt));
        }
        Map<Long, List<Question>> byService = new LinkedHashMap<>();
        for (Long id : s.serviceIds()) byService.put(id, new ArrayList<>());
        for (Question q : counted) byService.computeIfAbsent(q.serviceId(), k -> new ArrayList<>()).add(q);
        List<LiveReport.PerService> services = byService.entrySet().stream()
                .map(e -> new LiveReport.PerService(e.getKey(), e.getValue().size(),
                        (int) e.getValue().stream().filter(q -> waits.containsKey(q.id())).count(),
                        median(e.getValue().stream().map(q -> waits.get(q.id())).filter(Objects::nonNull).toList())))
                .toList();
        int answered = waits.size();
        return new LiveReport.Figures(viewers, s.peakViewers(), questions.size(),
                (int) questions.stream().filter(q -> q.visibility() == Question.Visibility.PUBLIC).count(),
                (int) questions.stream().filter(q -> q.visibility() == Question.Visibility.PRIVATE).count(),
                (int) questions.stream().filter(q -> q.status() == Question.Status.PENDING).count(),
                answered, counted.isEmpty() ? 0 : Math.round(100f * answered / counted.size()),
                median(List.copyOf(waits.values())), services);
    }

    private static Duration median(List<Duration> values) {
        if (values.isEmpty()) return null;
        List<Duration> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2);
    }

    // ---------------------------------------------------------------- rules

    private static String validQuestion(String body) {
        if (body == null || body.isBlank()) throw ApiError.invalid("body", "The question is empty");
        String text = body.strip();
        int length = text.codePointCount(0, text.length());
        if (length < MIN_QUESTION) throw ApiError.invalid("body", "The question is shorter than " + MIN_QUESTION + " characters");
        if (length > MAX_QUESTION) throw ApiError.invalid("body", "The question is longer than " + MAX_QUESTION + " characters");
        return text;
    }

    /** "Make an article" from a question with a written public answer: a help-centre draft linked to it. */
    public Article doDraftArticle(Staff staff, String slug, long questionId) {
        Question q = accessQuestions(staff, slug).stream().filter(x -> x.id() == questionId).findFirst()
                .orElseThrow(() -> ApiError.notFound("Question"));
        if (q.answer() == null) throw ApiError.conflict("not_answered", "Answer the question first");
        String service = q.serviceId() == null ? null : services.findById(q.serviceId()).slug();
        return kb.doDraftFromSource(staff, "live", slug + "/" + q.id(), q.body(), q.answer(), staff.lang(), service);
    }

    @Override
    public void close() {
        votes.close();
    }
}
