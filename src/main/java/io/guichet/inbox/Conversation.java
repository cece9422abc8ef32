package io.guichet.inbox;

import java.time.Instant;

/**
 * A conversation between a contact and a service, as staff and the visitor's panel see it.
 * {@code origin} says which other module's object started it (a live session's private question), or is null.
 * {@code answeredByEmail}: a staff reply the visitor did not see in the widget went to them by email.
 */
public record Conversation(long id, long serviceId, long contactId,
                           Status status, Long assigneeId, boolean offline, String lang,
                           int lastSeq, Instant createdAt, Instant lastMessageAt, String preview, Origin origin,
                           boolean answeredByEmail, Instant queuedAt) {

    /** Without the time it joined its queue (tests' conversations); {@code createdAt} stands for it. */
    public Conversation(long id, long serviceId, long contactId, Status status, Long assigneeId, boolean offline, String lang,
                        int lastSeq, Instant createdAt, Instant lastMessageAt, String preview, Origin origin, boolean answeredByEmail) {
        this(id, serviceId, contactId, status, assigneeId, offline, lang, lastSeq, createdAt, lastMessageAt, preview, origin, answeredByEmail, createdAt);
    }

    /**
     * Whether staff should expect the visitor to read their replies by email ("Sera répondue par courriel"): a reply
     * already went by mail, or it started offline (out of hours, nobody there) and the visitor left an address.
     */
    public boolean byEmail(io.guichet.people.Contact contact) {
        return answeredByEmail || offline && contact != null && contact.email() != null;
    }

    /** The origins that are channels of their own; every other conversation came through the web widget. */
    public static final java.util.Set<String> CHANNEL_ORIGINS = java.util.Set.of("messenger", "facebook_comment", "email");

    /** Where the visitor writes from: "web" (the widget, a journey's or a live night's chat), "messenger", "facebook_comment" or "email". */
    public String channel() {
        return origin != null && CHANNEL_ORIGINS.contains(origin.kind()) ? origin.kind() : "web";
    }

    /** This conversation once the message is appended, without reading it back. */
    public Conversation with(Message m) {
        boolean shown = !m.internal() && m.author() != Message.Author.SYSTEM;
        String newPreview = shown ? m.body().substring(0, m.body().offsetByCodePoints(0, Math.min(140, m.body().codePointCount(0, m.body().length())))) : preview;
        return new Conversation(id, serviceId, contactId, status, assigneeId, offline, lang,
                m.seq(), createdAt, m.createdAt(), newPreview, origin, answeredByEmail, queuedAt);
    }

    public enum Status {
        WAITING, OPEN, RESOLVED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Status fromCode(String code) {
            for (Status s : values()) if (s.code().equals(code)) return s;
            throw new IllegalArgumentException("Unknown status " + code);
        }
    }
}
