package io.guichet.people;

import io.guichet.platform.bus.Notice;

/**
 * A contact was edited, erased, merged or unmerged: every node drops its cached copy of it (and of the visitor
 * tokens that lead to it), so a name, a language or an erasure shows at once everywhere, not after the cache's 30 s.
 */
public record ContactChanged(long contactId) implements Notice {
}
