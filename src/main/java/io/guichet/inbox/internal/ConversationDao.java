package io.guichet.inbox.internal;

import io.guichet.inbox.Attachment;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.Message;
import io.guichet.inbox.Origin;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** SQL of conversations and their messages. */
public final class ConversationDao {
    /** Without the preview, for lists that do not show it. */
    private static final String BASE_COLUMNS = """
            c.id, c.service_id, c.contact_id, c.status, c.assignee_id, c.offline, c.lang, c.last_seq,
            c.created_at, c.last_message_at, c.origin_kind, c.origin_ref, c.answered_by_email, c.queued_at""";
    static final String CONVERSATION_COLUMNS = BASE_COLUMNS + """
            ,(SELECT left(m.body, 140) FROM messages m WHERE m.conversation_id = c.id AND NOT m.internal
               AND m.author_kind <> 'system' ORDER BY m.seq DESC LIMIT 1) AS preview""";
    static final String FROM = " FROM conversations c ";

    static final RowMapper<Conversation> CONVERSATION = (rs, ctx) -> new Conversation(
            rs.getLong("id"), rs.getLong("service_id"), rs.getLong("contact_id"),
            Conversation.Status.fromCode(rs.getString("status")),
            (Long) rs.getObject("assignee_id"), rs.getBoolean("offline"), rs.getString("lang"), rs.getInt("last_seq"),
            rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("last_message_at").toInstant(),
            rs.getString("preview"),
            rs.getString("origin_kind") == null ? null : new Origin(rs.getString("origin_kind"), rs.getString("origin_ref")),
            rs.getBoolean("answered_by_email"), rs.getTimestamp("queued_at").toInstant());

    static final RowMapper<Message> MESSAGE = (rs, ctx) -> new Message(
            rs.getLong("id"), rs.getLong("conversation_id"), rs.getInt("seq"),
            Message.Author.valueOf(rs.getString("author_kind").toUpperCase(java.util.Locale.ROOT)),
            (Long) rs.getObject("author_staff_id"), rs.getString("body"), rs.getBoolean("internal"),
            rs.getString("client_id"), rs.getTimestamp("created_at").toInstant(),
            rs.getObject("att_id") == null ? null
                    : new Attachment(rs.getLong("att_id"), rs.getString("att_name"), rs.getString("att_type"), rs.getInt("att_size")));
    /** A message with its attachment's description (never its bytes). */
    private static final String MESSAGE_COLUMNS = """
            m.id, m.conversation_id, m.seq, m.author_kind, m.author_staff_id, m.body, m.internal, m.client_id, m.created_at,
            a.id AS att_id, a.name AS att_name, a.content_type AS att_type, a.size AS att_size""";
    private static final String MESSAGES = " FROM messages m LEFT JOIN inbox_attachments a ON a.message_id = m.id ";

    private final Handle h;

    public ConversationDao(Handle h) {
        this.h = h;
    }

    /** Inserts a waiting conversation unless this contact already sent this client id; empty then. */
    public Optional<Long> insertIfNew(long serviceId, long contactId, String clientId, boolean offline, String lang,
                                      Origin origin) {
        return h.createQuery("""
                        INSERT INTO conversations (service_id, contact_id, client_id, status, offline, lang, origin_kind, origin_ref)
                        VALUES (:s, :c, :cid, 'waiting', :off, :lang, :kind, :ref)
                        ON CONFLICT (contact_id, client_id) DO NOTHING RETURNING id""")
                .bind("s", serviceId).bind("c", contactId).bind("cid", clientId).bind("off", offline).bind("lang", lang)
                .bind("kind", origin == null ? null : origin.kind()).bind("ref", origin == null ? null : origin.ref())
                .mapTo(Long.class).findOne();
    }

    /** Puts a waiting conversation ahead of every other waiting one of its service (the queue is ordered by queued_at). */
    public void queueFirst(long conversationId, long serviceId) {
        h.createUpdate("""
                        UPDATE conversations SET queued_at = LEAST(queued_at,
                               (SELECT min(w.queued_at) FROM conversations w WHERE w.service_id = :s AND w.status = 'waiting' AND w.id <> :id)
                               - interval '1 second')
                        WHERE id = :id AND EXISTS (SELECT 1 FROM conversations w WHERE w.service_id = :s AND w.status = 'waiting' AND w.id <> :id)""")
                .bind("id", conversationId).bind("s", serviceId).execute();
    }

    /** Replies staff sent to visitors (no notes) in the conversations of one origin, oldest first. */
    public List<Message> repliesByOrigin(Origin origin) {
        return h.createQuery("SELECT " + MESSAGE_COLUMNS + MESSAGES + """
                        WHERE m.author_kind = 'agent' AND NOT m.internal
                          AND m.conversation_id IN (SELECT id FROM conversations WHERE origin_kind = :kind AND origin_ref = :ref)
                        ORDER BY m.conversation_id, m.seq""")
                .bind("kind", origin.kind()).bind("ref", origin.ref()).map(MESSAGE).list();
    }

    /** Of these contacts, those with a conversation in one of the services or assigned to the staff member. */
    public List<Long> contactsIn(java.util.Collection<Long> contactIds, java.util.Collection<Long> serviceIds, long staffId) {
        return h.createQuery("""
                        SELECT DISTINCT contact_id FROM conversations
                        WHERE contact_id = ANY(:ids) AND (service_id = ANY(:services) OR assignee_id = :me)""")
                .bindArray("ids", Long.class, List.copyOf(contactIds)).bindArray("services", Long.class, List.copyOf(serviceIds))
                .bind("me", staffId).mapTo(Long.class).list();
    }

    /** Whether staff wrote to the visitor (not a note) in this conversation: a resolution's outcome. */
    public boolean answeredByStaff(long conversationId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM messages WHERE conversation_id = :c AND author_kind = 'agent' AND NOT internal)")
                .bind("c", conversationId).mapTo(Boolean.class).one();
    }

    public Optional<Long> byClientId(long contactId, String clientId) {
        return h.createQuery("SELECT id FROM conversations WHERE contact_id = :c AND client_id = :cid")
                .bind("c", contactId).bind("cid", clientId).mapTo(Long.class).findOne();
    }

    public Optional<Conversation> find(long id) {
        return h.createQuery("SELECT " + CONVERSATION_COLUMNS + FROM + "WHERE c.id = :id").bind("id", id)
                .map(CONVERSATION).findOne();
    }

    /** Locks the conversation row: messages and state changes of one conversation are serialised. */
    public Optional<Conversation> lock(long id) {
        return h.createQuery("SELECT " + CONVERSATION_COLUMNS + FROM + "WHERE c.id = :id FOR UPDATE OF c").bind("id", id)
                .map(CONVERSATION).findOne();
    }

    public List<Conversation> list(String status, Long assigneeId, List<Long> serviceIds, int limit) {
        StringBuilder sql = new StringBuilder("SELECT " + CONVERSATION_COLUMNS + FROM + "WHERE TRUE");
        if (status != null) sql.append(" AND c.status = :status");
        if (assigneeId != null) sql.append(" AND c.assignee_id = :assignee");
        if (serviceIds != null) sql.append(" AND c.service_id = ANY(:services)");
        if (!"resolved".equals(status)) sql.append(" AND c.snoozed_at IS NULL"); // snoozed: out of the active lists
        sql.append("waiting".equals(status) ? " ORDER BY c.queued_at" : " ORDER BY c.last_message_at DESC");
        sql.append(" LIMIT :limit");
        var q = h.createQuery(sql.toString()).bind("limit", limit);
        if (status != null) q.bind("status", status);
        if (assigneeId != null) q.bind("assignee", assigneeId);
        if (serviceIds != null) q.bindArray("services", Long.class, serviceIds);
        return q.map(CONVERSATION).list();
    }

    /** The conversations of these contacts (a person and the contacts merged into theirs), newest first. */
    public List<Conversation> ofContacts(List<Long> contactIds, int limit) {
        return h.createQuery("SELECT " + CONVERSATION_COLUMNS + FROM + "WHERE c.contact_id = ANY(:c) ORDER BY c.created_at DESC LIMIT :l")
                .bindArray("c", Long.class, contactIds).bind("l", limit).map(CONVERSATION).list();
    }

    /** 1 for the first waiting conversation of its service, and so on; 0 when not waiting. */
    /** The conversation and, while it waits, its place in its service's queue (0 otherwise): one round trip. */
    public Optional<QueueEntry> findWithPosition(long id) {
        return h.createQuery("SELECT " + CONVERSATION_COLUMNS + """
                        , CASE WHEN c.status = 'waiting' THEN (SELECT count(*) FROM conversations w
                            WHERE w.service_id = c.service_id AND w.status = 'waiting' AND (w.queued_at, w.id) <= (c.queued_at, c.id))
                          ELSE 0 END AS position""" + FROM + "WHERE c.id = :id").bind("id", id)
                .map((rs, ctx) -> new QueueEntry(CONVERSATION.map(rs, ctx), rs.getInt("position"))).findOne();
    }

    public int queuePosition(long conversationId) {
        return h.createQuery("""
                        SELECT count(*) FROM conversations w, conversations c
                        WHERE c.id = :id AND c.status = 'waiting' AND w.service_id = c.service_id
                          AND w.status = 'waiting' AND (w.queued_at, w.id) <= (c.queued_at, c.id)""")
                .bind("id", conversationId).mapTo(Integer.class).one();
    }

    public record QueueEntry(Conversation conversation, int position) {
    }

    /** The waiting conversations of a service in queue order (no preview). */
    public List<QueueEntry> queue(long serviceId) {
        return h.createQuery("SELECT " + BASE_COLUMNS + ", NULL AS preview, row_number() OVER (ORDER BY c.queued_at, c.id) AS position"
                        + FROM + "WHERE c.service_id = :s AND c.status = 'waiting'")
                .bind("s", serviceId)
                .map((rs, ctx) -> new QueueEntry(CONVERSATION.map(rs, ctx), rs.getInt("position"))).list();
    }

    public Optional<Message> messageByClientId(long conversationId, String clientId) {
        return h.createQuery("SELECT " + MESSAGE_COLUMNS + MESSAGES + "WHERE m.conversation_id = :c AND m.client_id = :cid")
                .bind("c", conversationId).bind("cid", clientId).map(MESSAGE).findOne();
    }

    /** Appends a message with the next sequence number in one round trip; the caller holds the conversation lock. */
    public Message append(long conversationId, Message.Author author, Long staffId, String body, boolean internal, String clientId) {
        return h.createQuery("""
                        WITH bumped AS (
                          UPDATE conversations SET last_seq = last_seq + 1, last_message_at = now(),
                            untold_since = CASE WHEN :a = 'agent' AND NOT :i THEN coalesce(untold_since, now()) ELSE untold_since END,
                            first_reply_at = CASE WHEN :a = 'agent' AND NOT :i THEN coalesce(first_reply_at, now()) ELSE first_reply_at END,
                            search_doc = CASE WHEN :a = 'system' THEN search_doc ELSE search_doc || strip(inbox_search_doc(:b)) END
                          WHERE id = :c RETURNING last_seq)
                        INSERT INTO messages (conversation_id, seq, author_kind, author_staff_id, body, internal, client_id)
                        SELECT :c, last_seq, :a, :st, :b, :i, :cid FROM bumped
                        RETURNING id, conversation_id, seq, author_kind, author_staff_id, body, internal, client_id, created_at,
                          NULL::bigint AS att_id, NULL AS att_name, NULL AS att_type, NULL::int AS att_size""")
                .bind("c", conversationId).bind("a", author.code()).bind("st", staffId)
                .bind("b", body).bind("i", internal).bind("cid", clientId).map(MESSAGE).one();
    }

    // ---------------------------------------------------------------- what the visitor was told

    /** The visitor saw the conversation up to {@code seq}; a reply they saw is no longer untold. */
    public void markTold(long conversationId, int seq) {
        h.createUpdate("""
                        UPDATE conversations SET visitor_told_seq = :seq, untold_since = CASE WHEN :seq >= last_seq THEN NULL ELSE untold_since END
                        WHERE id = :c AND visitor_told_seq < :seq""").bind("c", conversationId).bind("seq", seq).execute();
    }

    /** Conversations whose oldest untold public staff reply was written before {@code before}, oldest first. */
    public List<Long> untoldBefore(Timestamp before, int limit) {
        return h.createQuery("SELECT id FROM conversations WHERE untold_since < :t ORDER BY untold_since LIMIT :l")
                .bind("t", before).bind("l", limit).mapTo(Long.class).list();
    }

    /** Conversations of one origin's kind (a Messenger thread) with a staff reply its visitor has not been told, oldest first. */
    public List<Long> untoldOfOrigin(String originKind, int limit) {
        return h.createQuery("SELECT id FROM conversations WHERE untold_since IS NOT NULL AND origin_kind = :k ORDER BY untold_since LIMIT :l")
                .bind("k", originKind).bind("l", limit).mapTo(Long.class).list();
    }

    /** The public staff replies after what the visitor was told, oldest first; the caller holds the conversation lock. */
    public List<Message> untoldReplies(long conversationId) {
        return h.createQuery("SELECT " + MESSAGE_COLUMNS + MESSAGES + """
                        WHERE m.conversation_id = :c AND m.author_kind = 'agent' AND NOT m.internal
                          AND m.seq > (SELECT visitor_told_seq FROM conversations WHERE id = :c)
                        ORDER BY m.seq""")
                .bind("c", conversationId).map(MESSAGE).list();
    }

    /** Everything up to the last message is told (seen or mailed); {@code byEmail}: some of it went by mail. */
    public void toldAll(long conversationId, boolean byEmail) {
        h.createUpdate("""
                        UPDATE conversations SET visitor_told_seq = last_seq, untold_since = NULL,
                          answered_by_email = answered_by_email OR :mail WHERE id = :c""")
                .bind("c", conversationId).bind("mail", byEmail).execute();
    }

    /** When the oldest untold reply was written, null when nothing is untold. */
    public Optional<java.time.Instant> untoldSince(long conversationId) {
        return h.createQuery("SELECT untold_since FROM conversations WHERE id = :c").bind("c", conversationId)
                .mapTo(java.time.Instant.class).findOne();
    }

    public Optional<Message> message(long id) {
        return h.createQuery("SELECT " + MESSAGE_COLUMNS + MESSAGES + "WHERE m.id = :id").bind("id", id).map(MESSAGE).findOne();
    }

    public List<Message> messagesAfter(long conversationId, int afterSeq, boolean includeInternal, int limit) {
        return h.createQuery("SELECT " + MESSAGE_COLUMNS + MESSAGES + "WHERE m.conversation_id = :c AND m.seq > :after"
                        + (includeInternal ? "" : " AND NOT m.internal") + " ORDER BY m.seq LIMIT :l")
                .bind("c", conversationId).bind("after", afterSeq).bind("l", limit).map(MESSAGE).list();
    }

    /** Messages stored since a moment, for catching up after lost notices. */
    public List<Message> messagesSince(Timestamp since, int limit) {
        return h.createQuery("SELECT " + MESSAGE_COLUMNS + MESSAGES + "WHERE m.created_at >= :t ORDER BY m.id LIMIT :l")
                .bind("t", since).bind("l", limit).map(MESSAGE).list();
    }

    public void setStatus(long id, String status, Long assigneeId) {
        h.createUpdate("""
                        UPDATE conversations SET status = :st, assignee_id = :a,
                          queued_at = CASE WHEN :st = 'waiting' AND status <> 'waiting' THEN now() ELSE queued_at END,
                          assigned_at = CASE WHEN :st = 'open' THEN now() ELSE assigned_at END,
                          resolved_at = CASE WHEN :st = 'resolved' THEN now() ELSE NULL END
                        WHERE id = :id""")
                .bind("id", id).bind("st", status).bind("a", assigneeId).execute();
    }

    public void moveToService(long id, long serviceId) {
        h.createUpdate("UPDATE conversations SET service_id = :s WHERE id = :id").bind("id", id).bind("s", serviceId).execute();
    }

    /** Every conversation of the contact with its messages and files (their bytes in base64), as JSON, for the contact's export. */
    public String personalDataJson(long contactId) {
        return h.createQuery("""
                        SELECT coalesce(jsonb_agg(to_jsonb(c) || jsonb_build_object('messages',
                                 (SELECT coalesce(jsonb_agg(to_jsonb(m) - 'client_id' ORDER BY m.seq), '[]') FROM messages m WHERE m.conversation_id = c.id),
                                 'attachments', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', a.id, 'messageId', a.message_id, 'name', a.name,
                                     'contentType', a.content_type, 'size', a.size, 'createdAt', a.created_at, 'base64', encode(a.data, 'base64'))
                                     ORDER BY a.id), '[]') FROM inbox_attachments a WHERE a.conversation_id = c.id))
                               ORDER BY c.created_at), '[]')
                        FROM conversations c WHERE c.contact_id = :c""").bind("c", contactId).mapTo(String.class).one();
    }

    public boolean hasUnresolved(long contactId) {
        return h.createQuery("SELECT EXISTS (SELECT 1 FROM conversations WHERE contact_id = :c AND status <> 'resolved')")
                .bind("c", contactId).mapTo(Boolean.class).one();
    }

    /** A resolved conversation holds no agent's capacity, so its deletion touches nothing else. */
    public void deleteOfContact(long contactId) {
        h.createUpdate("DELETE FROM messages WHERE conversation_id IN (SELECT id FROM conversations WHERE contact_id = :c)").bind("c", contactId).execute();
        h.createUpdate("DELETE FROM conversations WHERE contact_id = :c").bind("c", contactId).execute();
    }

    /** The median time from assignment to resolution of the service's last 50 resolved conversations, in seconds (null: none yet). */
    public Double medianHandlingSeconds(long serviceId) {
        return h.createQuery("""
                        SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM resolved_at - assigned_at))
                        FROM (SELECT resolved_at, assigned_at FROM conversations
                              WHERE service_id = :s AND status = 'resolved' AND assigned_at IS NOT NULL AND resolved_at > assigned_at
                              ORDER BY resolved_at DESC LIMIT 50) recent""")
                .bind("s", serviceId).mapTo(Double.class).findOne().orElse(null);
    }
}
