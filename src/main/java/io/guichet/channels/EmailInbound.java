package io.guichet.channels;

import io.guichet.channels.internal.EmailThreadDao;
import io.guichet.channels.internal.InboundDao;
import io.guichet.channels.internal.InboundParser;
import io.guichet.channels.internal.ReplyTrimmer;
import io.guichet.identity.Access;
import io.guichet.identity.Viewer;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.ConversationService;
import io.guichet.people.Contact;
import io.guichet.people.ContactDirectory;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.ApiError;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The email channel's way in: a visitor's answer to a reply mail, read from the reply mailbox ({@link ImapPoller}),
 * lands in its conversation. Each mail is stored raw first ({@code email_inbound}, once per Message-ID: a redelivery
 * stores nothing), then read: its conversation is the one its recipient address's signed tag names, else the one
 * whose thread holds a Message-ID it answers (In-Reply-To, References); its new text only (quoted history stripped,
 * HTML turned into text) becomes a visitor message there, as the widget's would (routed, seen live). What a machine
 * wrote (auto-replies, bounces, lists), a forged tag (counted: {@code guichet.mail.inbound{outcome=forged_token}}),
 * a mail with no text or larger than {@link EmailSettings#maxInboundBytes} is kept and never posted, and never
 * answered. Staff open the raw mail from its conversation.
 */
public final class EmailInbound implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmailInbound.class);
    private static final Pattern HEADER_MESSAGE_ID = Pattern.compile("(?im)^Message-ID:\\s*(<[^<>\\s@]+@[^<>\\s@]+>)");
    private static final int HANDLE_LIMIT = 50;

    private final Jdbi jdbi;
    private final EmailReplies replies;
    private final ConversationService conversations;
    private final PeopleService people;
    private final ContactDirectory contacts;
    private final List<String> ownAddresses;
    private final EmailSettings settings;
    private final MeterRegistry meters;
    private final io.guichet.channels.internal.ImapPoller poller;

    public EmailInbound(Jdbi jdbi, EmailReplies replies, ConversationService conversations, PeopleService people, ContactDirectory contacts,
                        String fromAddress, EmailSettings settings, MeterRegistry meters) {
        this.jdbi = jdbi;
        this.replies = replies;
        this.conversations = conversations;
        this.people = people;
        this.contacts = contacts;
        this.ownAddresses = settings.replyAddress() == null ? List.of(fromAddress.toLowerCase(java.util.Locale.ROOT))
                : List.of(fromAddress.toLowerCase(java.util.Locale.ROOT), settings.replyAddress().toLowerCase(java.util.Locale.ROOT));
        this.settings = settings;
        this.meters = meters;
        this.poller = settings.imap() == null ? null : new io.guichet.channels.internal.ImapPoller(settings, this::doReceive);
    }

    /** Starts reading the reply mailbox, when {@code GUICHET_MAIL_IMAP_URL} names one. */
    public void start() {
        if (poller != null) poller.start();
    }

    @Override
    public void close() {
        if (poller != null) poller.close();
    }

    /** What became of one inbound mail. */
    public record Outcome(long id, String status, String reason, Long conversationId) {
    }

    /**
     * Stores the raw mail (cut to the size limit) unless it was stored already, then handles what waits. Empty for a
     * redelivery. No viewer: the reply mailbox is the source.
     */
    public Optional<Outcome> doReceive(byte[] raw) {
        return doReceive(raw, raw.length);
    }

    /** As {@link #doReceive(byte[])} for a mail of {@code size} bytes of which {@code raw} may hold only the first. */
    public Optional<Outcome> doReceive(byte[] raw, long size) {
        boolean tooLarge = size > settings.maxInboundBytes() || raw.length > settings.maxInboundBytes();
        byte[] kept = tooLarge ? Arrays.copyOf(raw, settings.maxInboundBytes()) : raw;
        String messageId = messageIdOf(raw);
        Optional<Long> id = jdbi.inTransaction(h -> {
            Optional<Long> stored = new InboundDao(h).store(messageId, kept, (int) Math.min(size, Integer.MAX_VALUE));
            if (tooLarge) stored.ifPresent(s -> new InboundDao(h).mark(s, "ignored", "too_large", null, null, null, null));
            return stored;
        });
        if (id.isEmpty()) {
            count("redelivered");
            return Optional.empty();
        }
        if (tooLarge) count("too_large");
        doHandleWaiting();
        return jdbi.withHandle(h -> new InboundDao(h).find(id.get()))
                .map(r -> new Outcome(r.id(), r.status(), r.reason(), r.conversationId()));
    }

    /** Handles the stored mails not yet handled (after a crash too), each under its row's lock: once, on one node. */
    public int doHandleWaiting() {
        int handled = 0;
        while (true) {
            int n = jdbi.inTransaction(h -> {
                List<InboundDao.Stored> waiting = new InboundDao(h).waiting(HANDLE_LIMIT);
                for (InboundDao.Stored s : waiting) handle(h, s);
                return waiting.size();
            });
            handled += n;
            if (n < HANDLE_LIMIT) return handled;
        }
    }

    private void handle(org.jdbi.v3.core.Handle h, InboundDao.Stored stored) {
        InboundDao dao = new InboundDao(h);
        InboundParser.Parsed p;
        try {
            p = InboundParser.parse(stored.raw());
        } catch (InboundParser.Unreadable e) {
            dao.mark(stored.id(), "failed", "unreadable", null, null, null, null);
            count("unreadable");
            return;
        }
        String from = p.fromAddress();
        String ignored = p.machine() != null ? p.machine()
                : from == null ? "no_sender"
                : ownAddresses.contains(from) ? "own_mail" : null;
        Long conversationId = null;
        if (ignored == null) {
            boolean forged = false;
            for (String recipient : p.recipients()) {
                EmailReplies.Addressed a = replies.findAddressed(recipient);
                if (a.check() == EmailReplies.AddressCheck.VALID) {
                    conversationId = a.conversationId();
                    break;
                }
                forged |= a.check() == EmailReplies.AddressCheck.FORGED;
            }
            if (conversationId == null && forged) ignored = "forged_token";
            else if (conversationId == null) conversationId = new EmailThreadDao(h).conversationOf(p.thread()).orElse(null);
            if (ignored == null && conversationId == null) ignored = "no_conversation";
        }
        String text = ignored == null ? newText(p) : null;
        if (ignored == null && (text == null || text.isBlank())) ignored = "no_text";
        Conversation c = ignored == null ? conversations.findForDelivery(conversationId).orElse(null) : null;
        if (ignored == null && c == null) ignored = "no_conversation";
        if (ignored != null) {
            dao.mark(stored.id(), "ignored", ignored, from, subject(p), conversationId, null);
            count(ignored);
            return;
        }
        Contact owner = people.findContactForDelivery(c.contactId());
        // The sender is a contact of their own when they are not the conversation's visitor (a parent answering).
        long senderId = owner != null && from.equalsIgnoreCase(owner.email()) ? owner.id()
                : contacts.doFindOrCreateByIdentity(h, "email", from, p.fromName(), c.lang(), "email").contact().id();
        try {
            conversations.doSendVisitorMessage(owner, c.id(), text, "mail:" + sha256(p.messageId() == null ? stored.id() + "" : p.messageId()));
        } catch (ApiError e) {
            log.info("Inbound mail {} not posted: {}", stored.id(), e.getMessage());
            dao.mark(stored.id(), "ignored", "refused", from, subject(p), c.id(), senderId);
            count("refused");
            return;
        }
        if (p.messageId() != null) new EmailThreadDao(h).add(c.id(), p.messageId()); // our next mail answers this one
        dao.mark(stored.id(), "posted", null, from, subject(p), c.id(), senderId);
        count("posted");
    }

    /** The new text, within a message's length (a longer one is cut, and says so). */
    private static String newText(InboundParser.Parsed p) {
        String text = p.text() != null ? ReplyTrimmer.trimText(p.text()) : p.html() != null ? ReplyTrimmer.trimHtml(p.html()) : null;
        if (text == null) return null;
        text = text.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
        int max = ConversationService.MAX_BODY - 2;
        return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max)) + " …";
    }

    private static String subject(InboundParser.Parsed p) {
        return p.subject() == null ? null : p.subject().length() > 300 ? p.subject().substring(0, 300) : p.subject();
    }

    private void count(String outcome) {
        meters.counter("guichet.mail.inbound", "outcome", outcome).increment();
    }

    /** The mail's Message-ID, read from its header lines only (nothing parsed yet); else one made of its bytes. */
    static String messageIdOf(byte[] raw) {
        String head = new String(raw, 0, Math.min(raw.length, 64 * 1024), StandardCharsets.ISO_8859_1);
        int end = head.indexOf("\r\n\r\n");
        if (end < 0) end = head.indexOf("\n\n");
        Matcher m = HEADER_MESSAGE_ID.matcher(end < 0 ? head : head.substring(0, end));
        return m.find() ? m.group(1) : "<" + sha256(raw) + "@inbound.guichet>";
    }

    private static String sha256(String s) {
        return sha256(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    // ---------------------------------------------------------------- staff

    /** An inbound mail as stored, for staff who may read its conversation (supervisors for one that found none). */
    public record Raw(long id, String messageId, String status, String reason, byte[] raw) {
    }

    public Raw accessRaw(Viewer viewer, long id) {
        InboundDao.Row row = jdbi.withHandle(h -> new InboundDao(h).find(id)).orElseThrow(() -> ApiError.notFound("Inbound mail"));
        if (row.conversationId() != null) conversations.accessConversation(viewer, row.conversationId());
        else Access.requireSupervisor(viewer.staff(), "Only a supervisor can read mail that reached no conversation");
        byte[] raw = jdbi.withHandle(h -> new InboundDao(h).raw(id)).orElseThrow();
        return new Raw(row.id(), row.messageId(), row.status(), row.reason(), raw);
    }

    /** The inbound mails of a conversation the viewer may read, oldest first (without their bytes). */
    public List<Raw> accessOfConversation(Viewer viewer, long conversationId) {
        conversations.accessConversation(viewer, conversationId);
        return jdbi.withHandle(h -> new InboundDao(h).ofConversation(conversationId)).stream()
                .map(r -> new Raw(r.id(), r.messageId(), r.status(), r.reason(), null)).toList();
    }
}
