package io.guichet.alerts;

import io.guichet.channels.HttpSmsGateway;
import io.guichet.channels.SmsProvider;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.platform.SecretBox;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The alerts' SMS channel: the gateway the administrator set (the channels module's {@link HttpSmsGateway}; the
 * provider interface lives there, with the other channels, and alerts depends on channels, never the other way), kept
 * in {@code alert_settings} with its credential sealed; none set, the channel is not offered.
 */
public final class AlertSms {
    private static final Logger LOG = LoggerFactory.getLogger(AlertSms.class);
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    /** What the settings screen shows: everything but the credential, of which only whether one is kept. */
    public record View(String url, String headerName, boolean hasSecret, String bodyTemplate) {
        public boolean configured() {
            return url != null;
        }
    }

    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;
    private final Duration firstRetry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile SmsProvider provider;
    /** When the settings were read (System.nanoTime); another node's change is seen within {@link #FRESH_NANOS}. */
    private volatile long loadedAt = Long.MIN_VALUE;
    private static final long FRESH_NANOS = 30_000_000_000L;

    public AlertSms(Jdbi jdbi, byte[] serverKey, Clock clock, Duration firstRetry) {
        this.jdbi = jdbi;
        this.box = new SecretBox(serverKey);
        this.clock = clock;
        this.firstRetry = firstRetry;
    }

    /** The number an SMS may go to: the contact's first phone already in E.164, else none. */
    public static String e164(java.util.List<String> phones) {
        for (String p : phones) if (p != null && E164.matcher(p).matches()) return p;
        return null;
    }

    /** The gateway, when one is set (read again at most every 30 s, and at once after a change on this node). */
    public Optional<SmsProvider> provider() {
        long now = System.nanoTime();
        if (loadedAt == Long.MIN_VALUE || now - loadedAt > FRESH_NANOS) {
            provider = read().map(s -> new HttpSmsGateway(s, http, firstRetry)).orElse(null);
            loadedAt = now;
        }
        return Optional.ofNullable(provider);
    }

    private Optional<HttpSmsGateway.Settings> read() {
        return jdbi.withHandle(h -> h.createQuery("SELECT sms_url, sms_header_name, sms_secret, sms_body FROM alert_settings WHERE sms_url IS NOT NULL")
                .map((rs, ctx) -> {
                    byte[] sealed = rs.getBytes("sms_secret");
                    return new HttpSmsGateway.Settings(rs.getString("sms_url"), rs.getString("sms_header_name"),
                            sealed == null ? null : box.open(sealed).get("value"), rs.getString("sms_body"));
                }).findOne());
    }

    public View accessSettings(Staff admin) {
        Access.requireAdmin(admin);
        return jdbi.withHandle(h -> h.createQuery("SELECT sms_url, sms_header_name, sms_secret IS NOT NULL AS has_secret, sms_body FROM alert_settings")
                .map((rs, ctx) -> new View(rs.getString("sms_url"), rs.getString("sms_header_name"), rs.getBoolean("has_secret"), rs.getString("sms_body")))
                .findOne()).orElse(new View(null, null, false, null));
    }

    /**
     * Sets the gateway (validated: 422 naming the field); an empty credential keeps the one kept; {@code url} empty
     * turns SMS off. Logged with who, never with the credential.
     */
    public View doSaveSettings(Staff admin, String url, String headerName, String headerValue, String bodyTemplate) {
        Access.requireAdmin(admin);
        boolean off = url == null || url.isBlank();
        String secret = headerValue == null || headerValue.isEmpty() ? null : headerValue;
        HttpSmsGateway.Settings s = null;
        if (!off) {
            String kept = secret != null ? secret : read().map(HttpSmsGateway.Settings::headerValue).orElse(null);
            String name = headerName == null || headerName.isBlank() ? null : headerName.strip();
            s = HttpSmsGateway.validated(new HttpSmsGateway.Settings(url.strip(), name, name == null ? null : kept, bodyTemplate));
        }
        HttpSmsGateway.Settings valid = s;
        jdbi.useTransaction(h -> h.createUpdate("""
                        INSERT INTO alert_settings (id, sms_url, sms_header_name, sms_secret, sms_body, updated_by, updated_at)
                        VALUES (TRUE, :u, :n, :s, :b, :by, :at)
                        ON CONFLICT (id) DO UPDATE SET sms_url = EXCLUDED.sms_url, sms_header_name = EXCLUDED.sms_header_name,
                            sms_secret = EXCLUDED.sms_secret, sms_body = EXCLUDED.sms_body, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at""")
                .bind("u", valid == null ? null : valid.url()).bind("n", valid == null ? null : valid.headerName())
                .bind("s", valid == null || valid.headerValue() == null ? null : box.seal(Map.of("value", valid.headerValue())))
                .bind("b", valid == null ? null : valid.bodyTemplate()).bind("by", admin.id()).bind("at", clock.instant()).execute());
        loadedAt = Long.MIN_VALUE;
        // the host only: a gateway's URL may carry a key in its query
        LOG.info("alerts: SMS gateway {} by staff #{}", off ? "turned off" : "set (" + java.net.URI.create(valid.url()).getHost() + ")", admin.id());
        return accessSettings(admin);
    }
}
