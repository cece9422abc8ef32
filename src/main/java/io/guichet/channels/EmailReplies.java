package io.guichet.channels;

import io.guichet.channels.internal.EmailThreadDao;
import io.guichet.identity.IdentityService;
import io.guichet.inbox.Authors;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Message;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.MailSettings;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Outbox;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.SignedTokens;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The email channel's way out: a staff reply the visitor has not seen in the widget {@link EmailSettings#replyAfter}
 * after it was written (they left, or the conversation was offline) goes to them by email, with every other reply
 * still unseen then (one mail for a burst of replies), through the outbox in the same transaction that counts them
 * as told, so each is mailed once whichever node runs the pass and never when the visitor saw it live.
 *
 * <p>Each conversation's mails form one thread: the first mail's Message-ID is its root, named in every later mail's
 * References; each mail answers the thread's last mail (ours or the visitor's). A mail carries a signed link to the
 * conversation's page ({@link #PATH}, valid {@link EmailSettings#linkLifetime}) and, when a reply mailbox is set, a
 * Reply-To of {@code <local>+c<id>-<tag>@<domain>}, the tag signing the conversation id.
 */
public final class EmailReplies implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(EmailReplies.class);
    /** What the page link's token is signed for. */
    static final String LINK = "conversation";
    /** What the Reply-To address's tag is signed for. */
    static final String ADDRESS = "reply-address";
    /** The visitor's page of a conversation: the signed token is its only credential. */
    public static final String PATH = WebKernel.SIGNED_LINKS + "conversation/";
    /** The mail's template kind. */
    public static final String KIND = "conversation-reply";
    private static final int PASS_LIMIT = 200;

    private final Jdbi jdbi;
    private final ConversationService conversations;
    private final PeopleService people;
    private final Authors authors;
    private final ServiceCatalogue services;
    private final Outbox outbox;
    private final Messages messages;
    private final SignedTokens tokens;
    private final MailSettings mail;
    private final EmailSettings settings;
    private final Clock clock;
    private final Pattern replyAddress;
    /** A conversation another channel answers (Messenger within its window): its replies are not mailed. */
    private final java.util.function.LongPredicate answeredElsewhere;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("email-replies").daemon().factory());

    public EmailReplies(Jdbi jdbi, ConversationService conversations, PeopleService people, IdentityService identity,
                        ServiceCatalogue services, Outbox outbox, Messages messages, SignedTokens tokens, MailSettings mail,
                        EmailSettings settings, Clock clock, java.util.function.LongPredicate answeredElsewhere) {
        this.answeredElsewhere = answeredElsewhere;
        this.jdbi = jdbi;
        this.conversations = conversations;
        this.people = people;
        this.authors = new Authors(identity, services);
        this.services = services;
        this.outbox = outbox;
        this.messages = messages;
        this.tokens = tokens;
        this.mail = mail;
        this.settings = settings;
        this.clock = clock;
        this.replyAddress = settings.replyAddress() == null ? null : Pattern.compile(
                Pattern.quote(local(settings.replyAddress())) + "\\+c(\\d{1,18})-([0-9a-fA-F]+)@" + Pattern.quote(domain(settings.replyAddress())),
                Pattern.CASE_INSENSITIVE);
    }

    /** What the reply mail's templates receive: who wrote, what they wrote (oldest first), and how to answer. */
    public record ReplyMail(String agentName, String serviceName, List<String> replies, String link, long linkDays, boolean answerByMail) {
    }

    public EmailSettings settings() {
        return settings;
    }

    /** Runs the pass on a timer (every {@link EmailSettings#passEvery}). */
    public void start() {
        long every = settings.passEvery().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                doMailUntoldReplies();
            } catch (RuntimeException e) {
                log.warn("The email reply pass failed", e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    /** One pass: mails the replies unseen for longer than the delay; returns how many mails were queued. */
    public int doMailUntoldReplies() {
        Instant before = clock.instant().minus(settings.replyAfter());
        int queued = 0;
        for (long id : conversations.findUntoldBefore(before, PASS_LIMIT)) {
            if (answeredElsewhere.test(id)) continue;
            Conversation mailed = jdbi.inTransaction(h -> {
                ConversationService.Untold untold = conversations.doTakeUntold(h, id, before).orElse(null);
                if (untold == null || untold.replies().isEmpty()) return null;
                Conversation c = untold.conversation();
                Contact contact = people.findContactForDelivery(c.contactId());
                OutgoingMail m = contact == null ? null : mailFor(c, contact, untold.replies(), new EmailThreadDao(h).thread(c.id()));
                if (m == null) return null; // no address to write to: the widget shows the replies when they come back
                long mailId = outbox.queue(h, m);
                new EmailThreadDao(h).add(c.id(), outbox.messageIdOf(h, mailId));
                conversations.doMarkAnsweredByEmail(h, c.id());
                return c;
            });
            if (mailed != null) {
                conversations.announceMailed(mailed);
                queued++;
            }
        }
        return queued;
    }

    /** The mail of these replies, threaded; null when the contact's address cannot be written to. */
    private OutgoingMail mailFor(Conversation c, Contact contact, List<Message> replies, Optional<EmailThreadDao.Thread> thread) {
        if (contact.email() == null) return null;
        Messages.Localizer t = messages.in(c.lang());
        String serviceName = services.findById(c.serviceId()).name(c.lang());
        Message last = replies.getLast();
        String agent = authors.of(c, List.of(last), t).of(last);
        ReplyMail model = new ReplyMail(agent, serviceName, replies.stream().map(Message::body).toList(), linkFor(c.id()),
                settings.linkLifetime().toDays(), replyAddress != null);
        OutgoingMail m;
        try {
            m = OutgoingMail.of(contact.email(), contact.name(), c.lang(), Purpose.TRANSACTIONAL, contact.id(),
                    t.t("channels.mail.subject", serviceName), new MailBody(KIND, model));
        } catch (ApiError e) {
            log.info("Conversation {}: the contact's address cannot receive mail ({})", c.id(), e.getMessage());
            return null;
        }
        m = m.from(t.t("channels.mail.from", agent, mail.institutionName()), replyAddressFor(c.id()));
        if (thread.isEmpty()) return m;
        List<String> references = new ArrayList<>(List.of(thread.get().rootMessageId()));
        if (!thread.get().lastMessageId().equals(thread.get().rootMessageId())) references.add(thread.get().lastMessageId());
        return m.replyingTo(thread.get().lastMessageId(), references);
    }

    // ---------------------------------------------------------------- the signed link and the reply address

    /** The conversation's page for its visitor, signed and valid {@link EmailSettings#linkLifetime}. */
    public String linkFor(long conversationId) {
        return mail.publicUrl() + PATH + tokens.sign(LINK, Long.toString(conversationId), clock.instant().plus(settings.linkLifetime()));
    }

    /** The conversation a page link names; empty for a tampered, expired or foreign token. */
    public Optional<Long> findLinkedConversation(String token) {
        return tokens.verify(LINK, token, clock.instant()).flatMap(EmailReplies::number);
    }

    /** {@code reponses+c42-<tag>@cegep.qc.ca}; null without a reply mailbox. */
    public String replyAddressFor(long conversationId) {
        if (replyAddress == null) return null;
        return local(settings.replyAddress()) + "+c" + conversationId + "-" + tokens.tag(ADDRESS, Long.toString(conversationId))
                + "@" + domain(settings.replyAddress());
    }

    /** What a recipient address says about a conversation. */
    public enum AddressCheck { NOT_OURS, FORGED, VALID }

    public record Addressed(AddressCheck check, Long conversationId) {
    }

    /** Whether an address is a conversation's reply address, and whose; a wrong tag is {@code FORGED}. */
    public Addressed findAddressed(String address) {
        if (replyAddress == null || address == null) return new Addressed(AddressCheck.NOT_OURS, null);
        Matcher m = replyAddress.matcher(address.strip());
        if (!m.matches()) return new Addressed(AddressCheck.NOT_OURS, null);
        boolean genuine = tokens.hasTag(ADDRESS, Long.toString(Long.parseLong(m.group(1))), m.group(2));
        return genuine ? new Addressed(AddressCheck.VALID, Long.parseLong(m.group(1))) : new Addressed(AddressCheck.FORGED, null);
    }

    private static Optional<Long> number(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String local(String address) {
        return address.substring(0, address.indexOf('@'));
    }

    private static String domain(String address) {
        return address.substring(address.indexOf('@') + 1).toLowerCase(Locale.ROOT);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
