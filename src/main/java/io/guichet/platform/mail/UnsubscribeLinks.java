package io.guichet.platform.mail;

/**
 * The one-click unsubscribe address for a contact and purpose (absolute, signed, working without a
 * login), put by the outbox in the {@code List-Unsubscribe} header and the body of every mail that is
 * not transactional. The people module builds and honours it.
 */
@FunctionalInterface
public interface UnsubscribeLinks {
    String linkFor(long contactId, Purpose purpose);
}
