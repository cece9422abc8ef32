package io.guichet.platform.mail.internal;

import io.guichet.platform.mail.MailSettings;
import io.guichet.platform.web.LogValues;

/**
 * An SMTP error as it may be shown to an administrator and logged: the server's reply and the kind of
 * failure, with email addresses and the configured password removed, on one line, at most 300 characters.
 */
final class Redaction {
    static String of(Throwable e, MailSettings settings) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = e; t != null && out.length() < 300; t = t.getCause() == t ? null : next(t)) {
            if (!out.isEmpty()) out.append(" <- ");
            out.append(t.getClass().getSimpleName());
            if (t.getMessage() != null) out.append(": ").append(t.getMessage().strip());
        }
        String text = out.toString();
        String password = settings.smtp() == null ? null : settings.smtp().password();
        if (password != null && !password.isEmpty()) text = text.replace(password, "(hidden)");
        text = text.replaceAll("[^\\s<>()\\[\\]\"',;:]+@[^\\s<>()\\[\\]\"',;:]+", "(address)");
        text = LogValues.escape(text);
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static Throwable next(Throwable t) {
        if (t instanceof jakarta.mail.MessagingException m && m.getNextException() != null) return m.getNextException();
        return t.getCause();
    }

    private Redaction() {
    }
}
