package io.guichet.channels;

import io.guichet.channels.internal.GraphClient;
import io.guichet.channels.internal.MessengerDao;
import io.guichet.identity.Viewer;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Message;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.ApiError;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Messenger's way out. A staff reply on a Messenger conversation is stored by the inbox like any other (the agent's
 * acknowledgement) and waits "untold"; {@link #doQueueUntold} takes it, in the transaction that marks it told, into
 * {@code messenger_outbox} — durable, once per message — and {@link #doSendDue} sends it with the Send API
 * ({@code messaging_type: RESPONSE}): stored → sending (claimed by one node) → sent, or again later with a growing
 * delay, or failed. The 24-hour standard messaging window counts from the person's last message: after it a reply is
 * not sent ({@code window_closed}) — unless the contact has an email address, in which case it is left untold for the
 * email channel's pass, which mails it ({@link #answersByMessenger} tells that pass which ones to leave). Meta's
 * error 190 (the page token expired or was revoked) fails the reply and puts the channel in error; inbound messages
 * are still stored and posted.
 */
public final class MessengerReplies implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessengerReplies.class);
    static final int MAX_ATTEMPTS = 6;
    private static final int BATCH = 20;

    private final Jdbi jdbi;
    private final Channels channels;
    private final ConversationService conversations;
    private final PeopleService people;
    private final MessengerInbound inbound;
    private final GraphClient graph;
    private final MessengerSettings settings;
    private final MeterRegistry meters;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("messenger-pass").factory());

    public MessengerReplies(Jdbi jdbi, Channels channels, ConversationService conversations, PeopleService people, MessengerInbound inbound,
                            MessengerSettings settings, MeterRegistry meters, Clock clock) {
        this.jdbi = jdbi;
        this.channels = channels;
        this.conversations = conversations;
        this.people = people;
        this.inbound = inbound;
        this.graph = new GraphClient(settings.graphApiUrl());
        this.settings = settings;
        this.meters = meters;
        this.clock = clock;
    }

    /** Every pass of the channel on a timer: inbound events left over (a retry, another node's crash), replies to queue and to send. */
    public void start() {
        long every = settings.passEvery().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                inbound.doProcessWaiting();
                doQueueUntold();
                doSendDue();
            } catch (RuntimeException e) {
                log.warn("The Messenger pass failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** A Messenger conversation's window: open until {@code closesAt}; the contact's email when a closed one can go on by mail. */
    public record Window(boolean open, Instant closesAt, String email) {
    }

    private Optional<Window> window(MessengerDao.Thread t, Contact contact) {
        Instant closes = t.lastInboundAt().plus(settings.window());
        return Optional.of(new Window(clock.instant().isBefore(closes), closes, contact == null ? null : contact.email()));
    }

    /** For the email channel's pass: true when this conversation's replies go by Messenger (so it does not mail them). */
    public boolean answersByMessenger(long conversationId) {
        Optional<MessengerDao.Thread> t = jdbi.withHandle(h -> new MessengerDao(h).threadOf(conversationId));
        if (t.isEmpty()) return false;
        Contact contact = people.findContactForDelivery(t.get().contactId());
        Window w = window(t.get(), contact).orElseThrow();
        return w.open() || w.email() == null;
    }

    /**
     * Queues the untold replies of Messenger conversations, and of the page's comments (each posted publicly under the
     * person's last comment: a public reply has no window); returns how many replies were queued (or failed for the window).
     */
    public int doQueueUntold() {
        int queued = 0;
        for (long id : conversations.findUntoldOfOrigin(Channels.MESSENGER, 200)) {
            MessengerDao.Thread t = jdbi.withHandle(h -> new MessengerDao(h).threadOf(id)).orElse(null);
            if (t == null) continue;
            Window w = window(t, people.findContactForDelivery(t.contactId())).orElseThrow();
            if (!w.open() && w.email() != null) continue; // the email channel mails it: the conversation goes on by mail
            queued += queueUntold(id, t.channelId(), "message", t.psid(), w.open() ? null : "window_closed");
        }
        for (long id : conversations.findUntoldOfOrigin(Channels.FACEBOOK_COMMENT, 200)) {
            MessengerDao.CommentThread t = jdbi.withHandle(h -> new MessengerDao(h).commentThreadOf(id)).orElse(null);
            if (t != null) queued += queueUntold(id, t.channelId(), "comment", t.lastCommentId(), null);
        }
        return queued;
    }

    private int queueUntold(long conversationId, long channelId, String target, String recipient, String failedReason) {
        return jdbi.inTransaction(h -> {
            ConversationService.Untold untold = conversations.doTakeUntold(h, conversationId, Instant.MAX).orElse(null); // every untold reply, however recent
            if (untold == null) return 0;
            MessengerDao dao = new MessengerDao(h);
            for (Message reply : untold.replies()) {
                dao.queue(channelId, conversationId, reply.id(), target, recipient, reply.body(), failedReason, clock.instant());
            }
            return untold.replies().size();
        });
    }

    /** Whether the conversation is a page comment's whose last comment has not had its private reply (for the console's action). */
    public boolean mayReplyPrivately(Viewer agent, long conversationId) {
        conversations.accessConversation(agent, conversationId);
        return jdbi.withHandle(h -> {
            MessengerDao dao = new MessengerDao(h);
            return dao.commentThreadOf(conversationId).map(t -> !dao.privateReplySent(t.lastCommentId())).orElse(false);
        });
    }

    /**
     * "Reply in private" to the last comment of a page-comment conversation: Messenger's one private reply to a comment,
     * which opens a Messenger conversation with its author when they answer. Kept in the thread as a note (staff see
     * what was said; the public wall does not), queued like any reply; a second private reply to the same comment is
     * refused, as Meta refuses it.
     */
    public Message doReplyPrivately(Viewer agent, long conversationId, String body, String clientId) {
        Conversation c = conversations.accessConversation(agent, conversationId);
        MessengerDao.CommentThread t = jdbi.withHandle(h -> new MessengerDao(h).commentThreadOf(c.id()))
                .orElseThrow(() -> ApiError.conflict("not_a_comment", "Only a conversation from the page's comments has a private reply"));
        if (jdbi.withHandle(h -> new MessengerDao(h).privateReplySent(t.lastCommentId())))
            throw ApiError.conflict("private_reply_sent", "This comment has had its private reply");
        Message note = conversations.doSendAgentMessage(agent, c.id(), body, clientId, true).message();
        jdbi.useHandle(h -> new MessengerDao(h).queue(t.channelId(), c.id(), note.id(), "private", t.lastCommentId(), note.body(), null, clock.instant()));
        return note;
    }

    /** Sends the replies that are due; returns how many were sent. */
    public int doSendDue() {
        Instant now = clock.instant();
        List<MessengerDao.Outgoing> claimed = jdbi.inTransaction(h -> {
            MessengerDao dao = new MessengerDao(h);
            dao.releaseStale(now.minus(Duration.ofMinutes(2)));
            return dao.claim(now, BATCH);
        });
        int sent = 0;
        for (MessengerDao.Outgoing o : claimed) {
            Channels.Page page = channels.findPage(o.channelId()).orElse(null);
            GraphClient.Answer a = page == null ? new GraphClient.Answer(0, null, -1, "channel removed") : switch (o.target()) {
                case "comment" -> graph.replyToComment(o.recipient(), page.accessToken(), o.body());
                case "private" -> graph.replyPrivately(page.pageId(), page.accessToken(), o.recipient(), o.body());
                default -> {
                    // the person sees their messages read (the Send API's mark_seen) before the answer; its failure changes nothing
                    if (o.attempts() == 0) graph.senderAction(page.pageId(), page.accessToken(), o.recipient(), "mark_seen");
                    yield graph.sendText(page.pageId(), page.accessToken(), o.recipient(), o.body());
                }
            };
            Instant at = clock.instant();
            if (a.ok()) {
                jdbi.useHandle(h -> new MessengerDao(h).sent(o.id(), a.messageId(), at));
                channels.recordOk(o.channelId());
                count("sent");
                sent++;
            } else if (a.errorCode() != null && a.errorCode() == 190) {
                jdbi.useHandle(h -> new MessengerDao(h).failed(o.id(), "token_expired"));
                channels.recordError(o.channelId(), "token_expired");
                count("token_expired");
            } else if (a.transientFailure() && o.attempts() + 1 < MAX_ATTEMPTS) {
                Duration wait = Duration.ofSeconds(10L << o.attempts());
                jdbi.useHandle(h -> new MessengerDao(h).retry(o.id(), reason(a), at.plus(wait)));
                count("retry");
            } else {
                jdbi.useHandle(h -> new MessengerDao(h).failed(o.id(), a.transientFailure() ? "gave_up" : reason(a)));
                channels.recordError(o.channelId(), reason(a));
                count("failed");
            }
        }
        return sent;
    }

    private static String reason(GraphClient.Answer a) {
        return a.errorCode() != null ? "graph_error_" + a.errorCode() : a.status() == 0 ? "no_answer" : "http_" + a.status();
    }

    private void count(String outcome) {
        meters.counter("guichet.messenger.outbound", "outcome", outcome).increment();
    }

    // ---------------------------------------------------------------- what the console shows

    /** A reply's way to Messenger: stored, sending, sent or failed (with why). */
    public record Delivery(long messageId, String status, String reason, int attempts, Instant createdAt) {
    }

    /** The Messenger side of a conversation the viewer may read: its window and its replies' deliveries, newest first. */
    public record State(Window window, List<Delivery> deliveries) {
    }

    public Optional<State> accessState(Viewer viewer, long conversationId) {
        Conversation c = conversations.accessConversation(viewer, conversationId);
        return jdbi.withHandle(h -> {
            MessengerDao dao = new MessengerDao(h);
            return dao.threadOf(c.id()).map(t -> new State(window(t, people.findContactForDelivery(c.contactId())).orElseThrow(),
                    dao.deliveriesOf(c.id(), 50).stream().map(d -> new Delivery(d.messageId(), d.status(), d.reason(), d.attempts(), d.createdAt())).toList()));
        });
    }

    /** The Messenger threads of a contact (the console's panel): each conversation's id and window. */
    public List<Long> findConversationsOfContact(long contactId) {
        return jdbi.withHandle(h -> new MessengerDao(h).threadsOfContact(contactId)).stream()
                .map(MessengerDao.Thread::conversationId).filter(java.util.Objects::nonNull).toList();
    }
}
