package io.guichet.inbox;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.inbox.internal.AgentDao;
import io.guichet.inbox.internal.ConversationDao;
import io.guichet.inbox.internal.RecentlySent;
import io.guichet.inbox.internal.Router;
import io.guichet.inbox.internal.RoutingPass;
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

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.List;
import java.util.Optional;

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
        ServiceQueue service = services.findBySlug(Fields.required("service", serviceSlug, 63));
        String text = validBody(body);
        String cid = validClientId(clientId);
        boolean offline = !services.isOpenNow(service);
        Sent sent = jdbi.inTransaction(h -> {
            ConversationDao dao = new ConversationDao(h);
            Optional<Long> created = dao.insertIfNew(service.id(), visitor.id(), cid, offline, visitor.lang(), origin);
            if (created.isEmpty()) {
                long existing = dao.byClientId(visitor.id(), cid).orElseThrow();
                Message first = dao.messagesAfter(existing, 0, false, 1).getFirst();
                return new Sent(dao.find(existing).orElseThrow(), first, true);
            }
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
        String text = validBody(body);
        String cid = validClientId(clientId);
        Sent sent = jdbi.inTransaction(h -> {
            ConversationDao dao = new ConversationDao(h);
            Conversation c = dao.lock(conversationId).filter(x -> isVisitors(x, visitor))
                    .orElseThrow(() -> ApiError.notFound("Conversation"));
            Optional<Message> existing = dao.messageByClientId(c.id(), cid);
            if (existing.isPresent()) return new Sent(c, existing.get(), true);
            Message m = dao.append(c.id(), Message.Author.VISITOR, null, text, false, cid);
            if (c.status() != Conversation.Status.RESOLVED) return new Sent(c.with(m), m, false);
            dao.setStatus(c.id(), "waiting", null); // writing again reopens
            return new Sent(dao.find(c.id()).orElseThrow(), m, false);
        });
        if (!sent.duplicate()) {
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

    /** What specialists answered visitors in the conversations of one origin (a live session's report); supervisors only. */
    public List<Message> accessRepliesByOrigin(Staff viewer, Origin origin) {
        Access.requireSupervisor(viewer, "Only a supervisor can read these replies");
        return jdbi.withHandle(h -> new ConversationDao(h).repliesByOrigin(origin));
    }

    public Sent doSendAgentMessage(Viewer agent, long conversationId, String body, String clientId, boolean internal) {
        String text = validBody(body);
        String cid = validClientId(clientId);
        Sent sent = jdbi.inTransaction(h -> {
            ConversationDao dao = new ConversationDao(h);
            Conversation c = dao.lock(conversationId).orElseThrow(() -> ApiError.notFound("Conversation"));
            Access.requireServiceWork(agent, c.serviceId(), c.assigneeId());
            if (!internal) Access.requireActOn(agent, c.serviceId(), c.assigneeId());
            Optional<Message> existing = dao.messageByClientId(c.id(), cid);
            if (existing.isPresent()) return new Sent(c, existing.get(), true);
            Message m = dao.append(c.id(), Message.Author.AGENT, agent.id(), text, internal, cid);
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
            AgentSettings me = new AgentDao(h).agent(actor.id()).orElse(null);
            if (me != null && me.openCount() < me.maxConcurrent()) Router.assignTo(h, c.id(), actor.id());
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
                Router.assignTo(h, c.id(), toStaffId);
                people.doRecord(h, TimelineEntries.assigned(clock.instant(), c.contactId(), c.id(), toStaffId));
                dao.append(c.id(), Message.Author.SYSTEM, actor.id(), "transferred:agent:" + toStaffId, false, null);
                return ConversationChanged.Change.ASSIGNED; // handed to that agent: they are alerted
            }
        });
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

    private static String validBody(String body) {
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

    /** The contact's conversations with all their messages (internal notes marked as such). */
    @Override
    public String exportJson(Handle h, long contactId) {
        return new ConversationDao(h).personalDataJson(contactId);
    }

    @Override
    public String refusesErasure(Handle h, long contactId, Erasure mode) {
        return mode == Erasure.DELETE && new ConversationDao(h).hasUnresolved(contactId)
                ? "This contact has a conversation still open: resolve it before erasing" : null;
    }

    /** Kept: the conversations stay under the anonymous former contact. Deleted: they go with their messages. */
    @Override
    public void erase(Handle h, long contactId, Erasure mode) {
        if (mode == Erasure.DELETE) new ConversationDao(h).deleteOfContact(contactId);
    }
}
