package io.guichet.platform.mail;

import org.jdbi.v3.core.Handle;

/**
 * What became of a mail addressed to a contact, told in the transaction that records it in the
 * outbox, so that the contact's timeline shows mails sent and mails that could not be delivered.
 */
public interface MailOutcomes {
    void sent(Handle h, long contactId, long mailId, String kind, String subject);

    void failed(Handle h, long contactId, long mailId, String kind, String subject, String reason);
}
