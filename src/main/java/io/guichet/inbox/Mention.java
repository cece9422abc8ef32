package io.guichet.inbox;

import java.time.Instant;

/**
 * A mention of a staff member in a conversation's note, as their mentions list shows it: who wrote it, the note's
 * beginning, and whether they opened the conversation since.
 */
public record Mention(long id, long conversationId, long messageId, long byStaffId, String excerpt, Instant createdAt, boolean unread,
                      long serviceId, Long assigneeId, long contactId) {
}
