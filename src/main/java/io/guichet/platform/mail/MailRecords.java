package io.guichet.platform.mail;

import io.guichet.platform.mail.internal.OutboxDao;
import org.jdbi.v3.core.Handle;

/**
 * What the outbox holds about one contact, for a person's right of access and for erasure: the people module's
 * {@code PersonalData} port reaches the outbox through here (platform depends on no module).
 */
public final class MailRecords {
    /** The mails queued to the contact, oldest first, as a JSON array. */
    public String exportJson(Handle h, long contactId) {
        return new OutboxDao(h).personJson(contactId);
    }

    /** Blanks the address, name, subject and bodies of the contact's mails in {@code h}'s transaction; the rows stay, counted. */
    public void erase(Handle h, long contactId) {
        new OutboxDao(h).forgetRecipient(contactId);
    }
}
