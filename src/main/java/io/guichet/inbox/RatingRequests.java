package io.guichet.inbox;

import io.guichet.inbox.internal.RatingDao;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.mail.MailBody;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Asking by mail for the rating of a resolved conversation when the visitor has left: the widget draws the rating
 * form when it shows the resolution (and {@link Ratings#accessVisitorRating} records that they were asked there);
 * a conversation still not asked {@code askAfter} after its resolution (they closed the page, the reply went by email,
 * the socket was gone) gets one mail with a signed link to {@link #PATH}. The ask is claimed in
 * {@code conversation_rating_asks} in the transaction that queues the mail: one mail per conversation, ever, whichever
 * node runs the pass. The survey has no commercial content: a transactional mail, not a CASL message needing consent.
 */
public final class RatingRequests implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RatingRequests.class);
    /** The public page of the mailed link; the signed token is its only credential. */
    public static final String PATH = WebKernel.SIGNED_LINKS + "avis/";
    public static final String KIND = "rating-request";
    static final String PURPOSE = "rating";
    /** A conversation resolved longer ago than this is no longer asked (a pass after a long stop mails no old ones). */
    static final Duration ASK_WITHIN = Duration.ofDays(7);
    static final Duration LINK_LIFETIME = Duration.ofDays(30);
    private static final int PASS_LIMIT = 200;

    private final Jdbi jdbi;
    private final Ratings ratings;
    private final ConversationService conversations;
    private final PeopleService people;
    private final ServiceCatalogue services;
    private final Outbox outbox;
    private final Messages messages;
    private final SignedTokens tokens;
    private final String publicUrl;
    private final Duration askAfter;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("rating-requests").daemon().factory());

    public RatingRequests(Jdbi jdbi, Ratings ratings, ConversationService conversations, PeopleService people, ServiceCatalogue services,
                          Outbox outbox, Messages messages, SignedTokens tokens, String publicUrl, Duration askAfter, Clock clock) {
        this.jdbi = jdbi;
        this.ratings = ratings;
        this.conversations = conversations;
        this.people = people;
        this.services = services;
        this.outbox = outbox;
        this.messages = messages;
        this.tokens = tokens;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.askAfter = askAfter;
        this.clock = clock;
    }

    /** One face of the mail: its score, its words and the page's link with that score chosen (a GET rates nothing). */
    public record Face(int score, String emoji, String label, String link) {
    }

    /** The model of the mail kind {@code rating-request}. */
    public record Mail(String serviceName, String link, List<Face> faces) {
    }

    public static final List<String> FACES = List.of("😞", "🙁", "😐", "🙂", "😄");

    /** Every minute: the pass on this node (others may run it too; the claim keeps it to one mail). */
    public void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                doMailRatingRequests(clock.instant());
            } catch (RuntimeException e) {
                log.warn("The rating request pass failed", e);
            }
        }, 60, 60, TimeUnit.SECONDS);
    }

    /** Mails the conversations resolved before {@code now - askAfter} whose visitor was not asked; how many mails were queued. */
    public int doMailRatingRequests(Instant now) {
        List<RatingDao.Unasked> due = jdbi.withHandle(h -> new RatingDao(h).unasked(now.minus(ASK_WITHIN), now.minus(askAfter), PASS_LIMIT));
        int queued = 0;
        for (RatingDao.Unasked u : due) {
            Contact contact = people.findContactForDelivery(u.contactId());
            OutgoingMail mail = contact == null || contact.email() == null ? null : mailFor(u, contact, now);
            boolean sent = jdbi.inTransaction(h -> {
                RatingDao dao = new RatingDao(h);
                if (!dao.markAsked(u.conversationId(), mail == null ? "none" : "mail")) return false; // the widget or another node was first
                if (mail != null) outbox.queue(h, mail);
                return mail != null;
            });
            if (sent) queued++;
        }
        return queued;
    }

    private OutgoingMail mailFor(RatingDao.Unasked u, Contact contact, Instant now) {
        Messages.Localizer t = messages.in(u.lang());
        String service = services.findById(u.serviceId()).name(t.lang());
        String link = linkFor(u.conversationId(), now);
        List<Face> faces = IntStream.rangeClosed(1, 5).mapToObj(n ->
                new Face(n, FACES.get(n - 1), t.t("widget.chat.rate" + n), link + "?score=" + n)).toList();
        try {
            return OutgoingMail.of(contact.email(), contact.name(), t.lang(), Purpose.TRANSACTIONAL, contact.id(),
                    t.t("ratings.mail.subject", service), new MailBody(KIND, new Mail(service, link, faces)));
        } catch (ApiError e) {
            log.info("Conversation {}: the contact's address cannot receive mail ({})", u.conversationId(), e.getMessage());
            return null;
        }
    }

    /** The rating page of a conversation, signed for {@link #LINK_LIFETIME}. */
    public String linkFor(long conversationId, Instant now) {
        return publicUrl + PATH + tokens.sign(PURPOSE, Long.toString(conversationId), now.plus(LINK_LIFETIME));
    }

    /** What the page of a link shows: the conversation's language and service, and its rating when it has one. */
    public record Linked(Conversation conversation, String serviceName, Optional<Rating> rating) {
    }

    /** Empty for a forged, altered or expired token, or a conversation that is gone. */
    public Optional<Linked> findLinked(String token) {
        return conversationOf(token).map(c -> new Linked(c, services.findById(c.serviceId()).name(c.lang()), ratings.findRating(c.id())));
    }

    /** The rating given on the link's page: 404 for a bad link, then the API's rules (409 once rated). */
    public Rating doRateByLink(String token, Integer score, String comment) {
        Conversation c = conversationOf(token).orElseThrow(() -> ApiError.notFound("Conversation"));
        return ratings.rate(c, score, comment);
    }

    private Optional<Conversation> conversationOf(String token) {
        if (token == null || token.length() > SignedTokens.MAX_LENGTH) return Optional.empty();
        return tokens.verify(PURPOSE, token, clock.instant()).flatMap(RatingRequests::number).flatMap(conversations::findForDelivery);
    }

    private static Optional<Long> number(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
