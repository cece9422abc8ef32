package io.guichet.live;

import java.time.Instant;

/**
 * A question asked during a live session. Public ones go to the wall (after moderation when it is on);
 * private ones become an inbox conversation ({@code conversationId}) and never reach the wall.
 * {@code voteRev} grows with every vote change, so clients keep the newest count whatever the order
 * in which nodes deliver them.
 */
public record Question(long id, long sessionId, long contactId, Visibility visibility, Long serviceId, String authorName,
                       String body, String originalBody, Status status, String heldReason, boolean advance,
                       int votes, long voteRev, Long mergedInto, String answer, Instant answeredAt, Long answeredBy,
                       Long conversationId, Instant createdAt, Instant publishedAt) {

    public enum Visibility {
        PUBLIC, PRIVATE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public enum Status {
        PENDING, PUBLISHED, DISMISSED, MERGED, PRIVATE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromCode(String code) {
            return valueOf(code.toUpperCase(java.util.Locale.ROOT));
        }
    }

    public Question withVotes(int newVotes, long newRev) {
        return new Question(id, sessionId, contactId, visibility, serviceId, authorName, body, originalBody, status, heldReason,
                advance, newVotes, newRev, mergedInto, answer, answeredAt, answeredBy, conversationId, createdAt, publishedAt);
    }

    public boolean onWall() {
        return status == Status.PUBLISHED;
    }

    public boolean answered() {
        return answer != null;
    }

    /** Still open to moderation: not dismissed, merged away or private. */
    public boolean moderatable() {
        return status == Status.PENDING || status == Status.PUBLISHED;
    }
}
