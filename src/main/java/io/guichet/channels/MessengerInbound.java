package io.guichet.channels;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.guichet.channels.internal.GraphClient;
import io.guichet.channels.internal.MessengerDao;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Origin;
import io.guichet.people.Contact;
import io.guichet.people.ContactDirectory;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.BodySignatures;
import io.guichet.platform.web.Messages;
import io.guichet.services.ServiceCatalogue;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Messenger's way in. {@code POST /hooks/messenger} hands {@link #doReceive} the raw body and its
 * {@code X-Hub-Signature-256}: nothing is read before the signature holds (HMAC-SHA256 of the raw bytes with a
 * configured page's app secret, compared in constant time); then the bytes are stored as they came (once: a
 * redelivery of the same bytes stores nothing) and the webhook answers. {@link #doProcessWaiting}, on every node, takes
 * the stored events (each locked for one node) and posts each message in its sender's conversation: the PSID is a
 * {@code messenger} identity of a contact (named from the User Profile API when the page may read it), the first
 * message starts a conversation on the channel's service as the widget's would (routing, capacity, queue), with the
 * origin {@code messenger}. {@code message.mid} is the idempotency key (also the inbox's client id). An event whose
 * processing fails is tried again later, with a growing delay, up to {@value #MAX_ATTEMPTS} times.
 */
public final class MessengerInbound implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MessengerInbound.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final int MAX_ATTEMPTS = 8;
    private static final int BATCH = 20;

    private final Jdbi jdbi;
    private final Channels channels;
    private final ConversationService conversations;
    private final PeopleService people;
    private final ContactDirectory contacts;
    private final ServiceCatalogue services;
    private final GraphClient graph;
    private final MeterRegistry meters;
    private final Clock clock;
    private final java.util.concurrent.ExecutorService kicks = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor();

    public MessengerInbound(Jdbi jdbi, Channels channels, ConversationService conversations, PeopleService people, ContactDirectory contacts,
                            ServiceCatalogue services, MessengerSettings settings, MeterRegistry meters, Clock clock) {
        this.jdbi = jdbi;
        this.channels = channels;
        this.conversations = conversations;
        this.people = people;
        this.contacts = contacts;
        this.services = services;
        this.graph = new GraphClient(settings.graphApiUrl());
        this.meters = meters;
        this.clock = clock;
    }

    // ---------------------------------------------------------------- the webhook

    /** The verification handshake: the challenge when a page's verify token matches, else 403. */
    public String doVerify(String mode, String verifyToken, String challenge) {
        boolean known = verifyToken != null && channels.findMessengerPages().stream()
                .anyMatch(p -> MessageDigest.isEqual(p.verifyToken().getBytes(StandardCharsets.UTF_8), verifyToken.getBytes(StandardCharsets.UTF_8)));
        if (!"subscribe".equals(mode) || !known || challenge == null || challenge.isEmpty() || challenge.length() > 200 || !challenge.matches("[A-Za-z0-9._-]+")) {
            count("verify_refused");
            throw new ApiError(403, "forbidden", "The verify token does not match a configured page");
        }
        return challenge;
    }

    /** What the webhook stored: the event's id, or empty when these bytes had been stored already. */
    public Optional<Long> doReceive(byte[] body, String signature) {
        Channels.Page page = signer(body, signature).orElse(null);
        if (page == null) {
            count(signature == null ? "unsigned" : "forged");
            throw ApiError.unauthorized();
        }
        Optional<Long> id = jdbi.withHandle(h -> new MessengerDao(h).storeEvent(page.id(), sha256(body), body, clock.instant()));
        channels.recordEvent(page.id());
        count(id.isPresent() ? "stored" : "redelivered");
        if (id.isPresent()) kicks.execute(this::processQuietly); // answered now, processed right after
        return id;
    }

    /** The page whose app secret signed these bytes ({@code sha256=<hex>}), in constant time for each. */
    Optional<Channels.Page> signer(byte[] body, String header) {
        byte[] sent = BodySignatures.parse(header);
        if (sent == null) return Optional.empty();
        Channels.Page found = null;
        for (Channels.Page p : channels.findMessengerPages()) {
            if (BodySignatures.matches(sent, p.appSecret(), body) && found == null) found = p;
        }
        return Optional.ofNullable(found);
    }

    // ---------------------------------------------------------------- processing

    private void processQuietly() {
        try {
            doProcessWaiting();
        } catch (RuntimeException e) {
            log.warn("Messenger events could not be processed now; they will be tried again", e);
        }
    }

    /** Processes the events that are due, each on one node; returns how many were handled (processed or put off). */
    public int doProcessWaiting() {
        int handled = 0;
        while (true) {
            int n = jdbi.inTransaction(h -> {
                MessengerDao dao = new MessengerDao(h);
                List<MessengerDao.Event> due = dao.dueEvents(clock.instant(), BATCH);
                for (MessengerDao.Event e : due) {
                    try {
                        process(e);
                        dao.eventProcessed(e.id());
                    } catch (RuntimeException ex) {
                        boolean giveUp = e.attempts() + 1 >= MAX_ATTEMPTS;
                        Duration wait = Duration.ofSeconds(5L << Math.min(e.attempts(), 10));
                        dao.eventRetry(e.id(), ex.getClass().getSimpleName() + ": " + String.valueOf(ex.getMessage()).lines().findFirst().orElse(""),
                                clock.instant().plus(wait), giveUp);
                        count(giveUp ? "gave_up" : "retry");
                        log.warn("Messenger event {} failed (attempt {}): {}", e.id(), e.attempts() + 1, ex.toString());
                    }
                }
                return due.size();
            });
            handled += n;
            if (n < BATCH) return handled;
        }
    }

    /** The state of a stored event (tests, the admin's questions). */
    public Optional<MessengerDao.EventState> findEvent(long id) {
        return jdbi.withHandle(h -> new MessengerDao(h).eventState(id));
    }

    private void process(MessengerDao.Event e) {
        JsonNode root;
        try {
            root = JSON.readTree(e.raw());
        } catch (java.io.IOException ex) {
            count("unreadable"); // signed but not JSON: kept as it came, nothing to post
            return;
        }
        if (root == null || !"page".equals(root.path("object").asText())) return;
        Map<String, Channels.Page> pages = channels.findMessengerPages().stream().collect(Collectors.toMap(Channels.Page::pageId, Function.identity()));
        for (JsonNode entry : root.path("entry")) {
            Channels.Page page = pages.get(entry.path("id").asText());
            if (page == null) {
                count("unknown_page");
                continue;
            }
            for (JsonNode m : entry.path("messaging")) handleMessaging(e.id(), page, m);
            for (JsonNode change : entry.path("changes")) if ("feed".equals(change.path("field").asText())) handleComment(e.id(), page, change.path("value"));
        }
    }

    private void handleMessaging(long eventId, Channels.Page page, JsonNode m) {
        JsonNode message = m.path("message");
        String psid = m.path("sender").path("id").asText("");
        String mid = message.path("mid").asText("");
        if (!message.isObject() || message.path("is_echo").asBoolean(false)) return; // our own replies come back as echoes
        if (mid.isEmpty() || mid.length() > 500 || !psid.matches("[0-9]{1,40}")) {
            count("malformed");
            return;
        }
        if (jdbi.withHandle(h -> new MessengerDao(h).posted(mid))) {
            count("mid_redelivered");
            return;
        }
        String text = textOf(message);
        if (text == null) {
            count("no_text");
            return;
        }
        Instant now = clock.instant();
        long sent = m.path("timestamp").asLong(0);
        Instant at = sent > 0 && Instant.ofEpochMilli(sent).isBefore(now) ? Instant.ofEpochMilli(sent) : now;
        // The person's contact and thread first, committed: the inbox's writes (another transaction) name that contact.
        boolean known = jdbi.withHandle(h -> new MessengerDao(h).lockThread(page.id(), psid).isPresent());
        String name = known ? null : graph.profileName(psid, page.accessToken()); // null when the page may not read it
        jdbi.useTransaction(h -> {
            Contact contact = contacts.doFindOrCreateByIdentity(h, "messenger", psid, name, Messages.FR, "messenger").contact();
            new MessengerDao(h).insertThread(page.id(), psid, contact.id(), at);
        });
        jdbi.useTransaction(h -> {
            MessengerDao dao = new MessengerDao(h);
            MessengerDao.Thread thread = dao.lockThread(page.id(), psid).orElseThrow();
            if (dao.posted(mid)) return; // another node posted it while this one waited for the lock
            ConversationService.Sent posted = post(eventId, page, thread.conversationId(), thread.contactId(), text, mid,
                    new Origin(Channels.MESSENGER, page.id() + ":" + psid));
            if (posted == null) return;
            dao.threadMessage(page.id(), psid, posted.conversation().id(), at);
            dao.markPosted(mid, eventId, page.id(), psid, posted.conversation().id());
            count("posted");
        });
    }

    /**
     * A comment on one of the page's posts ({@code feed}, item {@code comment}, verb {@code add}; edits, removals,
     * reactions and the page's own replies are not questions): a person's comments on one post are one public
     * conversation (origin {@code facebook_comment}), on the channel's service; {@code comment_id} is the idempotency key.
     */
    private void handleComment(long eventId, Channels.Page page, JsonNode v) {
        if (!"comment".equals(v.path("item").asText()) || !"add".equals(v.path("verb").asText())) return;
        String commentId = v.path("comment_id").asText(""), postId = v.path("post_id").asText(""), fromId = v.path("from").path("id").asText("");
        if (fromId.equals(page.pageId())) return; // the page's own public replies come back as comments too
        if (!GRAPH_ID.matcher(commentId).matches() || !GRAPH_ID.matcher(postId).matches() || !fromId.matches("[0-9]{1,40}")) {
            count("malformed");
            return;
        }
        if (jdbi.withHandle(h -> new MessengerDao(h).commentPosted(commentId))) {
            count("comment_redelivered");
            return;
        }
        String text = clean(v.path("message").asText(""));
        if (text == null) {
            count("no_text");
            return;
        }
        Instant now = clock.instant();
        long sent = v.path("created_time").asLong(0);
        Instant at = sent > 0 && Instant.ofEpochSecond(sent).isBefore(now) ? Instant.ofEpochSecond(sent) : now;
        String name = clean(v.path("from").path("name").asText(""));
        jdbi.useTransaction(h -> {
            Contact contact = contacts.doFindOrCreateByIdentity(h, "facebook", fromId, name == null || name.length() > 200 ? null : name,
                    Messages.FR, Channels.FACEBOOK_COMMENT).contact();
            new MessengerDao(h).insertCommentThread(page.id(), postId, fromId, contact.id(), commentId, at);
        });
        jdbi.useTransaction(h -> {
            MessengerDao dao = new MessengerDao(h);
            MessengerDao.CommentThread thread = dao.lockCommentThread(page.id(), postId, fromId).orElseThrow();
            if (dao.commentPosted(commentId)) return;
            ConversationService.Sent posted = post(eventId, page, thread.conversationId(), thread.contactId(), text, commentId,
                    new Origin(Channels.FACEBOOK_COMMENT, page.id() + ":" + postId + ":" + fromId));
            if (posted == null) return;
            dao.commentThreadMessage(page.id(), postId, fromId, posted.conversation().id(), commentId, at);
            dao.markCommentPosted(commentId, eventId, page.id(), posted.conversation().id());
            count("comment_posted");
        });
    }

    private static final java.util.regex.Pattern GRAPH_ID = java.util.regex.Pattern.compile("[0-9]{1,40}(_[0-9]{1,40})?");

    /**
     * Posts {@code text} from the contact in their conversation on this channel, or starts it on the channel's service as
     * the widget would (routing, capacity, queue); null when the inbox refuses it (told in the log, counted).
     */
    private ConversationService.Sent post(long eventId, Channels.Page page, Long conversationId, long contactId, String text, String key, Origin origin) {
        String clientId = origin.kind() + ":" + sha256(key.getBytes(StandardCharsets.UTF_8));
        Conversation c = conversationId == null ? null : conversations.findForDelivery(conversationId).orElse(null);
        try {
            return c == null
                    ? conversations.doStartConversation(people.findContactForDelivery(contactId), services.findById(page.serviceId()).slug(), text, clientId, origin)
                    : conversations.doSendVisitorMessage(people.findContactForDelivery(c.contactId()), c.id(), text, clientId);
        } catch (ApiError refused) {
            log.info("A message of event {} was not posted: {}", eventId, refused.getMessage());
            count("refused");
            return null;
        }
    }

    /** The message's text, control characters out; an attachment without text as its kind and address. */
    static String textOf(JsonNode message) {
        String text = message.path("text").asText("");
        if (text.isBlank()) {
            StringBuilder b = new StringBuilder();
            for (JsonNode a : message.path("attachments")) {
                String url = a.path("payload").path("url").asText("");
                b.append(b.isEmpty() ? "" : "\n").append("📎 ").append(a.path("type").asText("file"))
                        .append(url.startsWith("https://") ? " " + url : "");
            }
            text = b.toString();
        }
        return clean(text);
    }

    /** Control characters out, cut to what the inbox keeps; null when nothing is left. */
    static String clean(String text) {
        text = text.replaceAll("[\\p{Cc}&&[^\\n\\t]]", "").strip();
        if (text.isEmpty()) return null;
        int max = ConversationService.MAX_BODY - 2;
        return text.codePointCount(0, text.length()) <= max ? text : text.substring(0, text.offsetByCodePoints(0, max)) + " …";
    }

    private void count(String outcome) {
        meters.counter("guichet.messenger.inbound", "outcome", outcome).increment();
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        kicks.shutdownNow();
    }
}
