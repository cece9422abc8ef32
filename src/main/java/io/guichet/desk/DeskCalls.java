package io.guichet.desk;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.people.ContactDirectory;
import io.guichet.people.ContactDraft;
import io.guichet.people.ContactRecord;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.BodySignatures;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The hotline's calls: the PBX's signed events ({@code X-Guichet-Signature: sha256=<hex HMAC-SHA256 of the raw body>}
 * with {@code GUICHET_DESK_CALLS_SECRET}; an event whose {@code at} is more than five minutes away, or the same call's
 * same event again, is refused against replay), calls logged by hand for PBXs that send nothing, the agents' extensions
 * (a ringing event at one pops the caller on that agent's console: {@link CallRang}) and the callback queue that missed
 * calls join ({@link CallbackQueue}).
 */
public final class DeskCalls {
    public static final Duration WINDOW = Duration.ofMinutes(5);
    public static final Set<String> EVENTS = Set.of("ringing", "answered", "ended", "missed");

    /** An event as the PBX sends it. */
    public record CallEvent(String callId, String event, String from, String to, String extension, Instant at) {
    }

    /** A note logged with a call is a few lines: what was said, what was promised. */
    public static final int MAX_NOTE = 2000;

    private final Jdbi jdbi;
    private final String secret;
    private final Clock clock;
    private final Bus bus;
    private final CallbackQueue queue;
    private final ContactDirectory contacts;
    private final DeskService desk;

    public DeskCalls(Jdbi jdbi, DeskSettings settings, Clock clock, Bus bus, CallbackQueue queue, ContactDirectory contacts, DeskService desk) {
        this.jdbi = jdbi;
        this.secret = settings.callsSecret();
        this.clock = clock;
        this.bus = bus;
        this.queue = queue;
        this.contacts = contacts;
        this.desk = desk;
    }

    public CallbackQueue queue() {
        return queue;
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
        CallbackQueue.Caller missedCaller = e.event().equals("missed") ? callbackCaller(e.from()) : null;
        jdbi.useTransaction(h -> {
            int inserted = h.createUpdate("""
                            INSERT INTO desk_call_events (call_id, event, from_number, to_number, extension, at, received_at)
                            VALUES (:call, :event, :from, :to, :ext, :at, :now) ON CONFLICT (call_id, event) DO NOTHING""")
                    .bind("call", e.callId()).bind("event", e.event()).bind("from", e.from()).bind("to", e.to()).bind("ext", e.extension())
                    .bind("at", Timestamp.from(e.at())).bind("now", Timestamp.from(now)).execute();
            if (inserted == 0) throw ApiError.conflict("replayed", "This call's " + e.event() + " event was received already");
            if (e.event().equals("missed")) CallbackQueue.addMissed(h, e.callId(), e.from(), e.at(), missedCaller);
        });
        if (e.event().equals("ringing") && e.extension() != null) bus.publish(new CallRang(e.callId()));
        if (e.event().equals("missed")) queue.doRoute();
        return e;
    }

    /** Whether {@code header} is {@code sha256=} and the hex HMAC of the body, compared in constant time. */
    boolean signed(byte[] body, String header) {
        return BodySignatures.matches(BodySignatures.parse(header), secret, body);
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

    /** A missed call as the PBX would report it, for the demo's seeding (no webhook to sign). */
    void doRecordMissed(String callId, String from, Instant at) {
        CallbackQueue.Caller caller = callbackCaller(from);
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO desk_call_events (call_id, event, from_number, to_number, at, received_at)
                            VALUES (:call, 'missed', :from, '', :at, :at) ON CONFLICT (call_id, event) DO NOTHING""")
                    .bind("call", callId).bind("from", from).bind("at", Timestamp.from(at)).execute();
            CallbackQueue.addMissed(h, callId, from, at, caller);
        });
    }

    // ---------------------------------------------------------------- extensions and the pop

    /** The extension an agent answers at (none: null). */
    public String findExtension(long staffId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT extension FROM desk_agent_extensions WHERE staff_id = :s").bind("s", staffId)
                .mapTo(String.class).findOne().orElse(null));
    }

    /**
     * Sets the extension {@code staffId} answers at (blank: none): an agent their own, a supervisor anyone's. Digits,
     * * and # only; another agent's extension is 409 (a ringing event must name one agent).
     */
    public String doSetExtension(Staff actor, long staffId, String extension) {
        Access.requireDesk(actor);
        if (actor.id() != staffId && !Access.canSupervise(actor)) throw ApiError.forbidden("Only a supervisor sets another agent's extension");
        String ext = Fields.optional("extension", extension, 20);
        if (ext != null && !ext.matches("[0-9*#]+")) throw ApiError.invalid("extension", "extension holds digits, * and # only");
        jdbi.useTransaction(h -> {
            if (ext == null) {
                h.createUpdate("DELETE FROM desk_agent_extensions WHERE staff_id = :s").bind("s", staffId).execute();
                return;
            }
            Optional<Long> holder = h.createQuery("SELECT staff_id FROM desk_agent_extensions WHERE extension = :e").bind("e", ext).mapTo(Long.class).findOne();
            if (holder.isPresent() && holder.get() != staffId) throw ApiError.conflict("extension_taken", "Another agent answers at extension " + ext);
            h.createUpdate("INSERT INTO desk_agent_extensions (staff_id, extension) VALUES (:s, :e) ON CONFLICT (staff_id) DO UPDATE SET extension = excluded.extension")
                    .bind("s", staffId).bind("e", ext).execute();
        });
        return ext;
    }

    /** What the console of the agent a call rings at pops: the caller as the contacts know them, their sittings now, their open incidents. */
    public record Pop(long staffId, String callId, String from, Instant at, Long contactId, String contactName, String studentNumber,
                      List<Sitting> runningSittings, List<Incident> openIncidents) {
    }

    /** The pop of a ringing call, for the agent at its extension (none: nobody answers there, or it did not ring). No viewer: the frame's. */
    public Optional<Pop> findPop(String callId) {
        record Rang(String from, String extension, Instant at, Long staffId) {
        }
        Optional<Rang> rang = jdbi.withHandle(h -> h.createQuery("""
                        SELECT e.from_number, e.extension, e.at, x.staff_id FROM desk_call_events e
                        LEFT JOIN desk_agent_extensions x ON x.extension = e.extension
                        WHERE e.call_id = :c AND e.event = 'ringing'""").bind("c", callId)
                .map((rs, c) -> {
                    long s = rs.getLong(4);
                    return new Rang(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant(), rs.wasNull() ? null : s);
                }).findOne());
        if (rang.isEmpty() || rang.get().staffId() == null) return Optional.empty();
        Rang r = rang.get();
        Optional<ContactRecord> caller = caller(r.from());
        Long contactId = caller.map(ContactRecord::id).orElse(null);
        String number = caller.map(ContactRecord::studentNumber).orElse(null);
        DeskService.Caller known = desk.findCaller(contactId, number, clock.instant());
        return Optional.of(new Pop(r.staffId(), callId, r.from(), r.at(), contactId, caller.map(ContactRecord::name).orElse(null), number,
                known.runningSittings(), known.openIncidents()));
    }

    /** The pop as its agent opens it; anyone else (another agent, a faculty account) is told it does not exist. */
    public Pop accessPop(Staff viewer, String callId) {
        Access.requireDesk(viewer);
        return findPop(callId).filter(p -> p.staffId() == viewer.id()).orElseThrow(() -> ApiError.notFound("Call"));
    }

    /** The contact holding this phone number (E.164), if any; an anonymous or foreign-looking number finds none. */
    private Optional<ContactRecord> caller(String phone) {
        try {
            return contacts.accessByIdentity(new Viewer(Staff.SYSTEM, Set.of()), "phone", phone);
        } catch (ApiError notAPhone) {
            return Optional.empty();
        }
    }

    private CallbackQueue.Caller callbackCaller(String phone) {
        return caller(phone).map(c -> new CallbackQueue.Caller(c.id(), c.lang())).orElse(null);
    }

    // ---------------------------------------------------------------- calls logged by hand

    public static final Set<String> DIRECTIONS = Set.of("inbound", "outbound");

    /** A call as an agent logs it: the other party's number, which way, when, a note and optionally the incident it was about. */
    public record CallDraft(String number, String direction, Instant at, String note, Long incidentId) {
    }

    /** A call as recorded (by the PBX or by hand): the other party's number and whose contact it is, when, the note, its incident. */
    public record Call(String callId, String number, String direction, Instant at, String note, Long incidentId, Long contactId, boolean byHand) {
    }

    /**
     * Records a call the PBX did not send, as one of its events would be (event {@code logged}): the number normalised
     * to E.164, a time not in the future, a short note; the incident, when given, must be one the agent can read.
     */
    public Call doLogCall(Staff actor, CallDraft d) {
        Access.requireDesk(actor);
        String raw = Fields.required("number", d.number(), 40);
        String number = ContactDraft.phone("number", raw);
        if (d.direction() == null || !DIRECTIONS.contains(d.direction())) throw ApiError.invalid("direction", "direction must be inbound or outbound");
        Instant now = clock.instant();
        if (d.at() == null) throw ApiError.invalid("at", "at is required (when the call took place)").because("required");
        if (d.at().isAfter(now.plus(Duration.ofMinutes(1)))) throw ApiError.invalid("at", "at is in the future").because("future");
        if (d.at().isBefore(now.minus(Duration.ofDays(31)))) throw ApiError.invalid("at", "at is more than a month ago").because("old");
        String note = Fields.optionalText("note", d.note(), MAX_NOTE);
        if (d.incidentId() != null) desk.accessIncident(actor, d.incidentId()); // 404 when it is none the agent can read
        String callId = "manual-" + UUID.randomUUID();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO desk_call_events (call_id, event, from_number, to_number, extension, at, received_at, direction, note, logged_by, incident_id)
                        VALUES (:call, 'logged', :from, '', NULL, :at, :now, :dir, :note, :by, :incident)""")
                .bind("call", callId).bind("from", number).bind("at", Timestamp.from(d.at())).bind("now", Timestamp.from(now))
                .bind("dir", d.direction()).bind("note", note).bind("by", actor.id()).bind("incident", d.incidentId()).execute());
        return accessCall(actor, callId);
    }

    /** One call, by hand or from the PBX (its first event), for the helpdesk. */
    public Call accessCall(Staff viewer, String callId) {
        Access.requireDesk(viewer);
        return calls(" WHERE call_id = :c", callId, 1).stream().findFirst().orElseThrow(() -> ApiError.notFound("Call"));
    }

    /** The latest calls, one line per call, newest first (the helpdesk's calls screen). */
    public List<Call> accessRecentCalls(Staff viewer, int limit) {
        Access.requireDesk(viewer);
        return calls("", null, limit);
    }

    private List<Call> calls(String where, String callId, int limit) {
        List<Call> found = jdbi.withHandle(h -> {
            var q = h.createQuery("""
                    SELECT * FROM (SELECT DISTINCT ON (call_id) call_id, from_number, direction, at, note, incident_id, event
                                   FROM desk_call_events""" + where + " ORDER BY call_id, at, id) c ORDER BY at DESC LIMIT :n");
            if (callId != null) q.bind("c", callId);
            return q.bind("n", limit).map((rs, c) -> {
                long incident = rs.getLong("incident_id");
                return new Call(rs.getString("call_id"), rs.getString("from_number"), rs.getString("direction"), rs.getTimestamp("at").toInstant(),
                        rs.getString("note"), rs.wasNull() ? null : incident, null, rs.getString("event").equals("logged"));
            }).list();
        });
        return found.stream().map(c -> new Call(c.callId(), c.number(), c.direction(), c.at(), c.note(), c.incidentId(),
                caller(c.number()).map(ContactRecord::id).orElse(null), c.byHand())).toList();
    }

    // ---------------------------------------------------------------- the callback queue (kept here for the screens' callers)

    /** Every callback not made yet (see {@link CallbackQueue#accessOpen}). */
    public List<CallbackQueue.Callback> accessCallbacks(Staff viewer) {
        return queue.accessOpen(viewer);
    }

    /** Marks a callback done (see {@link CallbackQueue#doCalledBack}). */
    public void doCalledBack(Staff actor, long callbackId) {
        queue.doCalledBack(actor, callbackId);
    }
}
