package io.guichet.people;

import io.guichet.identity.Access;
import io.guichet.identity.Viewer;
import io.guichet.people.internal.ContactDao;
import io.guichet.people.internal.MergeDao;
import io.guichet.people.internal.TimelineDao;
import io.guichet.platform.ShortLivedCache;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.Tokens;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;

/** Contacts, and the browser identities (visitor tokens) through which they reach us. */
public final class PeopleService {
    private final Jdbi jdbi;

    /** Visitor tokens are read on every request; changes reach every node's copy through {@link ContactChanged}, this bounds a lost notice. */
    private static final long VISITOR_CACHE_MILLIS = 30_000;
    private final ShortLivedCache<String, Contact> visitors = new ShortLivedCache<>(java.time.Clock.systemUTC(), VISITOR_CACHE_MILLIS, 50_000);
    private final ShortLivedCache<Long, Contact> contacts = new ShortLivedCache<>(java.time.Clock.systemUTC(), VISITOR_CACHE_MILLIS, 50_000);

    private final ContactWork work;
    private final Bus bus;

    public PeopleService(Jdbi jdbi, ContactWork work, Bus bus) {
        this.jdbi = jdbi;
        this.work = work;
        this.bus = bus;
        bus.subscribe(ContactChanged.class, n -> drop(n.contactId()));
    }

    /** A new visitor: the token is the browser's only credential, we keep its hash. */
    public record VisitorSession(String token, Contact contact) {
    }

    public VisitorSession doStartVisitorSession(String name, String email, String lang) {
        String cleanName = Fields.optional("name", name, 120);
        String cleanEmail = Fields.optionalEmail("email", email);
        if (lang != null && !Messages.isSupported(lang)) throw ApiError.invalid("lang", "lang must be fr or en");
        String token = Tokens.random("gv_");
        Contact contact = jdbi.inTransaction(h -> {
            ContactDao dao = new ContactDao(h);
            long id = dao.insert(cleanName, lang == null ? Messages.FR : lang);
            dao.insertVisitorSession(Tokens.hash(token), id);
            if (cleanEmail != null) claim(dao, id, cleanEmail);
            return dao.find(id).orElseThrow();
        });
        // The browser opens its socket and sends its first message at once: both find it here, not in the database.
        visitors.put(Tokens.hash(token), contact);
        contacts.put(contact.id(), contact);
        return new VisitorSession(token, contact);
    }

    /**
     * A chat session for a contact already known, for a caller that proved who the person is (a journey's applicant,
     * signed in through a link mailed to their address): their chat then lands on their own contact.
     */
    public VisitorSession doStartVisitorSessionFor(long contactId) {
        Contact contact = survivor(contactId).orElseThrow(() -> ApiError.notFound("Contact"));
        String token = Tokens.random("gv_");
        jdbi.useTransaction(h -> new ContactDao(h).insertVisitorSession(Tokens.hash(token), contact.id()));
        visitors.put(Tokens.hash(token), contact);
        return new VisitorSession(token, contact);
    }

    /**
     * An email typed in the chat proves nothing: anyone can type anyone's address. Were it an identity, the next
     * message from that address (or the owner's existing contact) would join this browser's contact, and the
     * browser would read their conversations. So it stays a claim on the visitor's own contact, shown to staff as
     * unverified; a duplicate proposal can name the contact that really holds it.
     */
    private static void claim(ContactDao dao, long contactId, String email) {
        dao.addClaim(contactId, "email", email.toLowerCase(java.util.Locale.ROOT), email, "widget");
    }

    /** Updates what the visitor told us about themselves; null leaves a field as it was. */
    public Contact doUpdateVisitor(Contact visitor, String name, String email, String lang) {
        String cleanName = Fields.optional("name", name, 120);
        String cleanEmail = Fields.optionalEmail("email", email);
        if (lang != null && !Messages.isSupported(lang)) throw ApiError.invalid("lang", "lang must be fr or en");
        Contact updated = jdbi.inTransaction(h -> {
            ContactDao dao = new ContactDao(h);
            dao.update(visitor.id(), cleanName, lang);
            if (cleanEmail != null) claim(dao, visitor.id(), cleanEmail);
            return dao.find(visitor.id()).orElseThrow();
        });
        announceChanged(List.of(visitor.id()));
        return updated;
    }

    /**
     * After a change to these contacts committed (an edit, an erasure, a merge or its undo): every node, this one at
     * once, drops its cached copies of them and of the visitor tokens that lead to them ({@link ContactChanged}).
     */
    void announceChanged(Collection<Long> contactIds) {
        for (long id : new LinkedHashSet<>(contactIds)) bus.publish(new ContactChanged(id));
    }

    /** A merged contact is cached under its own id holding its survivor: both keys go. */
    private void drop(long contactId) {
        contacts.remove(contactId);
        contacts.removeIf(c -> c.id() == contactId);
        visitors.removeIf(c -> c.id() == contactId);
    }

    /**
     * Tells the contact's timeline what happened: the one way every module feeds it. A contact merged
     * into another has it written on the one it was merged into.
     */
    public void doRecord(TimelineEntry entry) {
        jdbi.useTransaction(h -> doRecord(h, entry));
    }

    /** As {@link #doRecord(TimelineEntry)}, in the caller's transaction, so the entry commits with the action it tells. */
    public void doRecord(Handle h, TimelineEntry entry) {
        new TimelineDao(h).insert(entry);
    }

    /** As {@link #doRecord(Handle, TimelineEntry)}, for many entries in one statement. */
    public void doRecord(Handle h, List<TimelineEntry> entries) {
        new TimelineDao(h).insertAll(entries);
    }

    /** For delivering notices: no viewer check, the recipients rules decide who sees the contact. */
    public Contact findContactForDelivery(long contactId) {
        return survivor(contactId).orElse(null);
    }

    /** The contact itself and those merged into it: whatever other modules hold under any of these ids is this person's. */
    public List<Long> findMergedContactIds(long contactId) {
        List<Long> ids = new ArrayList<>(List.of(contactId));
        ids.addAll(jdbi.withHandle(h -> new MergeDao(h).mergedInto(List.of(contactId))).getOrDefault(contactId, List.of()));
        return ids;
    }

    /** A contact read by id is the one it was merged into, if it was: conversations and questions that name it show the survivor. */
    private Optional<Contact> survivor(long contactId) {
        return contacts.get(contactId, id -> jdbi.withHandle(h -> {
            Long survivorId = new MergeDao(h).survivors(List.of(id)).get(id);
            return survivorId == null ? Optional.<Contact>empty() : new ContactDao(h).find(survivorId);
        }));
    }

    /**
     * Contacts whose name or email holds the text (accent- and case-blind), at most {@code limit}: for another module's
     * search, which shows only what its own rules let the viewer read, so no viewer here.
     */
    public List<Long> findContactIdsMatching(String text, int limit) {
        return jdbi.withHandle(h -> new ContactDao(h).idsMatching(text, limit));
    }

    /** The contact behind a visitor token: the browser's only credential, so no viewer. */
    public Optional<Contact> findVisitor(String token) {
        if (token == null || !token.startsWith("gv_") || token.length() > 100) return Optional.empty();
        return visitors.get(Tokens.hash(token), hash -> jdbi.withHandle(h -> new ContactDao(h).byVisitorToken(hash)));
    }

    /** The visitor a request's token names; 401 when it names none. */
    public Contact accessVisitor(String token) {
        return findVisitor(token).orElseThrow(ApiError::unauthorized);
    }

    /** Supervisors see every contact; an agent sees those with a conversation they may read. */
    public Contact accessContact(Viewer viewer, long contactId) {
        return accessContacts(viewer, List.of(contactId)).stream().findFirst().orElseThrow(() -> ApiError.notFound("Contact"));
    }

    /** As {@link #accessContact}, for a list: one check and one read for all of them (unknown or refused ones are left out). */
    public List<Contact> accessContacts(Viewer viewer, Collection<Long> contactIds) {
        Access.requireStaff(viewer.staff());
        Collection<Long> allowed = Access.canReadEveryContact(viewer.staff()) ? contactIds : handledBy(viewer, contactIds);
        if (!contactIds.isEmpty() && allowed.isEmpty()) throw ApiError.forbidden("This contact is not one of your conversations");
        Map<Long, Contact> found = new LinkedHashMap<>();
        for (long id : new LinkedHashSet<>(allowed)) survivor(id).ifPresent(c -> found.putIfAbsent(c.id(), c));
        return List.copyOf(found.values());
    }

    /** An agent works with a contact when they do with it or with one merged into it (its conversations name that one). */
    Collection<Long> handledBy(Viewer viewer, Collection<Long> contactIds) {
        Map<Long, List<Long>> merged = jdbi.withHandle(h -> new MergeDao(h).mergedInto(contactIds));
        if (merged.isEmpty()) return work.contactsHandledBy(viewer, contactIds);
        Set<Long> asked = new LinkedHashSet<>(contactIds);
        merged.values().forEach(asked::addAll);
        Set<Long> handled = work.contactsHandledBy(viewer, asked);
        return contactIds.stream().filter(id -> handled.contains(id) || merged.getOrDefault(id, List.of()).stream().anyMatch(handled::contains)).toList();
    }
}
