package io.guichet.platform.mail;

import org.jdbi.v3.core.Handle;

/**
 * Whether a contact may be sent a mail of a purpose that needs consent. The people module keeps the
 * consent ledger and answers through this port, wired in {@code App}; the outbox asks it, in the
 * transaction that queues the mail, for every mail that is not transactional.
 */
@FunctionalInterface
public interface MailConsent {
    boolean allows(Handle h, long contactId, Purpose purpose);
}
