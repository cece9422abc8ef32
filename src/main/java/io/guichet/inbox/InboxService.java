package io.guichet.inbox;

import io.guichet.identity.Staff;
import io.guichet.inbox.InboxEvents.ConversationChanged;
import io.guichet.inbox.InboxEvents.MessageSent;
import io.guichet.inbox.internal.ConversationDao;
import io.guichet.inbox.internal.Router;
import io.guichet.inbox.internal.ServiceDao;
import io.guichet.people.Contact;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Conversations, messages, services and routing. Every write is acknowledged only once committed;
 * its notices go to the bus after the commit, and routing runs after any change that can free or
 * need an agent.
 */
public final class InboxService {
    private static final Logger log = LoggerFactory.getLogger(InboxService.class);
    public static final int MAX_BODY = 4_000;
    private static final int MAX_CLIENT_ID = 100;

    private final Jdbi jdbi;
    private final Bus bus;
    private final Clock clock;
    private final ZoneId zone;
    private static final long SERVICES_TTL_MILLIS = 10_000;
    private final AtomicReference<List<ServiceQueue>> servicesCache = new AtomicReference<>();
    private volatile long servicesLoadedAt;

    private final Timer assignmentWait;
    private final MeterRegistry meters;
    private final Map<Long, AtomicInteger> draining = new ConcurrentHashMap<>();
    /** The last messages this node stored, so its own sockets get them without a query. */
    private final Map<Long, Delivery> justSent = new java.util.LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Delivery> eldest) {
            return size() > 4_096;
        }
    };

    public InboxService(Jdbi jdbi, Bus bus, Clock clock, ZoneId zone, MeterRegistry meters) {
        this.jdbi = jdbi;
        this.bus = bus;
        this.clock = clock;
        this.zone = zone;
        this.assignmentWait = Timer.builder("guichet.assignment.wait")
                .description("Time a conversation waited in its queue before an agent was assigned")
                .publishPercentileHistogram().register(meters);
        this.meters = meters;
    }

    /** The result of a send: {@code duplicate} when the client id had been seen and nothing new was stored. */
    public record Sent(Conversation conversation, Message message, boolean duplicate) {
    }

    // ---------------------------------------------------------------- services

    public ServiceQueue doCreateService(Staff actor, String slug, String nameFr, String nameEn, List<String> languages) {
        requireAdmin(actor);
        return createService(slug, nameFr, nameEn, languages);
    }

    /** For seeding, where there is no actor. */
    public ServiceQueue createService(String slug, String nameFr, String nameEn, List<String> languages) {
        String s = Fields.required("slug", slug, 63);
        if (!s.matches("[a-z0-9][a-z0-9-]*")) throw ApiError.invalid("slug", "slug may use only a-z, 0-9 and -");
        String fr = Fields.required("nameFr", nameFr, 80);
        String en = Fields.required("nameEn", nameEn, 80);
        List<String> langs = validLanguages(languages);
        long id = jdbi.inTransaction(h -> {
            ServiceDao dao = new ServiceDao(h);
            if (dao.slugTaken(s)) throw ApiError.conflict("slug_taken", "A service already uses the slug " + s);
            return dao.insert(s, fr, en, langs);
        });
        servicesCache.set(null);
        return serviceById(id);
    }

    public ServiceQueue doUpdateService(Staff actor, long id, String nameFr, String nameEn, List<String> languages,
                                        boolean active, List<OpeningHours> hours) {
        requireAdmin(actor);
        return updateService(id, nameFr, nameEn, languages, active, hours);
    }

    /** For seeding, where there is no actor. */
    public ServiceQueue updateService(long id, String nameFr, String nameEn, List<String> languages,
                                      boolean active, List<OpeningHours> hours) {
        String fr = Fields.required("nameFr", nameFr, 80);
        String en = Fields.required("nameEn", nameEn, 80);
        List<String> langs = validLanguages(languages);
        for (OpeningHours o : hours) {
            if (!o.closes().isAfter(o.opens())) throw ApiError.invalid("hours", "Closing time must be after opening time");
        }
        serviceById(id);
        jdbi.useTransaction(h -> {
            ServiceDao dao = new ServiceDao(h);
            dao.update(id, fr, en, langs, active);
            dao.replaceHours(id, hours);
        });
        servicesCache.set(null);
        return serviceById(id);
    }

    private static List<String> validLanguages(List<String> languages) {
        List<String> langs = languages == null || languages.isEmpty() ? List.of("fr", "en") : languages;
        for (String l : langs) {
            if (!"fr".equals(l) && !"en".equals(l)) throw ApiError.invalid("languages", "languages may be fr and en");
        }
        return List.copyOf(new java.util.LinkedHashSet<>(langs));
    }

    /** Every service, active or not (cached: changes on this node clear it, other nodes see them within 10 s). */
    public List<ServiceQueue> accessServices() {
        List<ServiceQueue> cached = servicesCache.get();
        if (cached == null || clock.millis() - servicesLoadedAt > SERVICES_TTL_MILLIS) {
            cached = jdbi.withHandle(h -> new ServiceDao(h).all());
            servicesCache.set(cached);
            servicesLoadedAt = clock.millis();
        }
        return cached;
    }

    public ServiceQueue serviceById(long id) {
        return accessServices().stream().filter(s -> s.id() == id).findFirst()
                .or(() -> {
                    servicesCache.set(null);
                    return accessServices().stream().filter(s -> s.id() == id).findFirst();
                })
                .orElseThrow(() -> ApiError.notFound("Service"));
    }

    /** The active service with this slug, or 422: callers name services, and an unknown one is invalid input. */
    public ServiceQueue serviceBySlug(String slug) {
        return accessServices().stream().filter(s -> s.slug().equals(slug) && s.active()).findFirst()
                .or(() -> {
                    servicesCache.set(null);
                    return accessServices().stream().filter(s -> s.slug().equals(slug) && s.active()).findFirst();
                })
                .orElseThrow(() -> new ApiError(422, "unknown_service", "Unknown service: " + slug));
    }

    /** Whether the service is open now in the institution's time zone; no hours at all means always open. */
    public boolean isOpenNow(ServiceQueue service) {
        if (service.hours().isEmpty()) return true;
        ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
        int day = now.getDayOfWeek().getValue();
        return service.hours().stream().anyMatch(o -> o.weekday() == day
                && !now.toLocalTime().isBefore(o.opens()) && now.toLocalTime().isBefore(o.closes()));
    }

    // ---------------------------------------------------------------- agents

    public void doSetAgent(Staff actor, long staffId, List<String> serviceSlugs, int maxConcurrent) {
        requireAdmin(actor);
        setAgent(staffId, serviceSlugs, maxConcurrent);
    }

    /** For seeding and first start, where there is no actor. */
    public void setAgent(long staffId, List<String> serviceSlugs, int maxConcurrent) {
        if (maxConcurrent < 1 || maxConcurrent > 100) throw ApiError.invalid("maxConcurrent", "maxConcurrent must be from 1 to 100");
        List<Long> ids = serviceSlugs.stream().map(slug -> serviceBySlug(slug).id()).distinct().toList();
        jdbi.useTransaction(h -> new ServiceDao(h).setMembership(staffId, ids, maxConcurrent));
        drainServices(ids);
    }

    public AgentSettings accessAgent(long staffId) {
        return jdbi.withHandle(h -> new ServiceDao(h).agent(staffId))
                .orElse(new AgentSettings(staffId, List.of(), 5, false, false, 0));
    }

    /** The agent chose available or away. */
    public void doSetPresence(Staff agent, boolean available) {
        jdbi.useHandle(h -> new ServiceDao(h).setWantsAvailable(agent.id(), available));
        if (available) drainServices(accessAgent(agent.id()).serviceIds());
    }

    /** Agents with an open socket on this node stay online for the lease; a lapsed lease means away. */
    public void doKeepOnline(List<Long> staffIds, int leaseSeconds) {
        jdbi.useHandle(h -> new ServiceDao(h).markOnline(staffIds, leaseSeconds));
    }

    /** An agent's socket opened: they are online now and may take waiting conversations. */
    public void doAgentConnected(long staffId, int leaseSeconds) {
        doKeepOnline(List.of(staffId), leaseSeconds);
        drainServices(accessAgent(staffId).serviceIds());
    }

    // ---------------------------------------------------------------- visitor side

    public Sent doStartConversation(Contact visitor, String serviceSlug, String body, String clientId) {
        ServiceQueue service = serviceBySlug(Fields.required("service", serviceSlug, 63));
        String text = validBody(body);
        String cid = validClientId(clientId);
        boolean offline = !isOpenNow(service);
        Sent sent = jdbi.inTransaction(h -> {
            ConversationDao dao = new ConversationDao(h);
            Optional<Long> created = dao.insertIfNew(service.id(), visitor.id(), cid, offline, visitor.lang());
            if (created.isEmpty()) {
                long existing = dao.byClientId(visitor.id(), cid).orElseThrow();
                Message first = dao.messagesAfter(existing, 0, false, 1).getFirst();
                return new Sent(dao.find(existing).orElseThrow(), first, true);
            }
            Message m = dao.append(created.get(), Message.Author.VISITOR, null, text, false, cid);
            return new Sent(dao.find(created.get()).orElseThrow(), m, false);
        });
        if (!sent.duplicate()) {
            announce(sent);
            drainServices(List.of(service.id()));
        }
        return sent;
    }

    public Sent doSendVisitorMessage(Contact visitor, long conversationId, String body, String clientId) {
        String text = validBody(body);
        String cid = validClientId(clientId);
        Sent sent = jdbi.inTransaction(h -> {
            ConversationDao dao = new ConversationDao(h);
            Conversation c = dao.lock(conversationId).filter(x -> x.contactId() == visitor.id())
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
            if (sent.conversation().status() == Conversation.Status.WAITING) drainServices(List.of(sent.conversation().serviceId()));
        }
        return sent;
    }

    public Conversation accessVisitorConversation(Contact visitor, long conversationId) {
        return jdbi.withHandle(h -> new ConversationDao(h).find(conversationId))
                .filter(c -> c.contactId() == visitor.id())
                .orElseThrow(() -> ApiError.notFound("Conversation"));
    }

    public List<Conversation> accessVisitorConversations(Contact visitor) {
        return jdbi.withHandle(h -> new ConversationDao(h).ofContact(visitor.id(), 20));
    }

    /** The visitor never sees internal notes. */
    public List<Message> accessVisitorMessages(Contact visitor, long conversationId, int afterSeq) {
        Conversation c = accessVisitorConversation(visitor, conversationId);
        return jdbi.withHandle(h -> new ConversationDao(h).messagesAfter(c.id(), Math.max(0, afterSeq), false, 1_000));
    }

    public int accessQueuePosition(Conversation c) {
        if (c.status() != Conversation.Status.WAITING) return 0;
        return jdbi.withHandle(h -> new ConversationDao(h).queuePosition(c.id()));
    }

    public record QueueEntry(Conversation conversation, int position) {
    }

    /** The waiting conversations of a service, first in line first. */
    public List<QueueEntry> queueOf(long serviceId) {
        return jdbi.withHandle(h -> new ConversationDao(h).queue(serviceId)).stream()
                .map(e -> new QueueEntry(e.conversation(), e.position())).toList();
    }

    // ---------------------------------------------------------------- staff side

    /** Supervisors see everything; agents see the conversations of their services and those assigned to them. */
    public boolean canSee(Staff viewer, Conversation c) {
        if (viewer.isSupervisor()) return true;
        if (c.assigneeId() != null && c.assigneeId() == viewer.id()) return true;
        return accessAgent(viewer.id()).serviceIds().contains(c.serviceId());
    }

    public Conversation accessConversation(Staff viewer, long id) {
        Conversation c = jdbi.withHandle(h -> new ConversationDao(h).find(id)).orElseThrow(() -> ApiError.notFound("Conversation"));
        if (!canSee(viewer, c)) throw ApiError.forbidden("This conversation belongs to a service you are not part of");
        return c;
    }

    public List<Conversation> accessConversations(Staff viewer, Conversation.Status status, Long assigneeId, Long serviceId) {
        // Supervisors see every service; anyone sees what is assigned to them; agents otherwise see their services.
        boolean ownAssignments = assigneeId != null && assigneeId == viewer.id();
        List<Long> services = viewer.isSupervisor() || ownAssignments ? null : accessAgent(viewer.id()).serviceIds();
        if (serviceId != null) {
            if (services != null && !services.contains(serviceId)) throw ApiError.forbidden("You are not part of this service");
            services = List.of(serviceId);
        }
        List<Long> filter = services;
        return jdbi.withHandle(h -> new ConversationDao(h).list(status == null ? null : status.code(), assigneeId, filter, 200));
    }

    public List<Message> accessMessages(Staff viewer, long conversationId, int afterSeq) {
        Conversation c = accessConversation(viewer, conversationId);
        return jdbi.withHandle(h -> new ConversationDao(h).messagesAfter(c.id(), Math.max(0, afterSeq), true, 1_000));
    }

    public Sent doSendAgentMessage(Staff agent, long conversationId, String body, String clientId, boolean internal) {
        String text = validBody(body);
        String cid = validClientId(clientId);
        Sent sent = jdbi.inTransaction(h -> {
            ConversationDao dao = new ConversationDao(h);
            Conversation c = dao.lock(conversationId).orElseThrow(() -> ApiError.notFound("Conversation"));
            if (!canSee(agent, c)) throw ApiError.forbidden("This conversation belongs to a service you are not part of");
            Optional<Message> existing = dao.messageByClientId(c.id(), cid);
            if (existing.isPresent()) return new Sent(c, existing.get(), true);
            Message m = dao.append(c.id(), Message.Author.AGENT, agent.id(), text, internal, cid);
            return new Sent(c.with(m), m, false);
        });
        if (!sent.duplicate()) announce(sent);
        return sent;
    }

    public Conversation doResolve(Staff actor, long conversationId) {
        return changeState(actor, conversationId, (h, c) -> {
            if (c.status() == Conversation.Status.RESOLVED) return false;
            if (c.assigneeId() != null && c.status() == Conversation.Status.OPEN) Router.release(h, c.assigneeId());
            new ConversationDao(h).setStatus(c.id(), "resolved", c.assigneeId());
            new ConversationDao(h).append(c.id(), Message.Author.SYSTEM, actor.id(), "resolved", false, null);
            return true;
        });
    }

    /** Reopening gives the conversation to the one who reopens it when they have room, else to the queue. */
    public Conversation doReopen(Staff actor, long conversationId) {
        return changeState(actor, conversationId, (h, c) -> {
            if (c.status() != Conversation.Status.RESOLVED) return false;
            ConversationDao dao = new ConversationDao(h);
            dao.setStatus(c.id(), "waiting", null);
            AgentSettings me = new ServiceDao(h).agent(actor.id()).orElse(null);
            if (me != null && me.openCount() < me.maxConcurrent()) Router.assignTo(h, c.id(), actor.id());
            dao.append(c.id(), Message.Author.SYSTEM, actor.id(), "reopened", false, null);
            return true;
        });
    }

    /** To another agent of the same service (who must have room), or to another service's queue. */
    public Conversation doTransfer(Staff actor, long conversationId, Long toStaffId, String toServiceSlug) {
        if ((toStaffId == null) == (toServiceSlug == null)) {
            throw ApiError.invalid("to", "Give either an agent or a service to transfer to");
        }
        ServiceQueue target = toServiceSlug == null ? null : serviceBySlug(toServiceSlug);
        return changeState(actor, conversationId, (h, c) -> {
            if (!actor.isSupervisor() && !java.util.Objects.equals(c.assigneeId(), actor.id())) {
                throw ApiError.forbidden("Only the assigned agent or a supervisor can transfer a conversation");
            }
            if (c.status() == Conversation.Status.RESOLVED) throw ApiError.conflict("resolved", "Reopen the conversation first");
            ConversationDao dao = new ConversationDao(h);
            if (c.assigneeId() != null) Router.release(h, c.assigneeId());
            if (target != null) {
                dao.moveToService(c.id(), target.id());
                dao.setStatus(c.id(), "waiting", null);
                dao.append(c.id(), Message.Author.SYSTEM, actor.id(), "transferred:service:" + target.slug(), false, null);
            } else {
                if (!new ServiceDao(h).servicesOf(toStaffId).contains(c.serviceId())) {
                    throw ApiError.invalid("toStaffId", "That agent is not part of this conversation's service");
                }
                dao.setStatus(c.id(), "waiting", null);
                Router.assignTo(h, c.id(), toStaffId);
                dao.append(c.id(), Message.Author.SYSTEM, actor.id(), "transferred:agent:" + toStaffId, false, null);
            }
            return true;
        });
    }

    private interface StateChange {
        boolean apply(Handle h, Conversation locked);
    }

    private Conversation changeState(Staff actor, long conversationId, StateChange change) {
        Conversation before = accessConversation(actor, conversationId);
        List<Message> systemMessages = new ArrayList<>();
        boolean changed = jdbi.inTransaction(h -> {
            ConversationDao dao = new ConversationDao(h);
            Conversation c = dao.lock(conversationId).orElseThrow(() -> ApiError.notFound("Conversation"));
            int seqBefore = c.lastSeq();
            boolean did = change.apply(h, c);
            systemMessages.addAll(dao.messagesAfter(c.id(), seqBefore, true, 10));
            return did;
        });
        Conversation after = jdbi.withHandle(h -> new ConversationDao(h).find(conversationId)).orElseThrow();
        if (changed) {
            for (Message m : systemMessages) bus.publish(InboxEvents.MESSAGE_SENT, new MessageSent(after.id(), m.id()).payload());
            bus.publish(InboxEvents.CONVERSATION_CHANGED, new ConversationChanged(after.id(), after.serviceId()).payload());
            List<Long> affected = new ArrayList<>(List.of(after.serviceId(), before.serviceId()));
            if (before.assigneeId() != null) affected.addAll(accessAgent(before.assigneeId()).serviceIds());
            drainServices(affected.stream().distinct().toList());
        }
        return after;
    }

    /** For delivering notices: no viewer check, the caller decides who receives what. */
    public Optional<Conversation> conversationForDelivery(long id) {
        return jdbi.withHandle(h -> new ConversationDao(h).find(id));
    }

    /** Messages stored in the last seconds, for a node catching up after its notices were interrupted. */
    public List<Message> recentMessages(java.time.Duration window) {
        java.sql.Timestamp since = java.sql.Timestamp.from(clock.instant().minus(window));
        return jdbi.withHandle(h -> new ConversationDao(h).messagesSince(since, 5_000));
    }

    // ---------------------------------------------------------------- routing

    /**
     * Assigns waiting conversations of these services while agents have room. On each node one thread
     * at a time drains a service: a caller that finds a drain under way asks it for one more pass
     * and returns, so a burst of new conversations does not become a herd of routers queueing on the
     * same rows. (0: idle, 1: draining, 2: draining and asked for another pass.)
     */
    public void drainServices(List<Long> serviceIds) {
        for (long serviceId : serviceIds) {
            AtomicInteger state = draining.computeIfAbsent(serviceId, k -> new AtomicInteger());
            if (state.getAndUpdate(v -> v == 0 ? 1 : 2) != 0) continue;
            try {
                do {
                    state.set(1);
                    drainOnce(serviceId);
                } while (!state.compareAndSet(1, 0));
            } catch (RuntimeException e) {
                // Routing runs after commits: a failure here must not turn a stored message into an error.
                state.set(0);
                log.warn("Routing of service {} deferred to the next pass: {}", serviceId, e.getMessage());
            }
        }
    }

    /** Up to this many assignments share one transaction, so a burst costs few commits. */
    private static final int ASSIGNMENTS_PER_COMMIT = 20;

    private void drainOnce(long serviceId) {
        while (true) {
            List<Router.Assignment> batch = jdbi.inTransaction(h -> Router.assignBatch(h, serviceId, ASSIGNMENTS_PER_COMMIT));
            for (Router.Assignment a : batch) {
                assignmentWait.record(java.time.Duration.between(a.queuedAt(), clock.instant()));
                bus.publish(InboxEvents.CONVERSATION_CHANGED, new ConversationChanged(a.conversationId(), serviceId).payload());
            }
            if (batch.size() < ASSIGNMENTS_PER_COMMIT) return;
        }
    }

    /** The safety net: every service with a waiting conversation gets a routing pass. */
    public void drainAll() {
        drainServices(jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT service_id FROM conversations WHERE status = 'waiting'")
                .mapTo(Long.class).list()));
    }

    /** A message with its conversation as it stood when the message was stored: what a socket needs to deliver it. */
    public record Delivery(Conversation conversation, Message message) {
    }

    /**
     * For delivering a notice: from memory when this node stored the message moments ago, otherwise
     * from the database (a notice from another node).
     */
    public Optional<Delivery> messageForDelivery(long conversationId, long messageId) {
        Delivery recent;
        synchronized (justSent) {
            recent = justSent.get(messageId);
        }
        if (recent != null) return Optional.of(recent);
        return jdbi.withHandle(h -> {
            ConversationDao dao = new ConversationDao(h);
            return dao.find(conversationId).flatMap(c -> dao.message(messageId).map(m -> new Delivery(c, m)));
        });
    }

    private void announce(Sent sent) {
        synchronized (justSent) {
            justSent.put(sent.message().id(), new Delivery(sent.conversation(), sent.message()));
        }
        meters.counter("guichet.messages.stored", "author", sent.message().author().code()).increment();
        bus.publish(InboxEvents.MESSAGE_SENT, new MessageSent(sent.conversation().id(), sent.message().id()).payload());
        if (sent.message().seq() == 1 || sent.conversation().status() == Conversation.Status.WAITING) {
            bus.publish(InboxEvents.CONVERSATION_CHANGED,
                    new ConversationChanged(sent.conversation().id(), sent.conversation().serviceId()).payload());
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

    private static void requireAdmin(Staff actor) {
        if (actor == null || !actor.isAdmin()) throw ApiError.forbidden("Only an administrator can do this");
    }
}
