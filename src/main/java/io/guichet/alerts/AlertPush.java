package io.guichet.alerts;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.interaso.webpush.VapidKeys;
import com.interaso.webpush.WebPush;
import io.guichet.alerts.internal.PushDao;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Web push of the alerts (RFC 8030, 8291, 8292) through {@code com.interaso:webpush}: the installation's VAPID key
 * pair (made once, kept with the server keys every node shares), the browsers' subscriptions, and the push requests
 * themselves, many at once. A push service answering 404 or 410 says the subscription expired: it is deleted.
 *
 * <p>A subscription's endpoint is a URL this server will POST to, so only the push services named in
 * {@code GUICHET_ALERT_PUSH_SERVICES} are accepted (the browsers' own by default): an endpoint elsewhere would make
 * the server call any address it was given.
 */
public final class AlertPush {
    private static final Logger LOG = LoggerFactory.getLogger(AlertPush.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** The push services of Chrome/Edge/Android, Firefox, Windows and Safari; an institution's own entries replace them. */
    public static final String DEFAULT_SERVICES = "fcm.googleapis.com,*.googleapis.com,updates.push.services.mozilla.com,*.notify.windows.com,*.push.apple.com";
    private static final int TTL_SECONDS = 24 * 3600, IN_FLIGHT = 128, ENDPOINT_MAX = 1000;

    private final Jdbi jdbi;
    private final VapidKeys keys;
    private final WebPush push;
    private final List<String> services;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();

    /**
     * @param vapid    the key pair as {@link #newKeys()} writes it
     * @param subject  who sends (RFC 8292's {@code sub}: the institution's site or a mailto: address)
     * @param services the accepted push services: host names ({@code *.} a domain's hosts, HTTPS only) or full origins
     */
    public AlertPush(Jdbi jdbi, String vapid, String subject, String services, Clock clock) {
        this.jdbi = jdbi;
        String[] parts = vapid.split(" ");
        this.keys = VapidKeys.create(parts[0], parts[1]);
        this.push = new WebPush(subject.startsWith("https://") || subject.startsWith("mailto:") ? subject : "mailto:" + subject, keys);
        this.services = List.of(services.toLowerCase(Locale.ROOT).split("\\s*,\\s*"));
        this.clock = clock;
    }

    /** A new VAPID key pair (X.509 public key, a space, PKCS#8 private key, both base64): made once per installation. */
    public static String newKeys() {
        VapidKeys k = VapidKeys.generate();
        return k.getX509PublicKey() + " " + k.getPkcs8PrivateKey();
    }

    /** The application server key the browser subscribes with: the 65-byte public key, base64url without padding. */
    public String publicKey() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(keys.getApplicationServerKey());
    }

    // ---------------------------------------------------------------- subscribing

    /** Keeps a browser's subscription (the same endpoint again updates it); malformed keys or an unknown push service are refused. */
    public PushSubscription doSubscribe(String endpoint, String p256dh, String auth, Long contactId, String lang) {
        String e = Fields.required("endpoint", endpoint, ENDPOINT_MAX);
        if (!accepted(e)) throw ApiError.invalid("endpoint", "endpoint must be an https address of a known push service");
        String key = Fields.required("keys.p256dh", p256dh, 120), secret = Fields.required("keys.auth", auth, 40);
        byte[] point = base64url("keys.p256dh", key), authBytes = base64url("keys.auth", secret);
        if (point.length != 65 || point[0] != 4) throw ApiError.invalid("keys.p256dh", "keys.p256dh must be an uncompressed P-256 point (65 bytes)");
        if (authBytes.length != 16) throw ApiError.invalid("keys.auth", "keys.auth must be 16 bytes");
        return jdbi.inTransaction(h -> new PushDao(h).upsert(e, key, secret, contactId, Messages.supported(lang), clock.instant()));
    }

    private boolean accepted(String endpoint) {
        URI uri;
        try {
            uri = new URI(endpoint);
        } catch (java.net.URISyntaxException bad) {
            return false;
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) return false;
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(Locale.ROOT), host = uri.getHost().toLowerCase(Locale.ROOT);
        String origin = scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
        for (String s : services) {
            if (s.contains("://")) {
                if (s.equals(origin)) return true;
            } else if ("https".equals(scheme) && uri.getPort() < 0 && (s.equals(host) || (s.startsWith("*.") && host.endsWith(s.substring(1))))) {
                return true;
            }
        }
        return false;
    }

    private static byte[] base64url(String field, String value) {
        try {
            return Base64.getUrlDecoder().decode(value.replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw ApiError.invalid(field, field + " must be base64url");
        }
    }

    public int countSubscriptions() {
        return jdbi.withHandle(h -> new PushDao(h).count());
    }

    /** The subscriptions of these contacts, and those of no contact when the alert goes to everyone. */
    public List<PushSubscription> findFor(List<Long> contactIds, boolean anonymousToo) {
        return jdbi.withHandle(h -> new PushDao(h).of(contactIds, anonymousToo));
    }

    // ---------------------------------------------------------------- sending

    /** What a notification shows: its title, the short text, the page it opens, its tag (a newer one replaces it). */
    public record Notification(String title, String body, String url, String tag) {
    }

    /** What one sending reported: requests the push services accepted, refused or failed, and subscriptions found expired. */
    public record Outcome(int sent, int failed, int expired) {
    }

    /**
     * One encrypted push request per subscription, at most {@value #IN_FLIGHT} at a time, the notification in its
     * language; returns once every request has answered (or failed). Expired subscriptions are deleted.
     */
    public Outcome send(List<PushSubscription> to, Function<String, Notification> inLang) {
        Semaphore room = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        Map<String, byte[]> payloads = new java.util.HashMap<>();
        for (PushSubscription s : to) {
            byte[] payload = payloads.computeIfAbsent(s.lang(), lang -> json(inLang.apply(lang)));
            HttpRequest request;
            try {
                byte[] body = push.getBody(payload, Base64.getUrlDecoder().decode(s.p256dh()), Base64.getUrlDecoder().decode(s.auth()));
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.endpoint())).timeout(Duration.ofSeconds(10))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
                push.getHeaders(s.endpoint(), TTL_SECONDS, null, WebPush.Urgency.High).forEach(b::header);
                request = b.build();
            } catch (RuntimeException e) {
                answers.add(CompletableFuture.completedFuture(-1));
                continue;
            }
            room.acquireUninterruptibly();
            answers.add(http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((r, err) -> {
                room.release();
                return err == null ? r.statusCode() : -1;
            }));
        }
        int sent = 0, failed = 0;
        List<Long> expired = new ArrayList<>(), delivered = new ArrayList<>();
        for (int i = 0; i < to.size(); i++) {
            int status = answers.get(i).join();
            if (status >= 200 && status < 300) {
                sent++;
                delivered.add(to.get(i).id());
            } else if (status == 404 || status == 410) {
                expired.add(to.get(i).id());
            } else {
                failed++;
            }
        }
        jdbi.useTransaction(h -> {
            PushDao dao = new PushDao(h);
            dao.delete(expired);
            dao.sent(delivered, clock.instant());
        });
        if (failed > 0) LOG.warn("alert push: {} of {} requests failed", failed, to.size()); // no endpoint: it names the browser
        return new Outcome(sent, failed, expired.size());
    }

    private static byte[] json(Notification n) {
        try {
            return JSON.writeValueAsBytes(n);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
