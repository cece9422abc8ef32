package io.guichet.platform.mail;

import io.guichet.platform.Tokens;
import io.guichet.platform.mail.internal.OutboxDao;
import io.guichet.platform.mail.internal.Smtp;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/*
 * A little over 200 lines: the sender's loop, its outcomes and its figures share the one lease and back-off.
 */
/**
 * This node's sender: one virtual thread that takes due mails from the outbox ({@code FOR UPDATE SKIP
 * LOCKED}, so two nodes never take the same one) under a lease, transactional first, at the cluster's rate
 * (one token bucket in the database), and sends them over one SMTP connection. A mail is recorded as sent, or
 * failed (a 5xx reply), with the people module told in the same transaction; a 4xx reply sends it back to
 * the queue after an exponential back-off; a server that cannot be reached pauses the sender. A sender
 * killed mid-send leaves its mails claimed until the lease lapses, then another sends them with the same
 * {@code Message-ID}: at most once more.
 */
public final class MailSender implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MailSender.class);
    /** Mails taken at once at most, when the rate allows; fewer when sends are slow (see {@link #batch}). */
    private static final int BATCH = 10;
    /** About how long one batch's sends may take: a transactional mail queued meanwhile waits no longer than that. */
    private static final double BATCH_SECONDS = 0.25;
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration MAX_PAUSE = Duration.ofMinutes(2);

    private final Jdbi jdbi;
    private final MailSettings settings;
    private final MailOutcomes outcomes;
    private final String name;
    private final LinkedBlockingQueue<Boolean> wake = new LinkedBlockingQueue<>(1);
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final Counter sent, temporary, permanent;
    private volatile boolean running;
    private volatile Thread thread;
    private volatile String lastError;
    private volatile Instant lastErrorAt;
    private volatile MailStatus snapshot;
    private volatile Instant snapshotAt = Instant.EPOCH;
    /** How long a send takes here, smoothed (seconds); only the sender's thread writes it. */
    private double sendSeconds = 0.01;

    public MailSender(Jdbi jdbi, MailSettings settings, MailOutcomes outcomes, MeterRegistry metrics, String node) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.outcomes = outcomes;
        this.name = node + "/" + Tokens.random("").substring(0, 8); // two senders of one node are two claimants
        this.sent = Counter.builder("guichet.mail.sent").description("Mails accepted by the SMTP server").register(metrics);
        this.temporary = Counter.builder("guichet.mail.failures").tag("kind", "temporary")
                .description("Sends refused for now (4xx) or that reached no server; retried").register(metrics);
        this.permanent = Counter.builder("guichet.mail.failures").tag("kind", "permanent")
                .description("Mails refused for good (5xx), or given up after retries").register(metrics);
        Gauge.builder("guichet.mail.queued", this, s -> s.status().queued()).description("Mails waiting to be sent").register(metrics);
        Gauge.builder("guichet.mail.oldest.wait.seconds", this, s -> s.status().oldestWait().toMillis() / 1000.0)
                .description("How long the oldest mail waiting to be sent has waited").register(metrics);
    }

    /** Starts sending; with no SMTP server configured there is nothing to send (mails are kept). */
    public void start() {
        if (!settings.delivers() || running) return;
        running = true;
        thread = Thread.ofVirtual().name("mail-sender").start(this::run);
    }

    /** Looks at the outbox at once rather than at the next poll: a mail was just queued on this node. */
    public void wake() {
        wake.offer(Boolean.TRUE);
    }

    /** The outbox at a glance, read at most every two seconds; this node's last SMTP error. */
    public MailStatus status() {
        MailStatus s = snapshot;
        if (s == null || snapshotAt.isBefore(Instant.now().minusSeconds(2))) {
            try {
                OutboxDao.Waiting w = jdbi.withHandle(h -> new OutboxDao(h).waiting());
                Duration oldest = w.oldest() == null ? Duration.ZERO : Duration.between(w.oldest(), Instant.now());
                s = new MailStatus(settings.delivers(), w.count(), oldest.isNegative() ? Duration.ZERO : oldest, lastError, lastErrorAt);
            } catch (RuntimeException e) { // the database is down: say what was last known
                s = s == null ? new MailStatus(settings.delivers(), 0, Duration.ZERO, lastError, lastErrorAt) : s;
            }
            snapshot = s;
            snapshotAt = Instant.now();
        }
        return new MailStatus(s.delivers(), s.queued(), s.oldestWait(), lastError, lastErrorAt);
    }

    private void run() {
        Duration pause = settings.firstRetry();
        try (Smtp smtp = new Smtp(settings)) {
            while (running) {
                try {
                    Taken taken = take();
                    if (taken.mails().isEmpty()) {
                        wake.poll(Math.min(POLL.toMillis(), Math.max(1, taken.nextTokenMillis())), TimeUnit.MILLISECONDS);
                    } else if (sendAll(smtp, taken.mails())) {
                        pause = settings.firstRetry();
                    } else {
                        stopped.await(pause.toMillis(), TimeUnit.MILLISECONDS); // not woken by new mail: the server is down
                        pause = min(pause.multipliedBy(2), MAX_PAUSE);
                    }
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) { // the database went away: mails wait in it, nothing is lost
                    if (!running) return;
                    log.warn("Mail sender paused: {}", e.getClass().getSimpleName());
                    try {
                        stopped.await(1, TimeUnit.SECONDS);
                    } catch (InterruptedException stop) {
                        return;
                    }
                }
            }
        }
    }

    private record Taken(List<OutboxDao.Claimed> mails, long nextTokenMillis) {
    }

    /** As many due mails as the cluster's tokens allow, up to a batch, claimed in one transaction. */
    private Taken take() {
        double perSecond = settings.ratePerMinute() / 60.0;
        double capacity = Math.max(1, perSecond);
        return jdbi.inTransaction(h -> {
            OutboxDao dao = new OutboxDao(h);
            double tokens = dao.refill(perSecond, capacity);
            int want = (int) Math.min(batch(), Math.floor(tokens));
            if (want < 1) return new Taken(List.of(), (long) Math.ceil((1 - tokens) / perSecond * 1000));
            List<OutboxDao.Claimed> mails = dao.claim(name, settings.lease(), want);
            if (!mails.isEmpty()) dao.spend(mails.size());
            return new Taken(mails, 0);
        });
    }

    /** As many mails as about {@value #BATCH_SECONDS} s of sends at the pace sends have lately gone, 1 to {@value #BATCH}. */
    private int batch() {
        return (int) Math.max(1, Math.min(BATCH, BATCH_SECONDS / sendSeconds));
    }

    /** Sends a batch; false when no server could be reached, the batch's rest then back in the queue. */
    private boolean sendAll(Smtp smtp, List<OutboxDao.Claimed> mails) {
        Instant claimedAt = Instant.now();
        for (int i = 0; i < mails.size(); i++) {
            OutboxDao.Claimed mail = mails.get(i);
            List<Long> rest = mails.subList(i, mails.size()).stream().map(OutboxDao.Claimed::id).toList();
            if (Instant.now().isAfter(claimedAt.plus(settings.lease().dividedBy(2)))) {
                // Half the lease is gone (a slow server): let the rest go rather than risk another sender taking them mid-send.
                jdbi.useHandle(h -> new OutboxDao(h).retryLater(rest, name, Duration.ZERO, null));
                return true;
            }
            long started = System.nanoTime();
            Smtp.Outcome outcome = smtp.send(mail);
            sendSeconds = 0.8 * sendSeconds + 0.2 * (System.nanoTime() - started) / 1e9;
            switch (outcome.result()) {
                case SENT -> {
                    jdbi.useTransaction(h -> {
                        if (new OutboxDao(h).markSent(mail.id()) && mail.contactId() != null) {
                            outcomes.sent(h, mail.contactId(), mail.id(), mail.kind(), mail.subject());
                        }
                    });
                    sent.increment();
                    lastError = null;
                }
                case PERMANENT -> fail(mail, outcome.error());
                case TEMPORARY -> {
                    noteError(outcome.error());
                    if (Instant.now().isAfter(mail.queuedAt().plus(settings.giveUpAfter()))) {
                        fail(mail, "gave up after " + mail.attempts() + " attempts: " + outcome.error());
                    } else {
                        temporary.increment();
                        jdbi.useHandle(h -> new OutboxDao(h).retryLater(List.of(mail.id()), name, backoff(mail.attempts()), outcome.error()));
                    }
                }
                case DOWN -> {
                    noteError(outcome.error());
                    temporary.increment();
                    log.warn("SMTP server unreachable, mail waits: {}", outcome.error());
                    jdbi.useHandle(h -> new OutboxDao(h).retryLater(rest, name, settings.firstRetry(), outcome.error()));
                    return false;
                }
            }
        }
        return true;
    }

    private void fail(OutboxDao.Claimed mail, String reason) {
        noteError(reason);
        permanent.increment();
        jdbi.useTransaction(h -> {
            if (new OutboxDao(h).markFailed(mail.id(), name, reason) && mail.contactId() != null) {
                outcomes.failed(h, mail.contactId(), mail.id(), mail.kind(), mail.subject(), reason);
            }
        });
        log.info("Mail {} refused for good: {}", mail.id(), reason);
    }

    private void noteError(String error) {
        lastError = error;
        lastErrorAt = Instant.now();
    }

    /** The first retry after {@code firstRetry}, each next one twice as late, at most {@code lastRetry}, ±20 %. */
    Duration backoff(int attempts) {
        Duration d = settings.firstRetry().multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
        d = min(d, settings.lastRetry());
        return Duration.ofMillis((long) (d.toMillis() * ThreadLocalRandom.current().nextDouble(0.8, 1.2)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    /** Stops after the send under way, if any (an SMTP connection is never cut mid-mail by an interrupt). */
    @Override
    public void close() {
        running = false;
        stopped.countDown();
        wake.offer(Boolean.TRUE);
        Thread t = thread;
        if (t == null) return;
        try {
            t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
