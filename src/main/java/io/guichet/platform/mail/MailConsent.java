package io.guichet.platform.mail;

import org.jdbi.v3.core.Handle;

import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether a contact may be sent a mail of a purpose that needs consent. The people module keeps the
 * consent ledger and answers through this port, wired in {@code App}; the outbox asks it, in the
 * transaction that queues the mail, for every mail that is not transactional.
 */
@FunctionalInterface
public interface MailConsent {
    boolean allows(Handle h, long contactId, Purpose purpose);

    /**
     * The contacts among {@code contactIds} who may be sent mail of {@code purpose}, for a bulk send. One
     * question per contact unless the ledger answers for all in one query (it should: 10,000 at once).
     */
    default Set<Long> allowedAmong(Handle h, Collection<Long> contactIds, Purpose purpose) {
        return contactIds.stream().filter(c -> allows(h, c, purpose)).collect(Collectors.toSet());
    }
}
