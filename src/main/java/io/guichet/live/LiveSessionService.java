package io.guichet.live;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.services.ServiceCatalogue;
import io.guichet.live.LiveSession.Phase;
import io.guichet.live.internal.QuestionDao;
import io.guichet.live.internal.SessionDao;
import io.guichet.platform.ShortLivedCache;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Live Q&A sessions themselves: scheduling, settings, start and end (by hand or on schedule), the
 * highlighted question, the peak of people present. Sessions are cached for seconds and evicted on
 * every change on any node ({@link SessionChanged}).
 */
public final class LiveSessionService {
    private final Jdbi jdbi;
    private final Bus bus;
    private final Clock clock;
    private final ServiceCatalogue services;
    /** Every ask, vote and wall read names its session: kept for seconds, evicted on every change on any node. */
    private final ShortLivedCache<String, LiveSession> cache;

    public LiveSessionService(Jdbi jdbi, Bus bus, Clock clock, ServiceCatalogue services) {
        this.jdbi = jdbi;
        this.bus = bus;
        this.clock = clock;
        this.services = services;
        this.cache = new ShortLivedCache<>(clock, 5_000, 1_000);
        bus.subscribe(SessionChanged.class, n -> cache.removeIf(s -> s.id() == n.sessionId()));
    }

    /** What staff give to create or change a session; times are instants (forms convert from the institution's zone). */
    public record SessionForm(String slug, String titleFr, String titleEn, String descriptionFr, String descriptionEn,
                              Instant startsAt, Instant endsAt, boolean preModeration, boolean allowAnonymous,
                              List<String> blocklist, List<String> services) {
    }

    public Phase phase(LiveSession s) {
        return s.phase(clock.instant());
    }

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
        LiveSession s = findSession(slug);
        SessionDao.Fields fields = validFields(s.slug(), form);
        jdbi.useTransaction(h -> new SessionDao(h).update(s.id(), fields));
        cache.remove(slug);
        bus.publish(new SessionChanged(s.id()));
        return findSession(slug);
    }

    private SessionDao.Fields validFields(String slug, SessionForm f) {
        String titleFr = Fields.required("titleFr", f.titleFr(), 120);
        String titleEn = Fields.required("titleEn", f.titleEn(), 120);
        String descFr = Objects.requireNonNullElse(Fields.optionalText("descriptionFr", f.descriptionFr(), 2_000), "");
        String descEn = Objects.requireNonNullElse(Fields.optionalText("descriptionEn", f.descriptionEn(), 2_000), "");
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
    public LiveSession findSession(String slug) {
        if (slug == null || slug.length() > 63) throw ApiError.notFound("Live session");
        return cache.get(slug, key -> jdbi.withHandle(h -> new SessionDao(h).bySlug(key)))
                .orElseThrow(() -> ApiError.notFound("Live session"));
    }

    /** A session with all its settings, the blocklist included: for those who run sessions. */
    public LiveSession accessSettings(Staff viewer, String slug) {
        Access.requireLiveModerator(viewer);
        return findSession(slug);
    }

    /** For delivering notices: no viewer check. */
    public Optional<LiveSession> findSessionForDelivery(long id) {
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
        if (changed) cache.remove(slug);
        LiveSession after = findSession(slug);
        if (changed) bus.publish(new SessionChanged(after.id()));
        return after;
    }

    public void doRecordPeakViewers(long sessionId, int viewers) {
        jdbi.useHandle(h -> new SessionDao(h).recordPeakViewers(sessionId, viewers));
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

    /** A question that leaves the wall stops being the highlighted one. */
    void clearHighlight(String slug, long questionId) {
        LiveSession s = findSession(slug);
        if (Objects.equals(s.highlightedQuestionId(), questionId)) {
            jdbi.useHandle(h -> new SessionDao(h).highlight(s.id(), null));
            cache.remove(slug);
            bus.publish(new SessionChanged(s.id()));
        }
    }

}
