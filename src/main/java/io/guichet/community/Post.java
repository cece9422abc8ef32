package io.guichet.community;

import java.time.Instant;

/**
 * A post of a thread: its opening question ({@code opening}) or a reply. {@code authorName} is the member's name (or
 * the staff member's); {@code status} visible, held (a new member's links, waiting for a moderator) or hidden.
 */
public record Post(long id, long threadId, Long memberId, Long staffId, String authorName, boolean opening, String body, String status,
                   int reports, boolean helpful, Long articleId, Instant createdAt) {
    public boolean visible() {
        return "visible".equals(status);
    }
}
