package io.guichet.inbox;

import io.guichet.identity.Access;
import io.guichet.identity.Viewer;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Who receives each inbox notice: a pure function of the conversation and the staff who could be
 * told (for sockets, those connected to this node), used alike by sockets today and by mail or
 * Messenger tomorrow. {@code InboxRecipientsTest} states the exact set for every persona.
 */
public final class InboxRecipients {
    /** The visitor (a contact id, or null for no one) and the staff members who get the notice. */
    public record Audience(Long contactId, Set<Long> staffIds) {
        public Audience {
            staffIds = Set.copyOf(staffIds);
        }
    }

    /**
     * A change of state: the agent it was just assigned to is alerted ({@code conversation.assigned}),
     * once; everyone else who may read it gets a list update, and so does the agent it was taken from;
     * the visitor gets their status and queue place.
     */
    public record ChangeAudience(Long alerted, Set<Long> updated, long contactId) {
        public ChangeAudience {
            updated = Set.copyOf(updated);
        }
    }

    /** A message goes to its visitor (never an internal note), its assigned agent and supervisors. */
    public static Audience ofMessage(Conversation c, Message m, Collection<Viewer> staff) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Viewer v : staff) {
            if (isAssignee(c, v) || Access.canSupervise(v.staff())) ids.add(v.id());
        }
        return new Audience(m.internal() ? null : c.contactId(), ids);
    }

    public static ChangeAudience ofChange(Conversation c, ConversationChanged change, Collection<Viewer> staff) {
        boolean assignedNow = change.change() == ConversationChanged.Change.ASSIGNED && c.status() == Conversation.Status.OPEN
                && c.assigneeId() != null && c.assigneeId().equals(change.assigneeId()); // not a later change re-read
        Long alerted = null;
        Set<Long> updated = new LinkedHashSet<>();
        for (Viewer v : staff) {
            if (assignedNow && isAssignee(c, v)) alerted = v.id();
            else if (Access.canReadServiceWork(v, c.serviceId(), c.assigneeId()) || Long.valueOf(v.id()).equals(change.formerAssigneeId())) {
                updated.add(v.id());
            }
        }
        return new ChangeAudience(alerted, updated, c.contactId());
    }

    /**
     * A mention goes to the colleague it names, and only while they may read the conversation (a transfer since
     * the note took it from them); never to the visitor, never to anyone else.
     */
    public static Audience ofMention(Conversation c, MentionMade mention, Collection<Viewer> staff) {
        Set<Long> ids = new LinkedHashSet<>();
        for (Viewer v : staff) {
            if (v.id() == mention.staffId() && Access.canBeMentioned(v, c.serviceId(), c.assigneeId())) ids.add(v.id());
        }
        return new Audience(null, ids);
    }

    /** The visitor's typing goes to the assigned agent; an agent's typing to the visitor. */
    public static Audience ofTyping(Conversation c, boolean byVisitor) {
        if (!byVisitor) return new Audience(c.contactId(), Set.of());
        return new Audience(null, c.assigneeId() == null ? Set.of() : Set.of(c.assigneeId()));
    }

    /** Whether this staff member may signal typing in the conversation: the same rule as reading it. */
    public static boolean mayType(Conversation c, Viewer v) {
        return Access.canReadServiceWork(v, c.serviceId(), c.assigneeId());
    }

    private static boolean isAssignee(Conversation c, Viewer v) {
        return c.assigneeId() != null && c.assigneeId() == v.id();
    }

    private InboxRecipients() {
    }
}
