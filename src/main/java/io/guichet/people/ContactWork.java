package io.guichet.people;

import io.guichet.identity.Viewer;

import java.util.Collection;
import java.util.Set;

/**
 * Which contacts a staff member is working with: those with a conversation they may read. The inbox
 * knows (it owns conversations) and answers through this port, wired in {@code App}, so that people
 * depends on no module that depends on it.
 */
@FunctionalInterface
public interface ContactWork {
    Set<Long> contactsHandledBy(Viewer viewer, Collection<Long> contactIds);
}
