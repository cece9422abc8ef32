package io.guichet.platform.mail;

import io.guichet.platform.Tokens;
import io.guichet.platform.mail.internal.MailRenderer;
import io.guichet.platform.mail.internal.OutboxDao;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Where every mail Guichet sends starts: {@link #queue} stores one in the caller's transaction (so it
 * leaves only if the action that causes it commits), rendered from its kind's templates, with its
 * {@code Message-ID} fixed. Consent is enforced here, for every caller: a mail whose purpose needs consent
 * is refused ({@code 409 no_consent}) unless the people module's ledger allows it, and carries a one-click
 * unsubscribe link (RFC 8058 headers and the body's footer). With no SMTP server configured, mails are
 * stored as {@code kept}: shown in the mail viewer, never sent.
 */
public final class Outbox {
    private final MailSettings settings;
    private final Messages messages;
    private final MailConsent consent;
    private final UnsubscribeLinks unsubscribe;
    private final Runnable afterQueued;
    private final MailRenderer renderer = new MailRenderer();

    /** {@code afterQueued} runs once the transaction that queued mail commits: it wakes this node's sender. */
    public Outbox(MailSettings settings, Messages messages, MailConsent consent, UnsubscribeLinks unsubscribe, Runnable afterQueued) {
        this.settings = settings;
        this.messages = messages;
        this.consent = consent;
        this.unsubscribe = unsubscribe;
        this.afterQueued = afterQueued;
    }

    /** Stores one mail in {@code h}'s transaction and returns its id; {@code 409 no_consent} without consent for its purpose. */
    public long queue(Handle h, OutgoingMail mail) {
        if (mail.purpose().needsConsent() && !consent.allows(h, mail.contactId(), mail.purpose())) {
            throw new ApiError(409, "no_consent", "This contact has not agreed to receive " + mail.purpose().key() + " mail");
        }
        OutboxDao dao = new OutboxDao(h);
        long id = dao.insert(row(mail, mail.purpose().needsConsent() ? 1 : 0));
        dao.insertAttachments(id, mail.attachments());
        h.afterCommit(afterQueued);
        return id;
    }

    /** The Message-ID fixed for a mail queued in {@code h}'s transaction: what the thread's next mail answers. */
    public String messageIdOf(Handle h, long mailId) {
        return new OutboxDao(h).messageIdOf(mailId);
    }

    /** How a bulk send went: mails queued, and recipients skipped because they have not consented to its purpose. */
    public record Bulk(int queued, int skippedWithoutConsent) {
    }

    /**
     * Many mails in one go (a newsletter, reminders, an alert), in {@code h}'s transaction, inserted in one
     * statement and sent after single mails (see {@code priority}). Recipients without consent are skipped and
     * counted, not refused: one who unsubscribed does not stop the others' mail.
     */
    public Bulk queueAll(Handle h, List<OutgoingMail> mails) {
        Map<Purpose, Set<Long>> allowed = new HashMap<>();
        for (Purpose purpose : Purpose.values()) {
            if (!purpose.needsConsent()) continue;
            List<Long> contacts = mails.stream().filter(m -> m.purpose() == purpose).map(OutgoingMail::contactId).distinct().toList();
            if (!contacts.isEmpty()) allowed.put(purpose, consent.allowedAmong(h, contacts, purpose));
        }
        List<OutboxDao.Row> rows = new ArrayList<>(mails.size());
        int skipped = 0;
        for (OutgoingMail mail : mails) {
            if (!mail.attachments().isEmpty()) throw new IllegalArgumentException("a bulk send carries no attachments");
            if (mail.purpose().needsConsent() && !allowed.get(mail.purpose()).contains(mail.contactId())) {
                skipped++;
                continue;
            }
            rows.add(row(mail, mail.purpose().needsConsent() ? 2 : 1));
        }
        int queued = new OutboxDao(h).insertAll(rows);
        if (queued > 0) h.afterCommit(afterQueued);
        return new Bulk(queued, skipped);
    }

    private OutboxDao.Row row(OutgoingMail mail, int priority) {
        String unsubscribeUrl = mail.purpose().needsConsent() ? unsubscribe.linkFor(mail.contactId(), mail.purpose()) : null;
        MailFrame frame = new MailFrame(messages.in(mail.lang()), settings.institutionName(), settings.institutionLogo(),
                settings.publicUrl(), mail.toName(), mail.subject(), unsubscribeUrl);
        MailRenderer.Parts parts = renderer.render(mail.body().kind(), frame, mail.body().model());
        return new OutboxDao.Row(messageId(), settings.delivers() ? "queued" : "kept", priority, mail.purpose(), mail.contactId(),
                mail.to(), mail.toName(), mail.lang(), mail.body().kind(), mail.subject(), parts.text(), parts.html(), mail.inReplyTo(),
                mail.references().isEmpty() ? null : String.join(" ", mail.references()), unsubscribeUrl, mail.fromName(), mail.replyTo());
    }

    /** The priority of an emergency alert's mails: below every other (0 to 2), so the sender takes them before any queued mail. */
    public static final int URGENT = -1;

    /**
     * An emergency alert's mails (transactional only), in {@code h}'s transaction and one statement, taken by the
     * sender before every other queued mail, bulk or single, and sent marked urgent. Returns each mail's id, in order.
     */
    public List<Long> queueUrgent(Handle h, List<OutgoingMail> mails) {
        List<OutboxDao.Row> rows = new ArrayList<>(mails.size());
        for (OutgoingMail mail : mails) {
            if (mail.purpose().needsConsent()) throw new IllegalArgumentException("an urgent mail is transactional");
            if (!mail.attachments().isEmpty()) throw new IllegalArgumentException("an urgent mail carries no attachments");
            rows.add(row(mail, URGENT));
        }
        List<Long> ids = new OutboxDao(h).insertAllIds(rows);
        if (!ids.isEmpty()) h.afterCommit(afterQueued);
        return ids;
    }

    /** How many of these mails are in each status ({@code queued}, {@code sent}, {@code failed}, {@code kept}) now. */
    public java.util.Map<String, Integer> statusCounts(Handle h, java.util.Collection<Long> mailIds) {
        return new OutboxDao(h).statusCounts(mailIds);
    }

    /** Unique and unguessable, on the host of GUICHET_PUBLIC_URL. */
    private String messageId() {
        return "<" + Tokens.random("m") + "@" + settings.host() + ">";
    }
}
