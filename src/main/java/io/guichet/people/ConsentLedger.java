package io.guichet.people;

import io.guichet.identity.Viewer;
import io.guichet.people.internal.ConsentDao;
import io.guichet.people.internal.PrivacyDao;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Consent to be mailed, per contact and purpose, as Canada's anti-spam law (CASL) and Loi 25 see it: an
 * append-only ledger of grants and withdrawals, from which the state at any moment is derived. Express
 * consent lasts until withdrawn; implied consent from an inquiry lapses 6 months after it, from a
 * relationship 2 years after the relationship ends. Transactional mail needs no consent.
 */
public final class ConsentLedger {
    public static final int INQUIRY_MONTHS = 6;
    public static final int RELATIONSHIP_YEARS = 2;
    public static final int MAX_WORDING = 2_000;
    /** Sources a caller may name; {@code unsubscribe_link} is the link's own. */
    public static final List<String> SOURCES = List.of("form", "import", "staff", "api");

    /** One line of the ledger. {@code basis}, {@code ground} and {@code groundAt} are null for a withdrawal. */
    public record Entry(long id, long contactId, Purpose purpose, boolean granted, String basis, String ground, Instant groundAt,
                        String source, String wordingFr, String wordingEn, Long staffId, Instant at) {
        /** When this grant stops being consent; null for express consent, an ongoing relationship or a withdrawal. */
        public Instant expiresAt() {
            if (!granted || !"implied".equals(basis) || groundAt == null) return null;
            var ground = groundAt.atOffset(ZoneOffset.UTC);
            return ("inquiry".equals(this.ground) ? ground.plusMonths(INQUIRY_MONTHS) : ground.plusYears(RELATIONSHIP_YEARS)).toInstant();
        }

        boolean validAt(Instant at) {
            Instant expires = expiresAt();
            return granted && (expires == null || at.isBefore(expires));
        }
    }

    /**
     * Where a purpose stands at a moment: {@code granted}, {@code expired} (implied consent that lapsed),
     * {@code withdrawn} or {@code none}; {@code basis} and {@code expiresAt} of the grant that counts.
     */
    public record State(Purpose purpose, String state, boolean allowed, String basis, String ground, Instant since, Instant expiresAt) {
    }

    /** A change to record, as checked by {@link #change}. */
    public record Change(Purpose purpose, boolean granted, String basis, String ground, Instant groundAt, String source,
                         String wordingFr, String wordingEn) {
    }

    /** The timeline tells the purpose in the reader's language: its name in both is kept with the entry. */
    private static final Messages MESSAGES = new Messages();
    private final Jdbi jdbi;
    private final PeopleService people;
    private final Clock clock;

    public ConsentLedger(Jdbi jdbi, PeopleService people, Clock clock) {
        this.jdbi = jdbi;
        this.people = people;
        this.clock = clock;
    }

    /**
     * The state of a purpose at {@code at}, from its entries: the grants recorded after the latest withdrawal
     * count, and any of them still valid is consent (a later implied grant never shortens an express one).
     */
    public static State stateOf(Purpose purpose, List<Entry> entries, Instant at) {
        List<Entry> upTo = entries.stream().filter(e -> e.purpose() == purpose && !e.at().isAfter(at))
                .sorted(Comparator.comparing(Entry::at).thenComparingLong(Entry::id)).toList();
        List<Entry> grants = new ArrayList<>();
        Entry withdrawal = null;
        for (Entry e : upTo) {
            if (e.granted()) grants.add(e);
            else {
                withdrawal = e;
                grants.clear();
            }
        }
        if (grants.isEmpty()) return new State(purpose, withdrawal == null ? "none" : "withdrawn", false, null, null,
                withdrawal == null ? null : withdrawal.at(), null);
        Entry best = grants.stream().filter(e -> e.validAt(at)).max(Comparator.comparing((Entry e) -> e.expiresAt() == null)
                .thenComparing(e -> e.expiresAt() == null ? Instant.MAX : e.expiresAt())).orElse(null);
        if (best == null) {
            Entry last = grants.getLast();
            return new State(purpose, "expired", false, last.basis(), last.ground(), last.at(), last.expiresAt());
        }
        return new State(purpose, "granted", true, best.basis(), best.ground(), best.at(), best.expiresAt());
    }

    /** Checks a change at the boundary; the wording is required for a grant (what the person agreed to). */
    public static Change change(String purpose, String state, String basis, String ground, Instant groundAt, String source,
                                String wordingFr, String wordingEn) {
        Purpose p = purpose(purpose);
        if (!"granted".equals(state) && !"withdrawn".equals(state)) throw ApiError.invalid("state", "state must be granted or withdrawn");
        boolean granted = "granted".equals(state);
        String src = source == null ? "api" : source;
        if (!SOURCES.contains(src)) throw ApiError.invalid("source", "source must be one of " + String.join(", ", SOURCES));
        String fr = Fields.optionalText("wording", wordingFr, MAX_WORDING);
        String en = Fields.optionalText("wording", wordingEn, MAX_WORDING);
        if (!granted) return new Change(p, false, null, null, null, src, fr, en);
        if (!"express".equals(basis) && !"implied".equals(basis)) throw ApiError.invalid("basis", "basis must be express or implied");
        if (fr == null && en == null) throw ApiError.invalid("wording", "wording is required: the words the person was shown");
        if ("express".equals(basis)) {
            if (ground != null || groundAt != null) throw ApiError.invalid("ground", "express consent has no ground");
            return new Change(p, true, basis, null, null, src, fr, en);
        }
        if (!"inquiry".equals(ground) && !"relationship".equals(ground)) throw ApiError.invalid("ground", "implied consent needs a ground: inquiry or relationship");
        if ("inquiry".equals(ground) && groundAt == null) throw ApiError.invalid("groundAt", "groundAt is required: when the person inquired");
        return new Change(p, true, basis, ground, groundAt, src, fr, en);
    }

    public static Purpose purpose(String key) {
        for (Purpose p : Purpose.values()) if (p.needsConsent() && p.key().equals(key)) return p;
        throw ApiError.invalid("purpose", "purpose must be newsletters, events, surveys or alumni (transactional mail needs no consent)");
    }

    /** Purposes that need consent, in their order. */
    public static List<Purpose> purposes() {
        return java.util.Arrays.stream(Purpose.values()).filter(Purpose::needsConsent).toList();
    }

    /** Staff record a grant or a withdrawal; the timeline and the audit log say so in the same transaction. */
    public State doRecord(Viewer viewer, long contactId, Change change, String clientIp) {
        people.accessContact(viewer, contactId);
        return jdbi.inTransaction(h -> {
            Entry e = insert(h, contactId, change, viewer.id());
            new PrivacyDao(h).audit(viewer.id(), "consent", contactId, clientIp, change.purpose().key() + " " + (change.granted() ? "granted" : "withdrawn"));
            return stateOf(change.purpose(), new ConsentDao(h).entries(contactId), e.at());
        });
    }

    /** The person withdraws through the link of a mail (no login: the signed link is the credential). */
    public State doUnsubscribe(long contactId, Purpose purpose) {
        return recordFromLink(contactId, new Change(purpose, false, null, null, null, "unsubscribe_link", null, null));
    }

    /** The person, on the unsubscribe page, takes it back: express consent, with the words the page showed. */
    public State doResubscribe(long contactId, Purpose purpose, String wordingFr, String wordingEn) {
        return recordFromLink(contactId, new Change(purpose, true, "express", null, null, "unsubscribe_link", wordingFr, wordingEn));
    }

    private State recordFromLink(long contactId, Change change) {
        return jdbi.inTransaction(h -> {
            Entry e = insert(h, contactId, change, null);
            return stateOf(change.purpose(), new ConsentDao(h).entries(contactId), e.at());
        });
    }

    /** In the caller's transaction (imports, forms of other modules): one entry, and the timeline says so. */
    public Entry insert(Handle h, long contactId, Change change, Long staffId) {
        Entry e = new ConsentDao(h).insert(contactId, change, staffId, clock.instant());
        String label = "consent.purpose." + change.purpose().key();
        Map<String, String> params = new HashMap<>(Map.of("purpose", MESSAGES.in("fr").t(label), "purpose_en", MESSAGES.in("en").t(label),
                "purpose_key", change.purpose().key(), "source", change.source()));
        if (change.basis() != null) params.put("basis", change.basis());
        people.doRecord(h, new TimelineEntry(contactId, e.at(), "people", change.granted() ? "consent.granted" : "consent.withdrawn",
                params, "consent", Long.toString(e.id()), staffId));
        return e;
    }

    /** The current state of each purpose and the whole ledger, newest first, for whoever may see the contact. */
    public record Ledger(List<State> current, List<Entry> history) {
    }

    public Ledger accessLedger(Viewer viewer, long contactId) {
        people.accessContact(viewer, contactId);
        return findLedger(contactId);
    }

    /** With no viewer: for the unsubscribe page (signed link) and the export, which checked their own rights. */
    public Ledger findLedger(long contactId) {
        List<Entry> entries = jdbi.withHandle(h -> new ConsentDao(h).entries(contactId));
        Instant now = clock.instant();
        List<State> current = purposes().stream().map(p -> stateOf(p, entries, now)).toList();
        return new Ledger(current, entries.reversed());
    }

    /** Whether a mail of this purpose may be sent to the contact at {@code at}; the mail outbox asks, through {@code ContactMail}. */
    public boolean allows(Handle h, long contactId, Purpose purpose, Instant at) {
        if (!purpose.needsConsent()) return true;
        return stateOf(purpose, new ConsentDao(h).entriesForMail(contactId, purpose), at).allowed();
    }
}
