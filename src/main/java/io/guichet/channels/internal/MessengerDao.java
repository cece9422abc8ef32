package io.guichet.channels.internal;

import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL of the Messenger adapter: raw events, posted mids, threads (PSID ↔ conversation) and the outbound queue. */
public final class MessengerDao {
    private final Handle h;

    public MessengerDao(Handle h) {
        this.h = h;
    }

    // ------------------------------------------------------------ events

    /** Empty when these very bytes were stored already (Meta redelivered the same POST). */
    public Optional<Long> storeEvent(long channelId, String sha256, byte[] raw, Instant now) {
        return h.createQuery("""
                        INSERT INTO messenger_events (channel_id, body_sha256, raw, received_at, next_attempt_at) VALUES (:c, :sha, :raw, :now, :now)
                        ON CONFLICT (body_sha256) DO NOTHING RETURNING id""")
                .bind("c", channelId).bind("sha", sha256).bind("raw", raw).bind("now", Timestamp.from(now)).mapTo(Long.class).findOne();
    }

    public record Event(long id, long channelId, byte[] raw, int attempts) {
    }

    /** Events due for processing, each locked for this node (another skips it). */
    public List<Event> dueEvents(Instant now, int limit) {
        return h.createQuery("""
                        SELECT id, channel_id, raw, attempts FROM messenger_events
                        WHERE status = 'stored' AND next_attempt_at <= :now ORDER BY id LIMIT :l FOR UPDATE SKIP LOCKED""")
                .bind("now", Timestamp.from(now)).bind("l", limit)
                .map((rs, ctx) -> new Event(rs.getLong(1), rs.getLong(2), rs.getBytes(3), rs.getInt(4))).list();
    }

    public void eventProcessed(long id) {
        h.createUpdate("UPDATE messenger_events SET status = 'processed', attempts = attempts + 1, last_error = NULL WHERE id = :id").bind("id", id).execute();
    }

    public void eventRetry(long id, String error, Instant next, boolean giveUp) {
        h.createUpdate("""
                        UPDATE messenger_events SET attempts = attempts + 1, last_error = :e, next_attempt_at = :n,
                               status = CASE WHEN :giveUp THEN 'failed' ELSE 'stored' END WHERE id = :id""")
                .bind("id", id).bind("e", error).bind("n", Timestamp.from(next)).bind("giveUp", giveUp).execute();
    }

    public record EventState(String status, int attempts, String lastError) {
    }

    public Optional<EventState> eventState(long id) {
        return h.createQuery("SELECT status, attempts, last_error FROM messenger_events WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new EventState(rs.getString(1), rs.getInt(2), rs.getString(3))).findOne();
    }

    // ------------------------------------------------------------ messages and threads

    public boolean posted(String mid) {
        return h.createQuery("SELECT 1 FROM messenger_messages WHERE mid = :m").bind("m", mid).mapTo(Integer.class).findOne().isPresent();
    }

    public void markPosted(String mid, long eventId, long channelId, String psid, long conversationId) {
        h.createUpdate("""
                        INSERT INTO messenger_messages (mid, event_id, channel_id, psid, conversation_id)
                        VALUES (:m, :e, :c, :p, :conv) ON CONFLICT (mid) DO NOTHING""")
                .bind("m", mid).bind("e", eventId).bind("c", channelId).bind("p", psid).bind("conv", conversationId).execute();
    }

    public record Thread(long channelId, String psid, long contactId, Long conversationId, Instant lastInboundAt) {
    }

    private static final String THREAD = "SELECT channel_id, psid, contact_id, conversation_id, last_inbound_at FROM messenger_threads ";
    private static final org.jdbi.v3.core.mapper.RowMapper<Thread> THREADS = (rs, ctx) -> new Thread(rs.getLong(1), rs.getString(2),
            rs.getLong(3), (Long) rs.getObject(4), rs.getTimestamp(5).toInstant());

    /** The thread locked for this message's handling (two first messages of one person make one conversation). */
    public Optional<Thread> lockThread(long channelId, String psid) {
        return h.createQuery(THREAD + "WHERE channel_id = :c AND psid = :p FOR UPDATE").bind("c", channelId).bind("p", psid).map(THREADS).findOne();
    }

    /** Makes the thread unless another node just did; the caller locks it next. */
    public void insertThread(long channelId, String psid, long contactId, Instant at) {
        h.createUpdate("""
                        INSERT INTO messenger_threads (channel_id, psid, contact_id, last_inbound_at) VALUES (:c, :p, :contact, :t)
                        ON CONFLICT DO NOTHING""")
                .bind("c", channelId).bind("p", psid).bind("contact", contactId).bind("t", Timestamp.from(at)).execute();
    }

    public void threadMessage(long channelId, String psid, long conversationId, Instant at) {
        h.createUpdate("""
                        UPDATE messenger_threads SET conversation_id = :conv, last_inbound_at = GREATEST(last_inbound_at, :t)
                        WHERE channel_id = :c AND psid = :p""")
                .bind("c", channelId).bind("p", psid).bind("conv", conversationId).bind("t", Timestamp.from(at)).execute();
    }

    public Optional<Thread> threadOf(long conversationId) {
        return h.createQuery(THREAD + "WHERE conversation_id = :c").bind("c", conversationId).map(THREADS).findOne();
    }

    public List<Thread> threadsOfContact(long contactId) {
        return h.createQuery(THREAD + "WHERE contact_id = :c ORDER BY last_inbound_at DESC LIMIT 20").bind("c", contactId).map(THREADS).list();
    }

    // ------------------------------------------------------------ the page's comments

    public boolean commentPosted(String commentId) {
        return h.createQuery("SELECT 1 FROM facebook_comments WHERE comment_id = :c").bind("c", commentId).mapTo(Integer.class).findOne().isPresent();
    }

    public void markCommentPosted(String commentId, long eventId, long channelId, long conversationId) {
        h.createUpdate("""
                        INSERT INTO facebook_comments (comment_id, event_id, channel_id, conversation_id)
                        VALUES (:id, :e, :c, :conv) ON CONFLICT (comment_id) DO NOTHING""")
                .bind("id", commentId).bind("e", eventId).bind("c", channelId).bind("conv", conversationId).execute();
    }

    /** A person's comments on one post: their contact, the public conversation and the comment replies go under. */
    public record CommentThread(long channelId, String postId, String fromId, long contactId, Long conversationId, String lastCommentId) {
    }

    private static final String COMMENT_THREAD = "SELECT channel_id, post_id, from_id, contact_id, conversation_id, last_comment_id FROM facebook_comment_threads ";
    private static final org.jdbi.v3.core.mapper.RowMapper<CommentThread> COMMENT_THREADS = (rs, ctx) -> new CommentThread(rs.getLong(1), rs.getString(2), rs.getString(3),
            rs.getLong(4), (Long) rs.getObject(5), rs.getString(6));

    public Optional<CommentThread> lockCommentThread(long channelId, String postId, String fromId) {
        return h.createQuery(COMMENT_THREAD + "WHERE channel_id = :c AND post_id = :p AND from_id = :f FOR UPDATE")
                .bind("c", channelId).bind("p", postId).bind("f", fromId).map(COMMENT_THREADS).findOne();
    }

    public void insertCommentThread(long channelId, String postId, String fromId, long contactId, String commentId, Instant at) {
        h.createUpdate("""
                        INSERT INTO facebook_comment_threads (channel_id, post_id, from_id, contact_id, last_comment_id, last_inbound_at)
                        VALUES (:c, :p, :f, :contact, :comment, :t) ON CONFLICT DO NOTHING""")
                .bind("c", channelId).bind("p", postId).bind("f", fromId).bind("contact", contactId).bind("comment", commentId)
                .bind("t", Timestamp.from(at)).execute();
    }

    public void commentThreadMessage(long channelId, String postId, String fromId, long conversationId, String commentId, Instant at) {
        h.createUpdate("""
                        UPDATE facebook_comment_threads SET conversation_id = :conv, last_comment_id = :comment, last_inbound_at = :t
                        WHERE channel_id = :c AND post_id = :p AND from_id = :f""")
                .bind("c", channelId).bind("p", postId).bind("f", fromId).bind("conv", conversationId).bind("comment", commentId)
                .bind("t", Timestamp.from(at)).execute();
    }

    public Optional<CommentThread> commentThreadOf(long conversationId) {
        return h.createQuery(COMMENT_THREAD + "WHERE conversation_id = :c").bind("c", conversationId).map(COMMENT_THREADS).findOne();
    }

    // ------------------------------------------------------------ outbox

    /**
     * Queues one reply, once per message: {@code target} says its way out — {@code message} to the PSID {@code recipient},
     * {@code comment} publicly under the comment {@code recipient}, {@code private} to that comment's author.
     */
    public void queue(long channelId, long conversationId, long messageId, String target, String recipient, String body, String failedReason, Instant now) {
        h.createUpdate("""
                        INSERT INTO messenger_outbox (channel_id, conversation_id, message_id, target, recipient, body, status, reason, next_attempt_at, created_at)
                        VALUES (:c, :conv, :m, :target, :p, :b, :s, :r, :now, :now) ON CONFLICT (message_id) DO NOTHING""")
                .bind("now", Timestamp.from(now)).bind("target", target)
                .bind("c", channelId).bind("conv", conversationId).bind("m", messageId).bind("p", recipient).bind("b", body)
                .bind("s", failedReason == null ? "stored" : "failed").bind("r", failedReason).execute();
    }

    public boolean privateReplySent(String commentId) {
        return h.createQuery("SELECT 1 FROM messenger_outbox WHERE target = 'private' AND recipient = :c AND status <> 'failed'")
                .bind("c", commentId).mapTo(Integer.class).findFirst().isPresent();
    }

    public record Outgoing(long id, long channelId, long conversationId, long messageId, String target, String recipient, String body, int attempts) {
    }

    /** Claims due replies for this node: {@code sending}, so no other node sends them. */
    public List<Outgoing> claim(Instant now, int limit) {
        return h.createQuery("""
                        UPDATE messenger_outbox o SET status = 'sending', claimed_at = :now FROM (
                            SELECT id FROM messenger_outbox WHERE status = 'stored' AND next_attempt_at <= :now
                            ORDER BY id LIMIT :l FOR UPDATE SKIP LOCKED) due
                        WHERE o.id = due.id
                        RETURNING o.id, o.channel_id, o.conversation_id, o.message_id, o.target, o.recipient, o.body, o.attempts""")
                .bind("now", Timestamp.from(now)).bind("l", limit)
                .map((rs, ctx) -> new Outgoing(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getString(5), rs.getString(6),
                        rs.getString(7), rs.getInt(8)))
                .list();
    }

    /** A node that died while sending: after {@code before}, its claims are due again. */
    public int releaseStale(Instant before) {
        return h.createUpdate("UPDATE messenger_outbox SET status = 'stored' WHERE status = 'sending' AND claimed_at < :t")
                .bind("t", Timestamp.from(before)).execute();
    }

    public void sent(long id, String graphMessageId, Instant at) {
        h.createUpdate("UPDATE messenger_outbox SET status = 'sent', graph_message_id = :g, sent_at = :t, attempts = attempts + 1, reason = NULL WHERE id = :id")
                .bind("id", id).bind("g", graphMessageId).bind("t", Timestamp.from(at)).execute();
    }

    public void retry(long id, String reason, Instant next) {
        h.createUpdate("UPDATE messenger_outbox SET status = 'stored', reason = :r, next_attempt_at = :n, attempts = attempts + 1 WHERE id = :id")
                .bind("id", id).bind("r", reason).bind("n", Timestamp.from(next)).execute();
    }

    public void failed(long id, String reason) {
        h.createUpdate("UPDATE messenger_outbox SET status = 'failed', reason = :r, attempts = attempts + 1 WHERE id = :id")
                .bind("id", id).bind("r", reason).execute();
    }

    public record Delivery(long messageId, String status, String reason, int attempts, Instant createdAt, Instant sentAt) {
    }

    public List<Delivery> deliveriesOf(long conversationId, int limit) {
        return h.createQuery("""
                        SELECT message_id, status, reason, attempts, created_at, sent_at FROM messenger_outbox
                        WHERE conversation_id = :c ORDER BY id DESC LIMIT :l""")
                .bind("c", conversationId).bind("l", limit)
                .map((rs, ctx) -> new Delivery(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getInt(4), rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6) == null ? null : rs.getTimestamp(6).toInstant())).list();
    }
}
