package io.guichet.webinars;

import io.guichet.webinars.internal.RoomDao;
import io.guichet.webinars.internal.WebinarDao;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The mails before a session, each with the personal join link: a reminder ({@code GUICHET_WEBINAR_REMINDER_HOURS},
 * 24 h by default), a last one ({@code GUICHET_WEBINAR_LAST_REMINDER_MINUTES}, 60 min) and "it starts now". Each
 * is claimed by a row per registration and kind, so two nodes passing at once send it once; only registrants with a
 * seat get them, and not a reminder whose moment had passed when they registered (the confirmation just told them).
 */
public final class WebinarReminders implements AutoCloseable {
    /** "It starts now" is still sent this long after the start (a pass that ran late). */
    private static final Duration STARTING_LATE = Duration.ofMinutes(10);
    private final Jdbi jdbi;
    private final Clock clock;
    private final WebinarMails mails;
    private final Duration first, last;
    private ScheduledExecutorService job;

    public WebinarReminders(Jdbi jdbi, Clock clock, WebinarMails mails, WebinarSettings settings) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.mails = mails;
        this.first = Duration.ofHours(settings.firstReminderHours());
        this.last = Duration.ofMinutes(settings.secondReminderMinutes());
    }

    public void start() {
        job = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("webinar-reminders").factory());
        job.scheduleWithFixedDelay(() -> {
            try {
                doSendReminders();
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(WebinarReminders.class).warn("The webinar reminders' pass failed; it runs again in a minute", e);
            }
        }, 30, 60, TimeUnit.SECONDS);
    }

    /** One pass: for each session about to start, the mail now due to each of its registrants who has not had it. */
    public int doSendReminders() {
        Instant now = clock.instant();
        int queued = 0;
        // sessionsBetween is half-open: one second more takes the session starting exactly {@code first} from now
        for (WebinarSession s : jdbi.withHandle(h -> new WebinarDao(h).sessionsBetween(now.minus(STARTING_LATE), now.plus(first).plusSeconds(1)))) {
            String kind = dueKind(s, now);
            if (kind == null) continue;
            Instant dueAt = kind.equals("reminder") ? s.startsAt().minus(first) : kind.equals("last_reminder") ? s.startsAt().minus(last) : null;
            queued += jdbi.inTransaction(h -> {
                RoomDao rooms = new RoomDao(h);
                int n = 0;
                for (Registration r : new WebinarDao(h).registrations(s.id())) {
                    if (r.status() != Registration.Status.REGISTERED || dueAt != null && r.createdAt().isAfter(dueAt)) continue;
                    if (rooms.claimMail(r.id(), kind)) {
                        mails.reminder(h, s, r, kind);
                        n++;
                    }
                }
                return n;
            });
        }
        return queued;
    }

    /** Which mail of the three is due now for {@code s}, if any. */
    String dueKind(WebinarSession s, Instant now) {
        if (!now.isBefore(s.startsAt())) return now.isBefore(s.startsAt().plus(STARTING_LATE)) ? "starting" : null;
        if (!now.isBefore(s.startsAt().minus(last))) return "last_reminder";
        if (!now.isBefore(s.startsAt().minus(first))) return "reminder";
        return null;
    }

    @Override
    public void close() {
        if (job != null) job.shutdownNow();
    }
}
