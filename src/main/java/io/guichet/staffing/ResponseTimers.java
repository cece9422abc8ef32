package io.guichet.staffing;

import io.guichet.inbox.QueueFigures;
import io.guichet.inbox.WaitingTimers;
import io.guichet.platform.bus.Bus;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.guichet.staffing.internal.BreachDao;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * First-response timers of waiting conversations against their service's chat target (the inbox's
 * {@link WaitingTimers} port): "soon late" from {@value #SOON_PERCENT} % of the target, "late" past it. The watch
 * claims each breach once in {@code staffing_breaches}, whichever node sees it first, and only then tells the leads
 * ({@link AnswerTargetMissed}); the wallboard counts today's.
 */
public final class ResponseTimers implements WaitingTimers {
    static final int SOON_PERCENT = 80;
    /** Targets are read again after this long, so a lead's change reaches the lists within seconds. */
    private static final Duration CACHED = Duration.ofSeconds(10);
    public static final int WATCH_EVERY_SECONDS = 5;

    private final Jdbi jdbi;
    private final ServiceCatalogue services;
    private final Targets targets;
    private final QueueFigures figures;
    private final Bus bus;
    private final Clock clock;
    private final ZoneId zone;
    private final Map<Long, Cached> cache = new ConcurrentHashMap<>();
    private ScheduledExecutorService job;

    private record Cached(int seconds, Instant readAt) {
    }

    public ResponseTimers(Jdbi jdbi, ServiceCatalogue services, Targets targets, QueueFigures figures, Bus bus, Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.services = services;
        this.targets = targets;
        this.figures = figures;
        this.bus = bus;
        this.clock = clock;
        this.zone = zone;
    }

    /** The level of a timer at {@code now}, pure: a wait of {@code waited} against a target of {@code targetSeconds}. */
    public static Timer timer(Instant since, int targetSeconds, Instant now) {
        Instant soonAt = since.plusMillis(targetSeconds * 10L * SOON_PERCENT);
        Instant lateAt = since.plusSeconds(targetSeconds);
        if (!now.isBefore(lateAt)) return new Timer(Level.LATE, targetSeconds, null);
        if (!now.isBefore(soonAt)) return new Timer(Level.SOON, targetSeconds, lateAt);
        return new Timer(Level.ON_TIME, targetSeconds, soonAt);
    }

    @Override
    public Optional<Timer> timerOf(long serviceId, Instant waitingSince) {
        return Optional.of(timer(waitingSince, targetSeconds(serviceId), clock.instant()));
    }

    private int targetSeconds(long serviceId) {
        Instant now = clock.instant();
        Cached c = cache.get(serviceId);
        if (c == null || now.isAfter(c.readAt().plus(CACHED)) || now.isBefore(c.readAt())) {
            ServiceQueue service = services.findById(serviceId);
            c = new Cached(targets.findTarget(service, "chat").answerSeconds(), now);
            cache.put(serviceId, c);
        }
        return c.seconds();
    }

    /**
     * Claims the breaches of the conversations waiting now and tells the leads of those this call claimed: each
     * breach once, on any number of nodes. Returns how many were told.
     */
    public int doNoticeBreaches() {
        Instant now = clock.instant();
        List<BreachDao.Breach> late = new ArrayList<>();
        for (QueueFigures.Waiting w : figures.findWaiting()) {
            int target = targetSeconds(w.serviceId());
            if (timer(w.since(), target, now).level() == Level.LATE) late.add(new BreachDao.Breach(w.conversationId(), w.serviceId(), target));
        }
        List<BreachDao.Breach> claimed = jdbi.inTransaction(h -> new BreachDao(h).claim(late, now));
        for (BreachDao.Breach b : claimed) bus.publish(new AnswerTargetMissed(b.conversationId(), b.serviceId(), b.targetSeconds()));
        return claimed.size();
    }

    /** Today's breaches per service (the institution's day), for the wallboard. */
    public Map<Long, Integer> findBreachesToday() {
        Instant startOfDay = LocalDate.now(clock.withZone(zone)).atStartOfDay(zone).toInstant();
        return jdbi.withHandle(h -> new BreachDao(h).countSince(startOfDay));
    }

    /** The watch, every few seconds on every node. */
    public void start() {
        job = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("response-timers").factory());
        job.scheduleWithFixedDelay(() -> {
            try {
                doNoticeBreaches();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(ResponseTimers.class).warn("The breach watch failed; it runs again in {} s: {}", WATCH_EVERY_SECONDS, e.getMessage());
            }
        }, WATCH_EVERY_SECONDS, WATCH_EVERY_SECONDS, TimeUnit.SECONDS);
    }

    public void close() {
        if (job != null) job.shutdownNow();
    }
}
