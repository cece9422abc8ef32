package io.guichet.desk;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Jdbi;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The hotline's calls: the PBX's signed events ({@code X-Guichet-Signature: sha256=<hex HMAC-SHA256 of the raw body>}
 * with {@code GUICHET_DESK_CALLS_SECRET}; an event whose {@code at} is more than five minutes away, or the same call's
 * same event again, is refused against replay), and the callback queue that missed calls join until an agent calls back.
 */
public final class DeskCalls {
    public static final Duration WINDOW = Duration.ofMinutes(5);
    public static final Set<String> EVENTS = Set.of("ringing", "answered", "ended", "missed");

    /** An event as the PBX sends it. */
    public record CallEvent(String callId, String event, String from, String to, String extension, Instant at) {
    }

    /** A missed call waiting for an agent to call back. */
    public record Callback(long id, String callId, String phone, Instant requestedAt) {
    }

    private final Jdbi jdbi;
    private final String secret;
    private final Clock clock;

    public DeskCalls(Jdbi jdbi, DeskSettings settings, Clock clock) {
        this.jdbi = jdbi;
        this.secret = settings.callsSecret();
        this.clock = clock;
    }

    public boolean enabled() {
        return secret != null;
    }

    /**
     * Records a call event once its signature holds (nothing is read, parsed or logged before): 401 when forged, 422 when
     * malformed or out of the window, 409 when replayed. A missed call joins the callback queue.
     */
    public CallEvent doReceive(byte[] body, String signature, Function<byte[], CallEvent> parse) {
        if (secret == null) throw ApiError.notFound("Call events");
        if (!signed(body, signature)) throw ApiError.unauthorized();
        CallEvent e = checked(parse.apply(body));
        Instant now = clock.instant();
        if (Duration.between(e.at(), now).abs().compareTo(WINDOW) > 0)
            throw ApiError.invalid("at", "at is more than 5 minutes from now: a replayed or delayed event is refused");
        jdbi.useTransaction(h -> {
            int inserted = h.createUpdate("""
                            INSERT INTO desk_call_events (call_id, event, from_number, to_number, extension, at, received_at)
                            VALUES (:call, :event, :from, :to, :ext, :at, :now) ON CONFLICT (call_id, event) DO NOTHING""")
                    .bind("call", e.callId()).bind("event", e.event()).bind("from", e.from()).bind("to", e.to()).bind("ext", e.extension())
                    .bind("at", Timestamp.from(e.at())).bind("now", Timestamp.from(now)).execute();
            if (inserted == 0) throw ApiError.conflict("replayed", "This call's " + e.event() + " event was received already");
            if (e.event().equals("missed")) {
                h.createUpdate("INSERT INTO desk_callbacks (call_id, phone, requested_at) VALUES (:call, :phone, :at) ON CONFLICT (call_id) DO NOTHING")
                        .bind("call", e.callId()).bind("phone", e.from()).bind("at", Timestamp.from(e.at())).execute();
            }
        });
        return e;
    }

    /** Whether {@code header} is {@code sha256=} and the hex HMAC of the body, compared in constant time. */
    boolean signed(byte[] body, String header) {
        if (header == null || !header.startsWith("sha256=")) return false;
        byte[] sent;
        try {
            sent = HexFormat.of().parseHex(header.substring(7).trim().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
        return MessageDigest.isEqual(sent, hmac(secret, body));
    }

    /** The signature a PBX sends (for its administrators' scripts and the tests). */
    public static String signature(String secret, byte[] body) {
        return "sha256=" + HexFormat.of().formatHex(hmac(secret, body));
    }

    private static byte[] hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static CallEvent checked(CallEvent e) {
        String callId = Fields.required("callId", e.callId(), 120);
        if (e.event() == null || !EVENTS.contains(e.event())) throw ApiError.invalid("event", "event must be ringing, answered, ended or missed");
        String from = phone("from", e.from());
        String to = phone("to", e.to());
        String ext = Fields.optional("extension", e.extension(), 20);
        if (ext != null && !ext.matches("[0-9*#]+")) throw ApiError.invalid("extension", "extension holds digits, * and #");
        if (e.at() == null) throw ApiError.invalid("at", "at is required (an ISO date and time with its offset)");
        return new CallEvent(callId, e.event(), from, to, ext, e.at());
    }

    private static String phone(String field, String value) {
        String v = Fields.required(field, value, 40);
        if (!v.matches("\\+?[0-9 ().-]{2,40}") && !v.equalsIgnoreCase("anonymous")) throw ApiError.invalid(field, field + " must be a phone number");
        return v;
    }

    // ---------------------------------------------------------------- the callback queue

    /** The missed calls nobody has called back yet, oldest first (the helpdesk's). */
    public List<Callback> accessCallbacks(Staff viewer) {
        Access.requireDesk(viewer);
        return jdbi.withHandle(h -> h.createQuery("SELECT id, call_id, phone, requested_at FROM desk_callbacks WHERE done_at IS NULL ORDER BY requested_at, id LIMIT 500")
                .map((rs, c) -> new Callback(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getTimestamp(4).toInstant())).list());
    }

    /** Marks a callback done by {@code actor}; done already (a colleague was faster) is 409. */
    public void doCalledBack(Staff actor, long callbackId) {
        Access.requireDesk(actor);
        int done = jdbi.withHandle(h -> h.createUpdate("UPDATE desk_callbacks SET done_at = :now, done_by = :by WHERE id = :id AND done_at IS NULL")
                .bind("now", Timestamp.from(clock.instant())).bind("by", actor.id()).bind("id", callbackId).execute());
        if (done == 0) throw ApiError.conflict("done", "This call was called back already");
    }
}
