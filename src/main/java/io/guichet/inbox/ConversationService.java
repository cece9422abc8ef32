package io.guichet.inbox;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.inbox.internal.AgentDao;
import io.guichet.inbox.internal.AttachmentDao;
import io.guichet.inbox.internal.ConversationDao;
import io.guichet.inbox.internal.RecentlySent;
import io.guichet.inbox.internal.Router;
import io.guichet.inbox.internal.RoutingPass;
import io.guichet.inbox.internal.SnoozeDao;
import io.guichet.inbox.internal.TimelineEntries;
import io.guichet.people.Contact;
import io.guichet.people.ContactWork;
import io.guichet.people.PeopleService;
import io.guichet.people.PersonalData;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.micrometer.core.instrument.MeterRegistry;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.io.OutputStream;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/*
 * A little over 300 lines: the visitor's and the staff's writes share one lock-append-announce path
 * (and its idempotency), which splitting them would duplicate.
 */
/**
 * Conversations and their messages, from the visitor's side and the staff's. Every write is
 * acknowledged only once committed; its notices go to the bus after the commit, and routing runs
 * after any change that can free or need an agent.
 */
public final class ConversationService implements PersonalData {
    public static final int MAX_BODY = 4_000;
    /** Codes of the snooze's notes (system messages marked internal: the visitor never sees them). */
    public static final String SNOOZED_UNTIL = "snoozed:", SNOOZED_UNTIL_REPLY = "snoozed:reply", SNOOZE_RETURNED = "snooze:returned";
    private static final int MAX_CLIENT_ID = 100;
    private static final int LATEST_DELIVERED = 200;

    private final Jdbi jdbi;
    private final Bus bus;
    private final Clock clock;
    private final ServiceCatalogue services;
    private final RoutingPass routing;
    private final MeterRegistry meters;
    private final PeopleService people;
    private final RecentlySent recentlySent = new RecentlySent();

    public ConversationService(Jdbi jdbi, Bus bus, Clock clock, ServiceCatalogue services, RoutingPass routing, MeterRegistry meters,
                               PeopleService people) {
        this.jdbi = jdbi;
        this.bus = bus;
        this.clock = clock;
        this.services = services;
        this.routing = routing;
        this.meters = meters;
        this.people = people;
    }

    /** The result of a send: {@code duplicate} when the client id had been seen and nothing new was stored. */
    public record Sent(Conversation conversation, Message message, boolean duplicate) {
    }

    public record QueueEntry(Conversation conversation, int position) {
    }

    // ---------------------------------------------------------------- visitor side

    /** {@code origin} names the other module's object that started it (a live session's private question), or is null. */
    public Sent doStartConversation(Contact visitor, String serviceSlug, String body, String clientId, Origin origin) {
        return start(visitor, serviceSlug, body, clientId, origin, false);
    }

    /**
     * A conversation another module starts for someone in danger (an emergency alert's "I need help"): as
     * {@link #doStartConversation}, but placed at the top of its service's queue (queued before the oldest waiting),
     * so the next free agent takes it first. The same client id again returns the first one.
     */
    public Sent doStartUrgentConversation(Contact visitor, String serviceSlug, String body, String clientId, Origin origin) {
        return start(visitor, serviceSlug, body, clientId, origin, true);
    }

    private Sent start(Contact visitor, String serviceSlug, String body, String clientId, Origin origin, boolean urgent) {
        ServiceQueue service = services.findBySlug(Fields.required("service", serviceSlug, 63));
        String text = validBody(body);
        String cid = validClientId(clientId);
        // Offline (answered later, by email when given): closed, or no agent of the service there now.
        boolean offline = !services.isOpenNow(service)
                || jdbi.withHandle(h -> new AgentDao(h).availableAgents(service.id())) == 0;
        Sent sent = jdbi.inTransaction(h -> {
            ConversationDao dao = new ConversationDao(h);
            Optional<Long> created = dao.insertIfNew(service.id(), visitor.id(), cid, offline, visitor.lang(), origin);
            if (created.isEmpty()) {
                long existing = dao.byClientId(visitor.id(), cid).orElseThrow();
                Message first = dao.messagesAfter(existing, 0, false, 1).getFirst();
                return new Sent(dao.find(existing).orElseThrow(), first, true);
            }
            if (urgent) dao.queueFirst(created.get(), service.id());
            Message m = dao.append(created.get(), Message.Author.VISITOR, null, text, false, cid);
            people.doRecord(h, TimelineEntries.started(clock.instant(), visitor.id(), created.get(), service, origin));
            return new Sent(dao.find(created.get()).orElseThrow(), m, false);
        });
        if (!sent.duplicate()) {
            announce(sent);
            routing.drain(List.of(service.id()));
        }
        return sent;
    }

    public Sent doSendVisitorMessage(Contact visitor, long conversationId, String body, String clientId) {
        return visitorMessage(visitor, conversationId, validBody(body), clientId, STORED_ALONE);
    }

    /** A file from the visitor, in their conversation: a message whose body is the file's name. */
    public Sent doSendVisitorAttachment(Contact visitor, long conversationId, Upload file, String clientId) {
        return visitorMessage(visitor, conversationId, file.name(), clientId, withFile(file));
    }

    /** What a write stores with its message in the same transaction (a file, mentions); it answers the message as stored. */
    interface AlsoStored {
        Message store(Handle h, Conversation locked, Message m);
    }

    private static final AlsoStored STORED_ALONE = (h, c, m) -> m;

    private static AlsoStored withFile(Upload file) {
        return (h, c, m) -> m.withAttachment(new AttachmentDao(h).insert(c.id(), m.id(), file.name(), file.contentType(), file.data()));
    }

    private Sent visitorMessage(Contact visitor, long conversationId, String text, String clientId, AlsoStored also) {
        String cid = validClientId(clientId);
        List<Message> returned = new ArrayList<>();
        Sent sent = jdbi.inTransaction(h -> {
            ConversationDao dao = new ConversationDao(h);
            Conversation c = dao.lock(conversationId).filter(x -> isVisitors(x, visitor))
                    .orElseThrow(() -> ApiError.notFound("Conversation"));
            Optional<Message> existing = dao.messageByClientId(c.id(), cid);
            if (existing.isPresent()) return new Sent(c, existing.get(), true);
            // The visitor's reply ends a snooze: the note saying so comes before the reply, which stays the last message.
            if (new SnoozeDao(h).wake(c.id())) returned.add(dao.append(c.id(), Message.Author.SYSTEM, null, SNOOZE_RETURNED, true, null));
            Message m = also.store(h, c, dao.append(c.id(), Message.Author.VISITOR, null, text, false, cid));
            if (c.status() != Conversation.Status.RESOLVED) return new Sent(c.with(m), m, false);
            dao.setStatus(c.id(), "waiting", null); // writing again reopens
            return new Sent(dao.find(c.id()).orElseThrow(), m, false);
        });
        if (!sent.duplicate()) {
            for (Message r : returned) {
                bus.publish(new MessageSent(conversationId, r.id()));
                bus.publish(ConversationChanged.of(sent.conversation(), ConversationChanged.Change.RETURNED));
            }
            announce(sent);
            if (sent.conversation().status() == Conversation.Status.WAITING) routing.drain(List.of(sent.conversation().serviceId()));
        }
        return sent;
    }

    public Conversation accessVisitorConversation(Contact visitor, long conversationId) {
        return jdbi.withHandle(h -> new ConversationDao(h).find(conversationId))
                .filter(c -> isVisitors(c, visitor))
                .orElseThrow(() -> ApiError.notFound("Conversation"));
    }

    public List<Conversation> accessVisitorConversations(Contact visitor) {
        return jdbi.withHandle(h -> new ConversationDao(h).ofContacts(people.findMergedContactIds(visitor.id()), 20));
    }

    /**
     * The visitor's own conversation, or one of a contact since merged into theirs (their browser's token moved
     * with the merge); the second is looked up only when the first fails, through the people module's cache.
     */
    private boolean isVisitors(Conversation c, Contact visitor) {
        if (c.contactId() == visitor.id()) return true;
        Contact now = people.findContactForDelivery(c.contactId());
        return now != null && now.id() == visitor.id();
    }

    /** The visitor never sees internal notes. */
    public List<Message> accessVisitorMessages(Contact visitor, long conversationId, int afterSeq) {
        Conversation c = accessVisitorConversation(visitor, conversationId);
        return jdbi.withHandle(h -> new ConversationDao(h).messagesAfter(c.id(), Math.max(0, afterSeq), false, 1_000));
    }

    /** The place of a waiting conversation in its queue (1 = next), 0 when not waiting; the caller holds the conversation. */
    public int findQueuePosition(Conversation c) {
        if (c.status() != Conversation.Status.WAITING) return 0;
        return jdbi.withHandle(h -> new ConversationDao(h).queuePosition(c.id()));
    }

    /**
     * The visitor's estimated wait in minutes at this place in the queue: the median handling time of the service's
     * last 50 resolved conversations (5 minutes before there are any) × the place / the agents available now (at
     * least one), rounded up. Read again at most every 30 s per service: it is an estimate, told on every move.
     */
    public int findEstimatedWaitMinutes(long serviceId, int position) {
        if (position <= 0) return 0;
        long now = clock.millis();
        WaitBasis basis = waitBases.compute(serviceId, (id, old) -> old != null && now - old.at() < 30_000 ? old
                : jdbi.withHandle(h -> {
                    Double median = new ConversationDao(h).medianHandlingSeconds(id);
                    return new WaitBasis(median == null ? DEFAULT_HANDLING_SECONDS : median, new AgentDao(h).availableAgents(id), now);
                }));
        return (int) Math.max(1, Math.ceil(basis.handlingSeconds() * position / Math.max(1, basis.agents()) / 60.0));
    }

    private static final double DEFAULT_HANDLING_SECONDS = 300;

    private record WaitBasis(double handlingSeconds, int agents, long at) {
    }

    private final java.util.concurrent.ConcurrentHashMap<Long, WaitBasis> waitBases = new java.util.concurrent.ConcurrentHashMap<>();

    /** The waiting conversations of a service, first in line first; for telling each visitor their place. */
    public List<QueueEntry> findQueue(long serviceId) {
        return jdbi.withHandle(h -> new ConversationDao(h).queue(serviceId)).stream()
                .map(e -> new QueueEntry(e.conversation(), e.position())).toList();
    }

    // ---------------------------------------------------------------- staff side

    public Conversation accessConversation(Viewer viewer, long id) {
        Conversation c = jdbi.withHandle(h -> new ConversationDao(h).find(id)).orElseThrow(() -> ApiError.notFound("Conversation"));
        Access.requireServiceWork(viewer, c.serviceId(), c.assigneeId());
        return c;
    }

    /** Supervisors see every service; anyone sees what is assigned to them; agents otherwise see their services. */
    public List<Conversation> accessConversations(Viewer viewer, Conversation.Status status, Long assigneeId, Long serviceId) {
        if (serviceId != null && !Access.canListService(viewer, serviceId)
                && !(assigneeId != null && assigneeId == viewer.id())) {
            throw ApiError.forbidden("You are not part of this service");
        }
        boolean everything = Access.canSupervise(viewer.staff()) || (assigneeId != null && assigneeId == viewer.id());
        List<Long> filter = serviceId != null ? List.of(serviceId) : everything ? null : List.copyOf(viewer.serviceIds());
        return jdbi.withHandle(h -> new ConversationDao(h).list(status == null ? null : status.code(), assigneeId, filter, 200));
    }

    /**
     * The people module's {@code ContactWork}: of these contacts, those with a conversation the viewer may
     * read. It needs only the database, so that people is built before the inbox that feeds its timeline.
     */
    public static ContactWork contactWork(Jdbi jdbi) {
        return (viewer, contactIds) -> contactIds.isEmpty() ? Set.of()
                : Set.copyOf(jdbi.withHandle(h -> new ConversationDao(h).contactsIn(contactIds, viewer.serviceIds(), viewer.id())));
    }

    public List<Message> accessMessages(Viewer viewer, long conversationId, int afterSeq) {
        Conversation c = accessConversation(viewer, conversationId);
        return jdbi.withHandle(h -> new ConversationDao(h).messagesAfter(c.id(), Math.max(0, afterSeq), true, 1_000));
    }

    /**
     * A file of a conversation, for whoever may read that conversation: {@code open} is given its description (to set
     * the response's headers) and answers where to copy its bytes.
     */
    public Attachment accessAttachment(Viewer viewer, long attachmentId, Function<Attachment, OutputStream> open) {
        AttachmentDao.Located found = jdbi.withHandle(h -> new AttachmentDao(h).find(attachmentId)).orElseThrow(() -> ApiError.notFound("Attachment"));
        accessConversation(viewer, found.conversationId());
        return copy(found, open);
    }

    /** A file of the visitor's own conversation that they can see (not one of an internal note); 404 otherwise. */
    public Attachment accessVisitorAttachment(Contact visitor, long attachmentId, Function<Attachment, OutputStream> open) {
        AttachmentDao.Located found = jdbi.withHandle(h -> new AttachmentDao(h).find(attachmentId))
                .filter(a -> !a.internal()).orElseThrow(() -> ApiError.notFound("Attachment"));
        accessVisitorConversation(visitor, found.conversationId());
        return copy(found, open);
    }

    private Attachment copy(AttachmentDao.Located found, Function<Attachment, OutputStream> open) {
        OutputStream out = open.apply(found.attachment());
        jdbi.useHandle(h -> new AttachmentDao(h).copyTo(found.attachment().id(), out));
        return found.attachment();
    }

    /** What specialists answered visitors in the conversations of one origin (a live session's report); supervisors only. */
    public List<Message> accessRepliesByOrigin(Staff viewer, Origin origin) {
        Access.requireSupervisor(viewer, "Only a supervisor can read these replies");
        return jdbi.withHandle(h -> new ConversationDao(h).repliesByOrigin(origin));
    }

    public Sent doSendAgentMessage(Viewer agent, long conversationId, String body, String clientId, boolean internal) {
        return agentMessage(agent, conversationId, validBody(body), clientId, internal, STORED_ALONE);
    }

    /** A file from staff, to the visitor or in an internal note: a message whose body is the file's name. */
    public Sent doSendAgentAttachment(Viewer agent, long conversationId, Upload file, String clientId, boolean internal) {
        return agentMessage(agent, conversationId, file.name(), clientId, internal, withFile(file));
    }

    /** The staff's write; {@code also} stores what goes with the message (a file, the mentions of a note). */
    Sent agentMessage(Viewer agent, long conversationId, String text, String clientId, boolean internal, AlsoStored also) {
        String cid = validClientId(clientId);
        Sent sent = jdbi.inTransaction(h -> {
            ConversationDao dao = new ConversationDao(h);
            Conversation c = dao.lock(conversationId).orElseThrow(() -> ApiError.notFound("Conversation"));
            Access.requireServiceWork(agent, c.serviceId(), c.assigneeId());
            if (!internal) Access.requireActOn(agent, c.serviceId(), c.assigneeId());
            Optional<Message> existing = dao.messageByClientId(c.id(), cid);
            if (existing.isPresent()) return new Sent(c, existing.get(), true);
            // Resolved means resolved: the console disables its composer, and the API agrees.
            if (c.status() == Conversation.Status.RESOLVED) throw ApiError.conflict("resolved", "Reopen the conversation first");
            Message m = also.store(h, c, dao.append(c.id(), Message.Author.AGENT, agent.id(), text, internal, cid));
            return new Sent(c.with(m), m, false);
        });
        if (!sent.duplicate()) announce(sent);
        return sent;
    }

    public Conversation doResolve(Viewer actor, long conversationId) {
        return changeState(actor, conversationId, (h, c) -> {
            Access.requireActOn(actor, c.serviceId(), c.assigneeId());
            if (c.status() == Conversation.Status.RESOLVED) return null;
            if (c.assigneeId() != null && c.status() == Conversation.Status.OPEN) Router.release(h, c.assigneeId());
            ConversationDao dao = new ConversationDao(h);
            dao.setStatus(c.id(), "resolved", c.assigneeId());
            new SnoozeDao(h).wake(c.id()); // nothing to return to
            dao.append(c.id(), Message.Author.SYSTEM, actor.id(), "resolved", false, null);
            people.doRecord(h, TimelineEntries.resolved(clock.instant(), c.contactId(), c.id(), actor.id(), dao.answeredByStaff(c.id())));
            return ConversationChanged.Change.RESOLVED;
        });
    }

    /** Reopening gives the conversation to the one who reopens it when they have room, else to the queue. */
    public Conversation doReopen(Viewer actor, long conversationId) {
        return changeState(actor, conversationId, (h, c) -> {
            Access.requireActOn(actor, c.serviceId(), c.assigneeId());
            if (c.status() != Conversation.Status.RESOLVED) return null;
            ConversationDao dao = new ConversationDao(h);
            dao.setStatus(c.id(), "waiting", null);
            if (routing.hasRoom(h, actor.id())) routing.assignTo(h, c.id(), actor.id());
            dao.append(c.id(), Message.Author.SYSTEM, actor.id(), "reopened", false, null);
            return ConversationChanged.Change.REOPENED;
        });
    }

    /** To another agent of the same service (who must have room), or to another service's queue. */
    public Conversation doTransfer(Viewer actor, long conversationId, Long toStaffId, String toServiceSlug) {
        if ((toStaffId == null) == (toServiceSlug == null)) {
            throw ApiError.invalid("to", "Give either an agent or a service to transfer to");
        }
        ServiceQueue target = toServiceSlug == null ? null : services.findBySlug(toServiceSlug);
        return changeState(actor, conversationId, (h, c) -> {
            Access.requireHandOver(actor, c.assigneeId());
            if (c.status() == Conversation.Status.RESOLVED) throw ApiError.conflict("resolved", "Reopen the conversation first");
            ConversationDao dao = new ConversationDao(h);
            if (c.assigneeId() != null) Router.release(h, c.assigneeId());
            if (target != null) {
                dao.moveToService(c.id(), target.id());
                dao.setStatus(c.id(), "waiting", null);
                dao.append(c.id(), Message.Author.SYSTEM, actor.id(), "transferred:service:" + target.slug(), false, null);
                return ConversationChanged.Change.TRANSFERRED;
            } else {
                if (!new AgentDao(h).servicesOf(toStaffId).contains(c.serviceId())) {
                    throw ApiError.invalid("toStaffId", "That agent is not part of this conversation's service");
                }
                dao.setStatus(c.id(), "waiting", null);
                routing.assignTo(h, c.id(), toStaffId);
                people.doRecord(h, TimelineEntries.assigned(clock.instant(), c.contactId(), c.id(), toStaffId));
                dao.append(c.id(), Message.Author.SYSTEM, actor.id(), "transferred:agent:" + toStaffId, false, null);
                return ConversationChanged.Change.ASSIGNED; // handed to that agent: they are alerted
            }
        });
    }

    // ---------------------------------------------------------------- snooze

    /**
     * Out of the active lists until {@code until}, or until the visitor writes when it is null; for whoever may act
     * on it. A note (staff only) says who snoozed it and until when; another note says when it returns.
     */
    public Conversation doSnooze(Viewer actor, long conversationId, Instant until) {
        if (until != null && !until.isAfter(clock.instant())) throw ApiError.invalid("until", "until must be in the future");
        return changeState(actor, conversationId, (h, c) -> {
            Access.requireActOn(actor, c.serviceId(), c.assigneeId());
            if (c.status() == Conversation.Status.RESOLVED) throw ApiError.conflict("resolved", "A resolved conversation cannot be snoozed");
            new SnoozeDao(h).snooze(c.id(), until, actor.id());
            new ConversationDao(h).append(c.id(), Message.Author.SYSTEM, actor.id(), until == null ? SNOOZED_UNTIL_REPLY : SNOOZED_UNTIL + until, true, null);
            return ConversationChanged.Change.SNOOZED;
        });
    }

    /** Back into the active lists now; nothing changes when it was not snoozed. */
    public Conversation doWake(Viewer actor, long conversationId) {
        return changeState(actor, conversationId, (h, c) -> {
            Access.requireActOn(actor, c.serviceId(), c.assigneeId());
            if (!new SnoozeDao(h).wake(c.id())) return null;
            new ConversationDao(h).append(c.id(), Message.Author.SYSTEM, actor.id(), SNOOZE_RETURNED, true, null);
            return ConversationChanged.Change.RETURNED;
        });
    }

    public Optional<Snooze> accessSnooze(Viewer viewer, long conversationId) {
        accessConversation(viewer, conversationId);
        return jdbi.withHandle(h -> new SnoozeDao(h).find(conversationId));
    }

    /**
     * The timer's pass, on every node: the conversations whose time has come return. Safe on two nodes at once: each
     * wake re-reads the snooze under the conversation's row lock, so the second finds it awake and writes nothing.
     */
    public int doWakeDueSnoozes() {
        List<Long> due = jdbi.withHandle(h -> new SnoozeDao(h).due(clock.instant(), 200));
        Viewer system = new Viewer(Staff.SYSTEM, Set.of());
        for (long id : due) doWake(system, id);
        return due.size();
    }

    /** Changes the locked conversation and says how (null: nothing to change). */
    private interface StateChange {
        ConversationChanged.Change apply(Handle h, Conversation locked);
    }

    private Conversation changeState(Viewer actor, long conversationId, StateChange change) {
        Conversation before = accessConversation(actor, conversationId);
        List<Message> systemMessages = new ArrayList<>();
        ConversationChanged.Change changed = jdbi.inTransaction(h -> {
            ConversationDao dao = new ConversationDao(h);
            Conversation c = dao.lock(conversationId).orElseThrow(() -> ApiError.notFound("Conversation"));
            int seqBefore = c.lastSeq();
            ConversationChanged.Change did = change.apply(h, c);
            systemMessages.addAll(dao.messagesAfter(c.id(), seqBefore, true, 10));
            return did;
        });
        Conversation after = jdbi.withHandle(h -> new ConversationDao(h).find(conversationId)).orElseThrow();
        if (changed != null) {
            for (Message m : systemMessages) bus.publish(new MessageSent(after.id(), m.id()));
            Long former = before.assigneeId() != null && !before.assigneeId().equals(after.assigneeId()) ? before.assigneeId() : null;
            bus.publish(new ConversationChanged(after.id(), after.serviceId(), changed, after.assigneeId(), former));
            List<Long> affected = new ArrayList<>(List.of(after.serviceId(), before.serviceId()));
            if (before.assigneeId() != null) affected.addAll(jdbi.withHandle(h -> new AgentDao(h).servicesOf(before.assigneeId())));
            routing.drain(affected.stream().distinct().toList());
        }
        return after;
    }

    // ---------------------------------------------------------------- what the visitor was told (the email channel's side)

    /**
     * The visitor saw their conversation up to {@code seq}: a reply reached their widget live, or they fetched the
     * messages. Nothing they saw is mailed to them. No viewer: the socket or the visitor's own read says so.
     */
    public void doMarkToldVisitor(long conversationId, int seq) {
        if (seq > 0) jdbi.useHandle(h -> new ConversationDao(h).markTold(conversationId, seq));
    }

    /** Conversations with a public staff reply the visitor has not seen since before {@code before}, oldest first. */
    public List<Long> findUntoldBefore(Instant before, int limit) {
        return jdbi.withHandle(h -> new ConversationDao(h).untoldBefore(Timestamp.from(before), limit));
    }

    /** Conversations of this origin's kind (a channel's: "messenger") with a staff reply not yet told, oldest first. */
    public List<Long> findUntoldOfOrigin(String originKind, int limit) {
        return jdbi.withHandle(h -> new ConversationDao(h).untoldOfOrigin(originKind, limit));
    }

    /** The staff replies a visitor has not seen, taken to be told another way (all of them, oldest first). */
    public record Untold(Conversation conversation, List<Message> replies) {
    }

    /**
     * In the caller's transaction (the email channel queues the mail in it): locks the conversation and, when its
     * oldest untold reply is still older than {@code before}, takes every untold public reply and counts the whole
     * conversation as told, so each reply is mailed once whichever node looks. Empty when the visitor saw them
     * meanwhile or another node took them. {@code doMarkAnsweredByEmail} says it went by mail.
     */
    public Optional<Untold> doTakeUntold(Handle h, long conversationId, Instant before) {
        ConversationDao dao = new ConversationDao(h);
        Conversation c = dao.lock(conversationId).orElse(null);
        if (c == null || dao.untoldSince(conversationId).filter(since -> since.isBefore(before)).isEmpty()) return Optional.empty();
        List<Message> replies = dao.untoldReplies(conversationId);
        dao.toldAll(conversationId, false);
        return Optional.of(new Untold(c, replies));
    }

    /** In the transaction that queued the mail; the console's notice follows with {@link #announceMailed}. */
    public void doMarkAnsweredByEmail(Handle h, long conversationId) {
        new ConversationDao(h).toldAll(conversationId, true);
    }

    /** After the transaction of {@link #doMarkAnsweredByEmail} committed: the console marks the conversation. */
    public void announceMailed(Conversation c) {
        bus.publish(ConversationChanged.of(c, ConversationChanged.Change.MAILED));
    }

    /** After a rating committed ({@link Ratings#doRate}): the consoles that show the conversation show it. */
    void announceRated(Conversation c) {
        bus.publish(ConversationChanged.of(c, ConversationChanged.Change.RATED));
    }

    // ---------------------------------------------------------------- delivery (no viewer: the recipients rules decide)

    public Optional<Conversation> findForDelivery(long id) {
        return jdbi.withHandle(h -> new ConversationDao(h).find(id));
    }

    /** The conversation as it stands and its place in the queue while it waits (0 otherwise), in one query. */
    public Optional<QueueEntry> findPlacedForDelivery(long id) {
        return jdbi.withHandle(h -> new ConversationDao(h).findWithPosition(id)).map(e -> new QueueEntry(e.conversation(), e.position()));
    }

    /** From memory when this node stored the message moments ago, otherwise from the database (a notice from another node). */
    public Optional<Delivery> findMessageForDelivery(long conversationId, long messageId) {
        Delivery recent = recentlySent.get(messageId);
        if (recent != null) return Optional.of(recent);
        return jdbi.withHandle(h -> {
            ConversationDao dao = new ConversationDao(h);
            return dao.find(conversationId).flatMap(c -> dao.message(messageId).map(m -> new Delivery(c, m)));
        });
    }

    /** The last messages of a conversation, notes included (at most 200): what its new assignee receives with it. */
    public List<Message> findLatestMessagesForDelivery(Conversation c) {
        List<Message> inMemory = recentlySent.allOf(c.id(), c.lastSeq()); // a new conversation: its messages are all here
        if (inMemory != null) return inMemory;
        return jdbi.withHandle(h -> new ConversationDao(h).messagesAfter(c.id(), Math.max(0, c.lastSeq() - LATEST_DELIVERED), true, LATEST_DELIVERED));
    }

    /** Messages stored in the last seconds, for a node catching up after its notices were interrupted. */
    public List<Message> findRecentMessages(Duration window) {
        Timestamp since = Timestamp.from(clock.instant().minus(window));
        return jdbi.withHandle(h -> new ConversationDao(h).messagesSince(since, 5_000));
    }

    /** The routing safety net, run by a timer: every service with a waiting conversation gets a pass. */
    public void doRouteWaiting() {
        routing.drainAll();
    }

    private void announce(Sent sent) {
        recentlySent.remember(new Delivery(sent.conversation(), sent.message()));
        meters.counter("guichet.messages.stored", "author", sent.message().author().code()).increment();
        bus.publish(new MessageSent(sent.conversation().id(), sent.message().id()));
        if (sent.message().seq() == 1) bus.publish(ConversationChanged.of(sent.conversation(), ConversationChanged.Change.STARTED));
        else if (sent.conversation().status() == Conversation.Status.WAITING) {
            bus.publish(ConversationChanged.of(sent.conversation(), ConversationChanged.Change.WAITING));
        }
    }

    static String validBody(String body) {
        if (body == null || body.isBlank()) throw ApiError.invalid("body", "The message is empty");
        String text = body.strip();
        if (text.codePointCount(0, text.length()) > MAX_BODY) {
            throw ApiError.invalid("body", "The message is longer than " + MAX_BODY + " characters");
        }
        return text;
    }

    private static String validClientId(String clientId) {
        return Fields.required("clientId", clientId, MAX_CLIENT_ID);
    }

    // ---------------------------------------------------------------- personal data (people's export and erasure)

    @Override
    public String module() {
        return "inbox";
    }

    /** The contact's conversations with all their messages (internal notes marked as such) and files. */
    @Override
    public String exportJson(Handle h, long contactId) {
        return new ConversationDao(h).personalDataJson(contactId);
    }

    @Override
    public String refusesErasure(Handle h, long contactId, Erasure mode) {
        return mode == Erasure.DELETE && new ConversationDao(h).hasUnresolved(contactId)
                ? "This contact has a conversation still open: resolve it before erasing" : null;
    }

    /** Kept: the conversations stay under the anonymous former contact, without their files. Deleted: they go with their messages. */
    @Override
    public void erase(Handle h, long contactId, Erasure mode) {
        new AttachmentDao(h).deleteOfContact(contactId);
        if (mode == Erasure.DELETE) new ConversationDao(h).deleteOfContact(contactId);
    }
}
