package io.guichet.identity;

/**
 * What a staff member may do; each role includes the ones after it, down to {@code AGENT}. {@code FACULTY} (an exam
 * office) stands apart, below every other: it is no agent and sees only its own faculty's exam incidents.
 * {@code COMMUNICATOR} (the communications team) stands apart too: staff, but no agent; it drafts and approves
 * emergency alerts ({@link Access#canDraftAlerts}). Never compare to it with {@link #atLeast}: it is no rank.
 */
public enum Role {
    ADMIN, SUPERVISOR, AGENT, FACULTY, COMMUNICATOR;

    public boolean atLeast(Role other) {
        return ordinal() <= other.ordinal();
    }

    public String code() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Role fromCode(String code) {
        for (Role r : values()) if (r.code().equals(code)) return r;
        throw new IllegalArgumentException("Unknown role " + code);
    }
}
