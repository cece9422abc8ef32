package io.guichet.inbox;

/**
 * What the inbox tells the bus once a write has committed. Payloads carry ids only; every node reads
 * what it needs for its own sockets.
 */
public final class InboxEvents {
    /** A message was stored: payload {@code conversationId,messageId}. */
    public static final String MESSAGE_SENT = "inbox.message";
    /** A conversation was created, assigned, transferred, resolved or reopened: payload {@code conversationId,serviceId}. */
    public static final String CONVERSATION_CHANGED = "inbox.conversation";
    /** Someone is typing: payload {@code conversationId,visitor|agent}. Never stored. */
    public static final String TYPING = "inbox.typing";

    public record MessageSent(long conversationId, long messageId) {
        public String payload() {
            return conversationId + "," + messageId;
        }

        public static MessageSent parse(String payload) {
            String[] p = payload.split(",");
            return new MessageSent(Long.parseLong(p[0]), Long.parseLong(p[1]));
        }
    }

    public record ConversationChanged(long conversationId, long serviceId) {
        public String payload() {
            return conversationId + "," + serviceId;
        }

        public static ConversationChanged parse(String payload) {
            String[] p = payload.split(",");
            return new ConversationChanged(Long.parseLong(p[0]), Long.parseLong(p[1]));
        }
    }

    public record Typing(long conversationId, boolean byVisitor) {
        public String payload() {
            return conversationId + "," + (byVisitor ? "visitor" : "agent");
        }

        public static Typing parse(String payload) {
            String[] p = payload.split(",");
            return new Typing(Long.parseLong(p[0]), "visitor".equals(p[1]));
        }
    }

    private InboxEvents() {
    }
}
