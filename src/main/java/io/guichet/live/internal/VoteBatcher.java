package io.guichet.live.internal;

import io.guichet.live.VotesChanged;
import io.guichet.live.VotesChanged.VoteCount;
import io.guichet.platform.bus.Bus;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Coalesces vote changes: questions whose count changed are collected, and every {@link #INTERVAL_MILLIS}
 * their current counts are read in one query and published as one notice per session — so a burst of
 * votes costs each viewer one frame per interval, not one per vote. Counts are read from the database
 * at flush time with their revision, so a late or reordered notice never shows an older count.
 */
public final class VoteBatcher implements AutoCloseable {
    public static final int INTERVAL_MILLIS = 40;
    private static final int MAX_COUNTS_PER_NOTICE = 60; // a notice (about 45 bytes of JSON a count) must fit in one NOTIFY payload
    private static final Logger log = LoggerFactory.getLogger(VoteBatcher.class);

    private final Jdbi jdbi;
    private final Bus bus;
    private final Set<Long> dirty = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("live-votes").daemon().factory());

    public VoteBatcher(Jdbi jdbi, Bus bus) {
        this.jdbi = jdbi;
        this.bus = bus;
        timer.scheduleWithFixedDelay(this::flush, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The question's count changed (committed); viewers learn it with the next batch. */
    public void changed(long questionId) {
        dirty.add(questionId);
    }

    private void flush() {
        if (dirty.isEmpty()) return;
        List<Long> ids = new ArrayList<>(dirty);
        ids.forEach(dirty::remove);
        try {
            Map<Long, List<VoteCount>> bySession = new LinkedHashMap<>();
            for (QuestionDao.Counted c : jdbi.withHandle(h -> new QuestionDao(h).counts(ids))) {
                bySession.computeIfAbsent(c.sessionId(), k -> new ArrayList<>()).add(c.count());
            }
            bySession.forEach((sessionId, counts) -> {
                for (int from = 0; from < counts.size(); from += MAX_COUNTS_PER_NOTICE) {
                    List<VoteCount> chunk = counts.subList(from, Math.min(counts.size(), from + MAX_COUNTS_PER_NOTICE));
                    bus.publish(new VotesChanged(sessionId, List.copyOf(chunk)));
                }
            });
        } catch (RuntimeException e) {
            dirty.addAll(ids); // try again with the next batch
            log.warn("Could not publish vote counts: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
