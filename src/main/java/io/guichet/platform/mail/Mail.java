package io.guichet.platform.mail;

import java.time.Instant;
import java.util.List;

/**
 * One mail of the outbox as the mail viewer and {@code GET /api/v1/mail} show it. {@code text} and
 * {@code html} (the parts exactly as sent) are null in lists.
 */
public record Mail(long id, String messageId, Status status, Purpose purpose, Long contactId, String to, String toName,
                   String lang, String kind, String subject, Instant queuedAt, Instant doneAt, int attempts, String lastError,
                   String inReplyTo, List<String> references, String unsubscribeUrl, String fromName, String replyTo,
                   String text, String html) {

    public enum Status {
        QUEUED, SENT, FAILED, KEPT;

        public String key() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The status named in a query ({@code ?status=sent}); null when the value names none. */
        public static Status of(String key) {
            for (Status s : values()) if (s.key().equals(key)) return s;
            return null;
        }
    }

    /** The headers the mail carries beyond From, To, Subject and Date, as sent. */
    public List<String[]> headers() {
        List<String[]> out = new java.util.ArrayList<>();
        out.add(new String[]{"Message-ID", messageId});
        if (inReplyTo != null) out.add(new String[]{"In-Reply-To", inReplyTo});
        if (!references.isEmpty()) out.add(new String[]{"References", String.join(" ", references)});
        if (replyTo != null) out.add(new String[]{"Reply-To", replyTo});
        if (unsubscribeUrl != null) {
            out.add(new String[]{"List-Unsubscribe", "<" + unsubscribeUrl + ">"});
            out.add(new String[]{"List-Unsubscribe-Post", "List-Unsubscribe=One-Click"});
        }
        return out;
    }
}
