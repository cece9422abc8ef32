package io.guichet.inbox;

import io.guichet.platform.bus.Notice;

/**
 * A conversation changed, and how: receivers read its current state, but who is alerted depends on
 * what happened (an assignment alerts the new assignee once, however late the notice arrives).
 * {@code assigneeId} is the assignee this change gave it to (for {@code ASSIGNED}); {@code formerAssigneeId}
 * the one it was taken from, told so their list lets it go.
 */
public record ConversationChanged(long conversationId, long serviceId, Change change, Long assigneeId, Long formerAssigneeId)
        implements Notice {

    public enum Change {
        /** The visitor's first message. */
        STARTED,
        /** The visitor wrote again while it waits (or wrote in a resolved one, which reopens it into the queue). */
        WAITING,
        /** Given to an agent, by routing or by a transfer to that agent. */
        ASSIGNED,
        /** Sent to another service's queue. */
        TRANSFERRED,
        RESOLVED,
        /** Reopened by staff, back in the queue or kept by the one who reopened it. */
        REOPENED,
        /** Out of the active lists for a while. */
        SNOOZED,
        /** Back from a snooze: its time came, the visitor wrote, or someone woke it. */
        RETURNED,
        /** Replies the visitor had not seen went to them by email: the console marks it. */
        MAILED,
        /** The visitor rated it (or rated it again): an open console shows the rating. */
        RATED
    }

    public static ConversationChanged of(Conversation c, Change change) {
        return new ConversationChanged(c.id(), c.serviceId(), change, null, null);
    }
}
