package io.guichet.live;

/**
 * Who receives a live notice: a pure function used by the sockets (and by any later channel).
 * Moderators (supervisors and administrators signed in) get every question of their session, pending
 * ones included; viewers get what is on the wall, and are told when a published question leaves it.
 * Private questions never reach the wall: their answers reach the asker through the inbox.
 */
public final class LiveRecipients {
    /** What the wall's viewers get for a changed question. */
    public enum ForViewers { SHOW, REMOVE, NOTHING }

    public static ForViewers ofQuestion(Question q) {
        if (q.visibility() != Question.Visibility.PUBLIC) return ForViewers.NOTHING;
        if (q.onWall()) return ForViewers.SHOW;
        return q.publishedAt() != null ? ForViewers.REMOVE : ForViewers.NOTHING;
    }

    private LiveRecipients() {
    }
}
