package io.guichet.platform.mail;

import io.guichet.platform.Brand;
import io.guichet.platform.Config;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;

/**
 * Mail's settings: the SMTP server (none: mails are kept for the mail viewer and never sent), the
 * sender's address, the cluster's rate, and what templates need (the public address links start
 * with, the institution's name and logo). The SMTP password lives only in {@link Smtp} and is never
 * shown by {@code toString}.
 */
public record MailSettings(Smtp smtp, String from, int ratePerMinute, String publicUrl, String institutionName,
                           String institutionLogo, Duration lease, Duration firstRetry, Duration lastRetry, Duration giveUpAfter) {

    /** Where mail leaves: {@code smtp://user:password@host:587?starttls=true} or {@code smtps://…}. */
    public record Smtp(String host, int port, boolean ssl, boolean startTls, String user, String password) {
        @Override
        public String toString() {
            return (ssl ? "smtps" : "smtp") + "://" + (user == null ? "" : user + "@") + host + ":" + port + (startTls ? "?starttls=true" : "");
        }
    }

    public boolean delivers() {
        return smtp != null;
    }

    /** The host of {@code GUICHET_PUBLIC_URL}: the right-hand side of every {@code Message-ID}. */
    public String host() {
        return URI.create(publicUrl).getHost();
    }

    public static MailSettings from(Config config) {
        Config.Settings s = config.settings();
        String publicUrl = publicUrl(s.text("GUICHET_PUBLIC_URL", "http://localhost:" + (config.port() == 0 ? 8080 : config.port())));
        String from = s.text("GUICHET_MAIL_FROM", "guichet@" + URI.create(publicUrl).getHost());
        if (!from.matches("[^@\\s<>]+@[^@\\s<>]+")) throw new Config.InvalidSetting("GUICHET_MAIL_FROM", from, "an email address");
        Brand brand = Brand.from(s);
        return new MailSettings(smtp(s.text("GUICHET_SMTP_URL", null)), from,
                s.integer("GUICHET_MAIL_RATE", 600, 1, 10_000_000), publicUrl,
                brand.name(), brand.logo(),
                Duration.ofSeconds(s.integer("GUICHET_MAIL_LEASE_SECONDS", 120, 1, 3600)),
                Duration.ofSeconds(s.integer("GUICHET_MAIL_RETRY_SECONDS", 30, 1, 3600)),
                Duration.ofMinutes(30),
                Duration.ofHours(s.integer("GUICHET_MAIL_GIVE_UP_HOURS", 72, 1, 24 * 30)));
    }

    private static String publicUrl(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) throw new URISyntaxException(url, "no host");
            return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        } catch (URISyntaxException e) {
            throw new Config.InvalidSetting("GUICHET_PUBLIC_URL", url, "an absolute address such as https://guichet.cegep.qc.ca");
        }
    }

    /** Null when no server is set; the value is never echoed back whole, since it may hold a password. */
    static Smtp smtp(String url) {
        if (url == null) return null;
        String expected = "smtp://user:password@host:587?starttls=true or smtps://user:password@host:465";
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new Config.InvalidSetting("GUICHET_SMTP_URL", "(hidden)", expected);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps") || uri.getHost() == null || uri.getRawPath() != null && !uri.getRawPath().isEmpty() && !uri.getRawPath().equals("/")) {
            throw new Config.InvalidSetting("GUICHET_SMTP_URL", scheme + "://" + (uri.getHost() == null ? "?" : uri.getHost()) + " (credentials hidden)", expected);
        }
        boolean ssl = scheme.equals("smtps");
        boolean startTls = false;
        if (uri.getRawQuery() != null) {
            for (String pair : uri.getRawQuery().split("&")) {
                String[] kv = pair.split("=", 2);
                if (!kv[0].equals("starttls") || kv.length != 2 || !kv[1].matches("true|false")) {
                    throw new Config.InvalidSetting("GUICHET_SMTP_URL", "?" + kv[0], "only ?starttls=true or ?starttls=false");
                }
                startTls = Boolean.parseBoolean(kv[1]);
            }
        }
        String user = null, password = null;
        if (uri.getRawUserInfo() != null) {
            String[] up = uri.getRawUserInfo().split(":", 2);
            user = URLDecoder.decode(up[0].replace("+", "%2B"), StandardCharsets.UTF_8);
            password = up.length == 2 ? URLDecoder.decode(up[1].replace("+", "%2B"), StandardCharsets.UTF_8) : null;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : ssl ? 465 : 587;
        return new Smtp(uri.getHost(), port, ssl, startTls, user, password);
    }
}
