package io.guichet.channels;

import io.guichet.platform.Config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * The email channel's settings. {@code replyAfter}: how long a staff reply may stay unseen in the widget before it
 * goes by email ({@code GUICHET_OFFLINE_REPLY_AFTER_SECONDS}, 180). {@code replyAddress}: the mailbox answers are
 * sent to ({@code GUICHET_MAIL_REPLY_ADDRESS}, e.g. {@code reponses@cegep.qc.ca}; each mail's Reply-To is
 * {@code reponses+<token>@cegep.qc.ca}); null: answers come through the signed link only. {@code imapUrl}: where that
 * mailbox is read ({@code GUICHET_MAIL_IMAP_URL}, {@code imaps://user:password@host/INBOX}); the password is never
 * shown by {@code toString}. {@code maxInboundBytes}: a larger inbound mail is stored cut and not posted.
 */
public record EmailSettings(Duration replyAfter, Duration linkLifetime, String replyAddress, Imap imap, Duration pollEvery,
                            int maxInboundBytes) {

    /** The reply mailbox on an IMAP server. */
    public record Imap(String protocol, String host, int port, String user, String password, String folder) {
        @Override
        public String toString() {
            return protocol + "://" + (user == null ? "" : user + "@") + host + ":" + port + "/" + folder;
        }
    }

    public static EmailSettings from(Config config) {
        Config.Settings s = config.settings();
        String reply = s.text("GUICHET_MAIL_REPLY_ADDRESS", null);
        if (reply != null && !reply.matches("[A-Za-z0-9._-]{1,30}@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")) {
            throw new Config.InvalidSetting("GUICHET_MAIL_REPLY_ADDRESS", reply, "a mailbox such as reponses@cegep.qc.ca (no + in its local part)");
        }
        return new EmailSettings(Duration.ofSeconds(s.integer("GUICHET_OFFLINE_REPLY_AFTER_SECONDS", 180, 1, 24 * 3600)),
                Duration.ofDays(s.integer("GUICHET_MAIL_LINK_DAYS", 30, 1, 365)), reply, imap(s.text("GUICHET_MAIL_IMAP_URL", null)),
                Duration.ofSeconds(s.integer("GUICHET_MAIL_IMAP_POLL_SECONDS", 30, 1, 3600)),
                s.integer("GUICHET_MAIL_INBOUND_MAX_BYTES", 10 * 1024 * 1024, 10_000, 50 * 1024 * 1024));
    }

    /** How often the reply pass looks for unseen replies: a quarter of the delay, between 1 and 30 seconds. */
    public Duration passEvery() {
        return Duration.ofMillis(Math.clamp(replyAfter.toMillis() / 4, 1_000, 30_000));
    }

    static Imap imap(String url) {
        if (url == null) return null;
        String expected = "imaps://user:password@host:993/INBOX or imap://user:password@host:143/INBOX";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Config.InvalidSetting("GUICHET_MAIL_IMAP_URL", "(hidden)", expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        if (!scheme.equals("imap") && !scheme.equals("imaps") || uri.getHost() == null) {
            throw new Config.InvalidSetting("GUICHET_MAIL_IMAP_URL", scheme + "://… (credentials hidden)", expected);
        }
        String user = null, password = null;
        if (uri.getUserInfo() != null) {
            String[] up = uri.getUserInfo().split(":", 2);
            user = up[0];
            password = up.length == 2 ? up[1] : null;
        }
        String folder = uri.getPath() == null || uri.getPath().length() <= 1 ? "INBOX" : uri.getPath().substring(1);
        int port = uri.getPort() > 0 ? uri.getPort() : scheme.equals("imaps") ? 993 : 143;
        return new Imap(scheme, uri.getHost(), port, user, password, folder);
    }
}
