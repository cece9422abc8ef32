package io.guichet.platform.mail.internal;

import io.guichet.platform.mail.Mail;
import io.guichet.platform.mail.MailAttachment;
import io.guichet.platform.mail.Purpose;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** SQL of the outbox and of the cluster's send rate. */
public final class OutboxDao {
    private final Handle h;

    public OutboxDao(Handle h) {
        this.h = h;
    }

    /** A mail rendered and ready, as stored. */
    public record Row(String messageId, String status, int priority, Purpose purpose, Long contactId, String to, String toName,
                      String lang, String kind, String subject, String text, String html, String inReplyTo, String refs,
                      String unsubscribeUrl, String fromName, String replyTo) {
    }

    /** A mail a sender holds under its lease. */
    public record Claimed(long id, String messageId, Purpose purpose, Long contactId, String to, String toName, String kind,
                          String subject, String text, String html, String inReplyTo, String refs, String unsubscribeUrl,
                          int attempts, Instant queuedAt, String fromName, String replyTo, List<MailAttachment> attachments, int priority) {
        Claimed withAttachments(List<MailAttachment> files) {
            return new Claimed(id, messageId, purpose, contactId, to, toName, kind, subject, text, html, inReplyTo, refs, unsubscribeUrl,
                    attempts, queuedAt, fromName, replyTo, files, priority);
        }

        /** An emergency alert's mail ({@link io.guichet.platform.mail.Outbox#URGENT}): sent first, marked urgent for the reader's client. */
        public boolean urgent() {
            return priority < 0;
        }
    }

    public void insertAttachments(long mailId, List<MailAttachment> files) {
        for (int i = 0; i < files.size(); i++) {
            MailAttachment f = files.get(i);
            h.createUpdate("INSERT INTO mail_attachments (mail_id, position, filename, content_type, content) VALUES (:m, :p, :n, :t, :c)")
                    .bind("m", mailId).bind("p", i).bind("n", f.filename()).bind("t", f.contentType()).bind("c", f.content()).execute();
        }
    }

    /** The files of these mails, by mail, in order: one query for a sender's batch. */
    private java.util.Map<Long, List<MailAttachment>> attachmentsOf(List<Long> mailIds) {
        java.util.Map<Long, List<MailAttachment>> out = new java.util.HashMap<>();
        if (mailIds.isEmpty()) return out;
        h.createQuery("SELECT mail_id, filename, content_type, content FROM mail_attachments WHERE mail_id = ANY(:ids) ORDER BY mail_id, position")
                .bindArray("ids", Long.class, mailIds)
                .map((rs, ctx) -> java.util.Map.entry(rs.getLong("mail_id"),
                        new MailAttachment(rs.getString("filename"), rs.getString("content_type"), rs.getBytes("content"))))
                .forEach(e -> out.computeIfAbsent(e.getKey(), k -> new java.util.ArrayList<>()).add(e.getValue()));
        return out;
    }

    public long insert(Row r) {
        return h.createUpdate("""
                        INSERT INTO mail_outbox (message_id, status, priority, purpose, contact_id, recipient, recipient_name, lang, kind,
                                                 subject, text_body, html_body, in_reply_to, refs, unsubscribe_url, done_at, from_name, reply_to)
                        VALUES (:mid, :status, :priority, :purpose, :contact, :to, :toName, :lang, :kind,
                                :subject, :text, :html, :inReplyTo, :refs, :unsub, CASE WHEN :status = 'kept' THEN now() END, :fromName, :replyTo)""")
                .bind("mid", r.messageId()).bind("status", r.status()).bind("priority", r.priority()).bind("purpose", r.purpose().key())
                .bind("contact", r.contactId()).bind("to", r.to()).bind("toName", r.toName()).bind("lang", r.lang())
                .bind("kind", r.kind()).bind("subject", r.subject()).bind("text", r.text()).bind("html", r.html())
                .bind("inReplyTo", r.inReplyTo()).bind("refs", r.refs()).bind("unsub", r.unsubscribeUrl())
                .bind("fromName", r.fromName()).bind("replyTo", r.replyTo())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    /** Many rows in one statement: each column travels as one array, so 10,000 mails are one round trip. */
    public int insertAll(List<Row> rows) {
        return insertAllIds(rows).size();
    }

    /** As {@link #insertAll}, with the id each row got, in the rows' order (matched by Message-ID, which is unique). */
    public List<Long> insertAllIds(List<Row> rows) {
        if (rows.isEmpty()) return List.of();
        int n = rows.size();
        String[] mid = new String[n], status = new String[n], purpose = new String[n], to = new String[n], toName = new String[n],
                lang = new String[n], kind = new String[n], subject = new String[n], text = new String[n], html = new String[n],
                inReplyTo = new String[n], refs = new String[n], unsub = new String[n];
        Integer[] priority = new Integer[n];
        Long[] contact = new Long[n];
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            mid[i] = r.messageId(); status[i] = r.status(); priority[i] = r.priority(); purpose[i] = r.purpose().key();
            contact[i] = r.contactId(); to[i] = r.to(); toName[i] = r.toName(); lang[i] = r.lang(); kind[i] = r.kind();
            subject[i] = r.subject(); text[i] = r.text(); html[i] = r.html(); inReplyTo[i] = r.inReplyTo(); refs[i] = r.refs();
            unsub[i] = r.unsubscribeUrl();
        }
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        h.createQuery("""
                        INSERT INTO mail_outbox (message_id, status, priority, purpose, contact_id, recipient, recipient_name, lang, kind,
                                                 subject, text_body, html_body, in_reply_to, refs, unsubscribe_url, done_at)
                        SELECT m.mid, m.status, m.priority, m.purpose, m.contact, m.recipient, m.recipient_name, m.lang, m.kind,
                               m.subject, m.text_body, m.html_body, m.in_reply_to, m.refs, m.unsub, CASE WHEN m.status = 'kept' THEN now() END
                        FROM unnest(:mid, :status, :priority, :purpose, :contact, :to, :toName, :lang, :kind, :subject, :text, :html,
                                    :inReplyTo, :refs, :unsub)
                             AS m(mid, status, priority, purpose, contact, recipient, recipient_name, lang, kind, subject, text_body,
                                  html_body, in_reply_to, refs, unsub)
                        RETURNING id, message_id""")
                .bindArray("mid", String.class, (Object[]) mid).bindArray("status", String.class, (Object[]) status)
                .bindArray("priority", Integer.class, (Object[]) priority).bindArray("purpose", String.class, (Object[]) purpose)
                .bindArray("contact", Long.class, (Object[]) contact).bindArray("to", String.class, (Object[]) to)
                .bindArray("toName", String.class, (Object[]) toName).bindArray("lang", String.class, (Object[]) lang)
                .bindArray("kind", String.class, (Object[]) kind).bindArray("subject", String.class, (Object[]) subject)
                .bindArray("text", String.class, (Object[]) text).bindArray("html", String.class, (Object[]) html)
                .bindArray("inReplyTo", String.class, (Object[]) inReplyTo).bindArray("refs", String.class, (Object[]) refs)
                .bindArray("unsub", String.class, (Object[]) unsub)
                .map((rs, ctx) -> ids.put(rs.getString("message_id"), rs.getLong("id"))).list();
        List<Long> out = new java.util.ArrayList<>(n);
        for (String m : mid) out.add(ids.get(m));
        return out;
    }

    /** How many of these mails stand in each status now (an alert's dashboard: handed to SMTP, failed, waiting). */
    public java.util.Map<String, Integer> statusCounts(java.util.Collection<Long> ids) {
        java.util.Map<String, Integer> counts = new java.util.TreeMap<>();
        if (ids.isEmpty()) return counts;
        h.createQuery("SELECT status, count(*) AS n FROM mail_outbox WHERE id = ANY(:ids) GROUP BY status")
                .bindArray("ids", Long.class, ids.toArray())
                .map((rs, ctx) -> counts.put(rs.getString("status"), rs.getInt("n"))).list();
        return counts;
    }

    // ---------------------------------------------------------------- the cluster's rate

    /**
     * Refills the cluster's bucket for the time since its last refill (at most {@code capacity} tokens) and
     * locks it until this transaction ends, so that senders on every node draw from the same tokens.
     */
    public double refill(double perSecond, double capacity) {
        return h.createQuery("""
                        UPDATE mail_rate SET tokens = LEAST(:cap, tokens + GREATEST(0, EXTRACT(EPOCH FROM clock_timestamp() - refilled_at)) * :rate),
                                             refilled_at = clock_timestamp()
                        WHERE id = 1 RETURNING tokens""")
                .bind("cap", capacity).bind("rate", perSecond).mapTo(Double.class).one();
    }

    public void spend(int tokens) {
        h.createUpdate("UPDATE mail_rate SET tokens = tokens - :n WHERE id = 1").bind("n", tokens).execute();
    }

    // ---------------------------------------------------------------- the senders' side

    /** Takes up to {@code limit} due mails, transactional first, skipping those another sender is taking. */
    public List<Claimed> claim(String sender, Duration lease, int limit) {
        List<Claimed> claimed = h.createQuery("""
                        UPDATE mail_outbox o SET claimed_by = :sender, claimed_until = now() + :lease * interval '1 millisecond',
                                                 attempts = o.attempts + 1
                        FROM (SELECT id FROM mail_outbox
                              WHERE status = 'queued' AND due_at <= now() AND (claimed_until IS NULL OR claimed_until < now())
                              ORDER BY priority, due_at, id LIMIT :limit FOR UPDATE SKIP LOCKED) due
                        WHERE o.id = due.id
                        RETURNING o.id, o.message_id, o.purpose, o.contact_id, o.recipient, o.recipient_name, o.kind, o.subject,
                                  o.text_body, o.html_body, o.in_reply_to, o.refs, o.unsubscribe_url, o.attempts, o.queued_at,
                                  o.from_name, o.reply_to, o.priority""")
                .bind("sender", sender).bind("lease", lease.toMillis()).bind("limit", limit)
                .map((rs, ctx) -> new Claimed(rs.getLong("id"), rs.getString("message_id"), Purpose.of(rs.getString("purpose")),
                        (Long) rs.getObject("contact_id"), rs.getString("recipient"), rs.getString("recipient_name"), rs.getString("kind"),
                        rs.getString("subject"), rs.getString("text_body"), rs.getString("html_body"), rs.getString("in_reply_to"),
                        rs.getString("refs"), rs.getString("unsubscribe_url"), rs.getInt("attempts"), rs.getTimestamp("queued_at").toInstant(),
                        rs.getString("from_name"), rs.getString("reply_to"), List.of(), rs.getInt("priority")))
                .list()
                .stream().sorted(java.util.Comparator.comparingLong(Claimed::id)).toList();
        java.util.Map<Long, List<MailAttachment>> files = attachmentsOf(claimed.stream().map(Claimed::id).toList());
        return claimed.stream().map(c -> files.containsKey(c.id()) ? c.withAttachments(files.get(c.id())) : c).toList();
    }

    /** Sent: whoever sent it, the first to say so records it (a second sender after a lapsed lease changes nothing). */
    public boolean markSent(long id) {
        return h.createUpdate("""
                        UPDATE mail_outbox SET status = 'sent', done_at = now(), claimed_until = NULL, last_error = NULL
                        WHERE id = :id AND status = 'queued'""").bind("id", id).execute() == 1;
    }

    public boolean markFailed(long id, String sender, String error) {
        return h.createUpdate("""
                        UPDATE mail_outbox SET status = 'failed', done_at = now(), claimed_until = NULL, last_error = :error
                        WHERE id = :id AND status = 'queued' AND claimed_by = :sender""")
                .bind("id", id).bind("sender", sender).bind("error", error).execute() == 1;
    }

    /** Back to the queue, due again after {@code delay}; only mails this sender still holds. */
    public void retryLater(List<Long> ids, String sender, Duration delay, String error) {
        h.createUpdate("""
                        UPDATE mail_outbox SET due_at = now() + :delay * interval '1 millisecond', claimed_until = NULL,
                                               last_error = COALESCE(:error, last_error)
                        WHERE id = ANY(:ids) AND status = 'queued' AND claimed_by = :sender""")
                .bind("delay", delay.toMillis()).bindArray("ids", Long.class, ids.toArray()).bind("sender", sender)
                .bind("error", error).execute();
    }

    /** Mails waiting to be sent, and when the oldest of them was queued. */
    public record Waiting(long count, Instant oldest) {
    }

    public Waiting waiting() {
        return h.createQuery("SELECT count(*) AS n, min(queued_at) AS oldest FROM mail_outbox WHERE status = 'queued'")
                .map((rs, ctx) -> new Waiting(rs.getLong("n"), instant(rs, "oldest"))).one();
    }

    // ---------------------------------------------------------------- one person's mail (right of access, erasure)

    /** Every mail to the contact, oldest first, as a JSON array: what was sent to them, when, and what became of it. */
    public String personJson(long contactId) {
        return h.createQuery("""
                        SELECT coalesce(jsonb_agg(jsonb_build_object('id', id::text, 'messageId', message_id, 'status', status, 'purpose', purpose,
                                 'kind', kind, 'to', recipient, 'toName', recipient_name, 'lang', lang, 'subject', subject, 'text', text_body,
                                 'queuedAt', queued_at, 'doneAt', done_at) ORDER BY id), '[]')
                        FROM mail_outbox WHERE contact_id = :c""").bind("c", contactId).mapTo(String.class).one();
    }

    /**
     * Blanks what names the person in their mails (address, name, subject, bodies, the unsubscribe link) and keeps the
     * rows, so the outbox's counts stay true; a mail still waiting fails rather than leave for nobody.
     */
    public int forgetRecipient(long contactId) {
        return h.createUpdate("""
                        UPDATE mail_outbox SET recipient = '', recipient_name = NULL, subject = '', text_body = '', html_body = '',
                               unsubscribe_url = NULL, last_error = CASE WHEN status = 'queued' THEN 'recipient erased' ELSE NULL END,
                               done_at = CASE WHEN status = 'queued' THEN now() ELSE done_at END,
                               status = CASE WHEN status = 'queued' THEN 'failed' ELSE status END, claimed_until = NULL, claimed_by = NULL
                        WHERE contact_id = :c""").bind("c", contactId).execute();
    }

    // ---------------------------------------------------------------- the mail viewer

    private static final String COLUMNS = """
            id, message_id, status, purpose, contact_id, recipient, recipient_name, lang, kind, subject, queued_at, done_at,
            attempts, last_error, in_reply_to, refs, unsubscribe_url, from_name, reply_to""";

    /** Newest first, before the mail {@code before} (0: from the newest), of one status or all. */
    public List<Mail> list(Mail.Status status, long before, int limit) {
        return h.createQuery("SELECT " + COLUMNS + ", NULL AS text_body, NULL AS html_body FROM mail_outbox"
                        + " WHERE (:status::text IS NULL OR status = :status) AND (:before = 0 OR id < :before) ORDER BY id DESC LIMIT :limit")
                .bind("status", status == null ? null : status.key()).bind("before", before).bind("limit", limit)
                .map((rs, ctx) -> mail(rs)).list();
    }

    /** The Message-ID the outbox fixed for a mail: what a thread's next mail answers. */
    public String messageIdOf(long id) {
        return h.createQuery("SELECT message_id FROM mail_outbox WHERE id = :id").bind("id", id).mapTo(String.class).one();
    }

    public Optional<Mail> one(long id) {
        return h.createQuery("SELECT " + COLUMNS + ", text_body, html_body FROM mail_outbox WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> mail(rs)).findOne();
    }

    private static Mail mail(ResultSet rs) throws SQLException {
        String refs = rs.getString("refs");
        return new Mail(rs.getLong("id"), rs.getString("message_id"), Mail.Status.of(rs.getString("status")), Purpose.of(rs.getString("purpose")),
                (Long) rs.getObject("contact_id"), rs.getString("recipient"), rs.getString("recipient_name"), rs.getString("lang"),
                rs.getString("kind"), rs.getString("subject"), instant(rs, "queued_at"), instant(rs, "done_at"), rs.getInt("attempts"),
                rs.getString("last_error"), rs.getString("in_reply_to"), refs == null ? List.of() : Arrays.asList(refs.split(" ")),
                rs.getString("unsubscribe_url"), rs.getString("from_name"), rs.getString("reply_to"), rs.getString("text_body"), rs.getString("html_body"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
