package io.guichet.people;

import io.guichet.identity.Staff;
import io.guichet.people.internal.ContactDao;
import io.guichet.platform.ShortLivedCache;
import io.guichet.platform.Tokens;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import org.jdbi.v3.core.Jdbi;

import java.util.Optional;

/** Contacts, and the browser identities (visitor tokens) through which they reach us. */
public final class PeopleService {
    private final Jdbi jdbi;

    /** Visitor tokens are read on every request; a contact's name or language changed on another node shows within this. */
    private static final long VISITOR_CACHE_MILLIS = 30_000;
    private final ShortLivedCache<String, Contact> visitors = new ShortLivedCache<>(java.time.Clock.systemUTC(), VISITOR_CACHE_MILLIS, 50_000);
    private final ShortLivedCache<Long, Contact> contacts = new ShortLivedCache<>(java.time.Clock.systemUTC(), VISITOR_CACHE_MILLIS, 50_000);

    public PeopleService(Jdbi jdbi) {
        this.jdbi = jdbi;
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
            Contact c = dao.insert(cleanName, cleanEmail, lang == null ? Messages.FR : lang);
            dao.insertVisitorSession(Tokens.hash(token), c.id());
            return c;
        });
        return new VisitorSession(token, contact);
    }

    /** Updates what the visitor told us about themselves; null leaves a field as it was. */
    public Contact doUpdateVisitor(Contact visitor, String name, String email, String lang) {
        String cleanName = Fields.optional("name", name, 120);
        String cleanEmail = Fields.optionalEmail("email", email);
        if (lang != null && !Messages.isSupported(lang)) throw ApiError.invalid("lang", "lang must be fr or en");
        Contact updated = jdbi.inTransaction(h -> {
            ContactDao dao = new ContactDao(h);
            dao.update(visitor.id(), cleanName, cleanEmail, lang);
            return dao.find(visitor.id()).orElseThrow();
        });
        visitors.removeIf(c -> c.id() == visitor.id());
        contacts.remove(visitor.id());
        return updated;
    }

    /** For delivering notices: no viewer check, the caller decides who sees the contact. */
    public Contact accessContactForDelivery(long contactId) {
        return contacts.get(contactId, id -> jdbi.withHandle(h -> new ContactDao(h).find(id))).orElse(null);
    }

    public Optional<Contact> accessVisitor(String token) {
        if (token == null || !token.startsWith("gv_") || token.length() > 100) return Optional.empty();
        return visitors.get(Tokens.hash(token), hash -> jdbi.withHandle(h -> new ContactDao(h).byVisitorToken(hash)));
    }

    /** Staff see a contact through a conversation they may read; the caller checked that right. */
    public Contact accessContact(Staff viewer, long contactId) {
        if (viewer == null) throw ApiError.unauthorized();
        return jdbi.withHandle(h -> new ContactDao(h).find(contactId)).orElseThrow(() -> ApiError.notFound("Contact"));
    }
}
