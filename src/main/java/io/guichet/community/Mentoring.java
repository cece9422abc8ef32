package io.guichet.community;

import io.guichet.community.internal.RoundDao;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.people.ContactDirectory;
import io.guichet.people.PeopleService;
import io.guichet.people.TimelineEntry;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.Outbox;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reverse mentoring: staff open a round (each mentor at most {@code k} mentees), enter the questionnaires of alumni
 * (mentors, tagged alumnus) and teachers (mentees, tagged professor), ask for the proposal ({@link Pairing}), adjust and
 * confirm pairs, which introduces both people by mail and notes it on both timelines.
 */
public final class Mentoring {
    public static final int MAX_TOPICS = 10, MAX_PARTICIPANTS = 1_000;

    private final Jdbi jdbi;
    private final ContactDirectory contacts;
    private final PeopleService people;
    private final Outbox outbox;
    private final Messages messages;
    private final Clock clock;

    public Mentoring(Jdbi jdbi, ContactDirectory contacts, PeopleService people, Outbox outbox, Messages messages, Clock clock) {
        this.jdbi = jdbi;
        this.contacts = contacts;
        this.people = people;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
    }

    public Round doOpenRound(Staff staff, String name, int k) {
        Access.requireCommunity(staff);
        String n = Fields.required("name", name, 120);
        if (k < 1 || k > 10) throw ApiError.invalid("maxMentees", "maxMentees is between 1 and 10");
        return jdbi.inTransaction(h -> {
            RoundDao dao = new RoundDao(h);
            return dao.round(dao.insertRound(n, k, clock.instant())).orElseThrow();
        });
    }

    public List<Round> accessRounds(Staff staff) {
        Access.requireCommunity(staff);
        return jdbi.withHandle(h -> new RoundDao(h).rounds());
    }

    public Round accessRound(Staff staff, long id) {
        Access.requireCommunity(staff);
        return jdbi.withHandle(h -> new RoundDao(h).round(id)).orElseThrow(() -> ApiError.notFound("Round"));
    }

    /** A questionnaire: what they teach and want to learn, languages, availability and format, checked at the boundary. */
    public record Questionnaire(String side, String name, String email, List<String> teach, List<String> learn, List<String> languages,
                                List<String> availability, List<String> formats) {
    }

    public Participant doAddParticipant(Staff staff, long roundId, Questionnaire q) {
        accessRound(staff, roundId);
        if (!Participant.SIDES.contains(q.side())) throw ApiError.invalid("side", "side is mentor or mentee");
        String name = Fields.required("name", q.name(), 120);
        String email = Fields.optionalEmail("email", q.email());
        if (email == null) throw ApiError.invalid("email", "email is required");
        List<String> teach = tags("teach", q.teach()), learn = tags("learn", q.learn());
        List<String> languages = among("languages", q.languages(), List.of("fr", "en"));
        List<String> slots = new ArrayList<>();
        for (String s : Objects.requireNonNullElse(q.availability(), List.<String>of())) {
            String[] parts = s == null ? new String[0] : s.split("-");
            if (parts.length != 2 || !Participant.DAYS.contains(parts[0]) || !Participant.PARTS.contains(parts[1])) {
                throw ApiError.invalid("availability", "availability is slots such as mon-am, wed-pm, thu-eve");
            }
            if (!slots.contains(s)) slots.add(s);
        }
        List<String> formats = among("formats", q.formats(), Participant.FORMATS);
        if (languages.isEmpty()) throw ApiError.invalid("languages", "at least one language");
        if (slots.isEmpty()) throw ApiError.invalid("availability", "at least one slot");
        return jdbi.inTransaction(h -> {
            RoundDao dao = new RoundDao(h);
            if (dao.participants(roundId, q.side()).size() >= MAX_PARTICIPANTS) throw ApiError.conflict("round_full", "A round holds at most " + MAX_PARTICIPANTS + " per side");
            long contactId = contacts.doFindOrCreateByIdentity(h, "email", email, name, languages.getFirst(), "community").contact().id();
            contacts.doTagKind(h, contactId, "mentor".equals(q.side()) ? "alumnus" : "professor");
            long id = dao.upsertParticipant(roundId, q.side(), contactId, name, email, teach, learn, languages, slots, formats);
            return dao.participants(roundId, q.side()).stream().filter(p -> p.id() == id).findFirst().orElseThrow();
        });
    }

    private static List<String> tags(String field, List<String> typed) {
        List<String> out = new ArrayList<>();
        for (String t : Objects.requireNonNullElse(typed, List.<String>of())) {
            String v = Fields.optional(field, t, 60);
            if (v != null && !out.contains(v)) out.add(v);
        }
        if (out.size() > MAX_TOPICS) throw ApiError.invalid(field, "at most " + MAX_TOPICS + " topics");
        return out;
    }

    private static List<String> among(String field, List<String> typed, List<String> allowed) {
        List<String> out = new ArrayList<>();
        for (String v : Objects.requireNonNullElse(typed, List.<String>of())) {
            if (!allowed.contains(v)) throw ApiError.invalid(field, field + " is among " + String.join(", ", allowed));
            if (!out.contains(v)) out.add(v);
        }
        return out;
    }

    public List<Participant> accessParticipants(Staff staff, long roundId, String side) {
        accessRound(staff, roundId);
        return jdbi.withHandle(h -> new RoundDao(h).participants(roundId, side));
    }

    public Pairing.Proposal accessProposal(Staff staff, long roundId) {
        Round r = accessRound(staff, roundId);
        return Pairing.propose(accessParticipants(staff, roundId, "mentor"), accessParticipants(staff, roundId, "mentee"), r.maxMentees());
    }

    /** The model of the mail kind {@code community.introduction}: to one of the pair, about the other. */
    public record Introduction(String name, String otherName, String otherEmail, String round, List<String> reasons) {
    }

    /**
     * Staff confirm a pair (the proposal's, or one they chose): the same constraints hold (a language and a slot shared,
     * at most k mentees); both are introduced by mail and their timelines say so.
     */
    public Pairing.Pair doConfirmPair(Staff staff, long roundId, long mentorId, long menteeId) {
        Round round = accessRound(staff, roundId);
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            RoundDao dao = new RoundDao(h);
            h.createQuery("SELECT id FROM community_rounds WHERE id = :id FOR UPDATE").bind("id", roundId).mapTo(Long.class).one();
            Participant mentor = dao.participants(roundId, "mentor").stream().filter(p -> p.id() == mentorId).findFirst()
                    .orElseThrow(() -> ApiError.notFound("Mentor"));
            Participant mentee = dao.participants(roundId, "mentee").stream().filter(p -> p.id() == menteeId).findFirst()
                    .orElseThrow(() -> ApiError.notFound("Mentee"));
            Pairing.Fit fit = Pairing.fit(mentor, mentee);
            if (fit == null) throw ApiError.conflict("no_fit", "These two share no language, no slot or no topic");
            boolean already = dao.pairs(roundId).stream().anyMatch(p -> p.menteeId() == menteeId && p.mentorId() == mentorId);
            if (already) return new Pairing.Pair(mentor, mentee, fit);
            if (dao.menteesOf(roundId, mentorId) >= round.maxMentees()) {
                throw ApiError.conflict("mentor_full", "This mentor already has " + round.maxMentees() + " mentees");
            }
            dao.insertPair(roundId, mentorId, menteeId, fit.score(), now);
            introduce(h, mentor, mentee, round, fit);
            introduce(h, mentee, mentor, round, fit);
            for (Participant p : List.of(mentor, mentee)) {
                Participant other = p == mentor ? mentee : mentor;
                people.doRecord(h, new TimelineEntry(p.contactId(), now, "community", "community.paired",
                        Map.of("round", round.name(), "other", other.name()), null, null, staff.id()));
            }
            return new Pairing.Pair(mentor, mentee, fit);
        });
    }

    private void introduce(org.jdbi.v3.core.Handle h, Participant to, Participant other, Round round, Pairing.Fit fit) {
        String lang = to.languages().contains("fr") ? "fr" : "en";
        Messages.Localizer t = messages.in(lang);
        List<String> reasons = fit.reasons().stream().map(r -> t.t(r.key(), r.detail())).toList();
        outbox.queue(h, OutgoingMail.of(to.email(), to.name(), lang, Purpose.TRANSACTIONAL, to.contactId(),
                t.t("community.mail.introduction.subject", other.name()),
                new MailBody("community.introduction", new Introduction(to.name(), other.name(), other.email(), round.name(), reasons))));
    }
}
