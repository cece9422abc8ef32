package io.guichet.platform.mail;

import io.guichet.platform.web.Messages;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Jdbi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Mail on this node: the outbox every module queues into and this node's sender, wired to the people
 * module's three ports (consent, unsubscribe links, outcomes) in one place.
 */
public final class MailService implements AutoCloseable {
    private final Jdbi jdbi;
    private final MailSettings settings;
    private final MailSender sender;
    private final Outbox outbox;

    public MailService(Jdbi jdbi, MailSettings settings, Messages messages, MeterRegistry metrics, String node,
                       MailConsent consent, UnsubscribeLinks unsubscribe, MailOutcomes outcomes) {
        this.jdbi = jdbi;
        this.settings = settings;
        this.sender = new MailSender(jdbi, settings, outcomes, metrics, node);
        this.outbox = new Outbox(settings, messages, consent, unsubscribe, sender::wake);
    }

    public Outbox outbox() {
        return outbox;
    }

    /** One mail in a transaction of its own, for a caller with nothing else to commit with it (seeding, jobs). */
    public long doQueue(OutgoingMail mail) {
        return jdbi.inTransaction(h -> outbox.queue(h, mail));
    }

    /** A bulk send in a transaction of its own. */
    public Outbox.Bulk doQueueAll(List<OutgoingMail> mails) {
        return jdbi.inTransaction(h -> outbox.queueAll(h, mails));
    }

    public MailSettings settings() {
        return settings;
    }

    public void start() {
        sender.start();
    }

    public MailStatus status() {
        return sender.status();
    }

    /** {@code /health}'s mail details: no address, no password. */
    public Map<String, Object> healthDetails() {
        MailStatus s = status();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("delivering", s.delivers());
        out.put("queued", s.queued());
        out.put("oldestWaitSeconds", s.oldestWait().toSeconds());
        out.put("lastError", s.lastError());
        out.put("lastErrorAt", s.lastErrorAt() == null ? null : s.lastErrorAt().toString());
        return out;
    }

    @Override
    public void close() {
        sender.close();
    }
}
