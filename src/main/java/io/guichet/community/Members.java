package io.guichet.community;

import io.guichet.community.internal.MemberDao;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.kb.TextTerms;
import io.guichet.people.ConsentLedger;
import io.guichet.people.ContactDirectory;
import io.guichet.people.PeopleService;
import io.guichet.people.PrivacyService;
import io.guichet.people.TimelineEntry;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.Outbox;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.SignedTokens;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Joining and leaving the network. A sign-up is pending until its address is confirmed by the signed link mailed to
 * it: only then is the person found or made a {@code people} contact (by that email), tagged alumnus, and their
 * consent for the purpose {@code alumni} written in the ledger, so an address typed by someone else attaches nothing
 * to its owner's record. A member who leaves is erased through {@code people} (their rows here with it, by
 * {@link CommunityPersonalData}).
 */
public final class Members {
    static final String CONFIRM = "community-confirm", SESSION = "community-member";
    public static final Duration CONFIRM_FOR = Duration.ofDays(7), SESSION_FOR = Duration.ofDays(30);

    private final Jdbi jdbi;
    private final ContactDirectory contacts;
    private final PeopleService people;
    private final ConsentLedger consent;
    private final PrivacyService privacy;
    private final Outbox outbox;
    private final SignedTokens tokens;
    private final Messages messages;
    private final String publicUrl;
    private final Clock clock;
    private final ZoneId zone;

    public Members(Jdbi jdbi, ContactDirectory contacts, PeopleService people, ConsentLedger consent, PrivacyService privacy, Outbox outbox,
                   SignedTokens tokens, Messages messages, String publicUrl, Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.contacts = contacts;
        this.people = people;
        this.consent = consent;
        this.privacy = privacy;
        this.outbox = outbox;
        this.tokens = tokens;
        this.messages = messages;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.clock = clock;
        this.zone = zone;
    }

    /** The model of the mail kind {@code community.confirm}. */
    public record ConfirmMail(String name, String link) {
    }

    /** A sign-up: pending, its confirmation link mailed. A robot (the honeypot filled) is answered the same and stores nothing. */
    public Optional<Member> doSignUp(MemberForm form) {
        MemberForm.Checked c = form.checked(Instant.now(clock).atZone(zone).getYear());
        if (form.isRobot()) return Optional.empty();
        List<String> nameTerms = TextTerms.of("fr", c.name());
        List<String> terms = Stream.of(nameTerms, TextTerms.of("fr", String.join(" ", nonNull(c.programme(), c.city(), c.employer(), c.jobTitle()))),
                c.skills().stream().flatMap(s -> TextTerms.of("fr", s).stream()).toList()).flatMap(List::stream).distinct().toList();
        Instant now = clock.instant();
        return Optional.of(jdbi.inTransaction(h -> {
            MemberDao dao = new MemberDao(h);
            long id = dao.insertPending(new MemberDao.Row(c.name(), c.email(), c.lang(), c.graduationYear(), c.programme(), c.city(), c.employer(),
                    c.jobTitle(), c.linkedin(), c.skills(), c.willing(), c.shownToMembers(), c.shownToStaff(),
                    terms, nameTerms, c.consentAlumni()), now);
            Messages.Localizer t = messages.in(c.lang());
            String link = publicUrl + "/link/anciens/confirmer?t=" + tokens.sign(CONFIRM, Long.toString(id), now.plus(CONFIRM_FOR));
            outbox.queue(h, OutgoingMail.of(c.email(), c.name(), c.lang(), Purpose.TRANSACTIONAL, null, t.t("community.mail.confirm.subject"),
                    new MailBody("community.confirm", new ConfirmMail(c.name(), link))));
            return dao.find(id).orElseThrow();
        }));
    }

    private static String[] nonNull(String... values) {
        return Stream.of(values).filter(v -> v != null).toArray(String[]::new);
    }

    /** What a confirmation did: the active member and the token of their member pages (a cookie, or a header on the API). */
    public record Confirmed(Member member, String session) {
    }

    /**
     * The link of the mail: the contact found or made by that address, tagged alumnus, consent recorded as the form said,
     * the timeline told. A second confirmation of the same link answers the same member; a second sign-up of an address
     * already a member updates that member's profile.
     */
    public Confirmed doConfirm(String token) {
        long id = tokens.verify(CONFIRM, token, clock.instant()).map(Long::parseLong)
                .orElseThrow(() -> new ApiError(410, "link_expired", "This link expired or is not ours: sign up again"));
        Instant now = clock.instant();
        Member member = jdbi.inTransaction(h -> {
            MemberDao dao = new MemberDao(h);
            Member m = dao.lock(id).orElseThrow(() -> new ApiError(410, "link_expired", "This link expired or is not ours: sign up again"));
            if (!"pending".equals(m.status())) return m;
            long contactId = contacts.doFindOrCreateByIdentity(h, "email", m.email(), m.name(), m.lang(), "community").contact().id();
            contacts.doTagKind(h, contactId, "alumnus");
            if (dao.consents(id)) {
                Messages.Localizer fr = messages.in(Messages.FR), en = messages.in(Messages.EN);
                consent.insert(h, contactId, new ConsentLedger.Change(Purpose.ALUMNI, true, "express", null, null, "form",
                        fr.t("community.join.consent"), en.t("community.join.consent")), null);
            }
            Optional<Member> existing = dao.byContact(contactId);
            long kept = id;
            if (existing.isPresent()) {
                kept = existing.get().id();
                dao.copyProfile(id, kept);
            } else {
                dao.activate(id, contactId, now);
            }
            people.doRecord(h, new TimelineEntry(contactId, now, "community", "community.joined",
                    Map.of("year", Integer.toString(m.graduationYear()), "programme", m.programme()), "community_member", Long.toString(kept), null));
            return dao.find(kept).orElseThrow();
        });
        return new Confirmed(member, session(member.id()));
    }

    /** Seeding and tests: the confirmation the mailed link would do, for a sign-up just made. */
    public Member doConfirmDirectly(long pendingId) {
        return doConfirm(tokens.sign(CONFIRM, Long.toString(pendingId), clock.instant().plus(CONFIRM_FOR))).member();
    }

    public String session(long memberId) {
        return tokens.sign(SESSION, Long.toString(memberId), clock.instant().plus(SESSION_FOR));
    }

    /** The active member a session token names, if it is one. */
    public Optional<Member> findBySession(String token) {
        return tokens.verify(SESSION, token, clock.instant()).map(Long::parseLong).flatMap(this::findActive);
    }

    public Optional<Member> findActive(long id) {
        return jdbi.withHandle(h -> new MemberDao(h).find(id)).filter(Member::active);
    }

    /** For staff: a member's whole row (the staff pages show only what the member allowed: {@link Directory}). */
    public Member accessMember(Staff staff, long id) {
        Access.requireStaff(staff);
        return jdbi.withHandle(h -> new MemberDao(h).find(id)).orElseThrow(() -> ApiError.notFound("Member"));
    }

    /** The member decides what others see; hidden takes them out of every search at once, on every node (it is a row). */
    public Member doSetVisibility(Member me, String shownToMembers, String shownToStaff, boolean hidden) {
        String sm = MemberForm.visibility("shownToMembers", shownToMembers, me.shownToMembers());
        String ss = MemberForm.visibility("shownToStaff", shownToStaff, me.shownToStaff());
        return jdbi.inTransaction(h -> {
            MemberDao dao = new MemberDao(h);
            dao.setVisibility(me.id(), sm, ss, hidden);
            return dao.find(me.id()).orElseThrow();
        });
    }

    /** Leaving: the person is erased through people (their rows here with it); nothing of them stays to search. */
    public void doLeave(Member me, String clientIp) {
        if (me.contactId() == null) throw ApiError.notFound("Member");
        privacy.doErase(Staff.SYSTEM, me.contactId(), clientIp);
    }

    /** A few of the given members' names, for seeding and tests. */
    List<Long> ids() {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM community_members WHERE status = 'active' ORDER BY id").mapTo(Long.class).list());
    }

    static List<String> unique(List<String> values) {
        return new ArrayList<>(new java.util.LinkedHashSet<>(values));
    }
}
