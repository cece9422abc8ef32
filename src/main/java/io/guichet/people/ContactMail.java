package io.guichet.people;

import io.guichet.platform.mail.MailConsent;
import io.guichet.platform.mail.MailOutcomes;
import io.guichet.platform.mail.MailRecords;
import io.guichet.platform.mail.UnsubscribeLinks;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.SignedTokens;
import org.jdbi.v3.core.Handle;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The people module's side of the mail outbox's ports: consent from the ledger, signed one-click
 * unsubscribe links (RFC 8058), and what became of each mail on the contact's timeline; and the outbox's
 * side of a person's data (the mails sent to them), for export and erasure.
 */
public final class ContactMail implements MailConsent, UnsubscribeLinks, MailOutcomes, PersonalData {
    /** The purpose a link's token is signed for: a token of any other kind of link opens no unsubscribe page. */
    static final String LINK = "unsubscribe";
    /** CASL wants the link to work for at least 60 days after sending; a mail read late still unsubscribes. */
    public static final Duration LINK_LIFETIME = Duration.ofDays(400);
    /** Where the links point: under this path, the signed token is the only credential (see WebKernel). */
    public static final String PATH = io.guichet.platform.web.WebKernel.SIGNED_LINKS + "unsubscribe/";

    private final ConsentLedger ledger;
    private final PeopleService people;
    private final SignedTokens tokens;
    private final String publicUrl;
    private final Clock clock;
    private final MailRecords records = new MailRecords();

    /** {@code publicUrl}: the address people reach this server at ({@code GUICHET_PUBLIC_URL}), without a trailing slash. */
    public ContactMail(ConsentLedger ledger, PeopleService people, SignedTokens tokens, String publicUrl, Clock clock) {
        this.ledger = ledger;
        this.people = people;
        this.tokens = tokens;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.clock = clock;
    }

    @Override
    public boolean allows(Handle h, long contactId, Purpose purpose) {
        return ledger.allows(h, contactId, purpose, clock.instant());
    }

    @Override
    public String linkFor(long contactId, Purpose purpose) {
        if (!purpose.needsConsent()) throw new IllegalArgumentException("a transactional mail has no unsubscribe link");
        return publicUrl + PATH + tokens.sign(LINK, contactId + ":" + purpose.key(), clock.instant().plus(LINK_LIFETIME));
    }

    /** What a link's token names: a contact and a purpose. */
    public record Unsubscribe(long contactId, Purpose purpose) {
    }

    /** The contact and purpose of a genuine, unexpired link; empty for a tampered, expired or foreign one. */
    public Optional<Unsubscribe> findLink(String token) {
        return tokens.verify(LINK, token, clock.instant()).flatMap(subject -> {
            int colon = subject.indexOf(':');
            try {
                return Optional.of(new Unsubscribe(Long.parseLong(subject.substring(0, colon)), Purpose.of(subject.substring(colon + 1))));
            } catch (RuntimeException e) {
                return Optional.empty(); // we signed it, so this does not happen; refused like any bad link if it does
            }
        });
    }

    @Override
    public void sent(Handle h, long contactId, long mailId, String kind, String subject) {
        people.doRecord(h, new TimelineEntry(contactId, clock.instant(), "mail", "mail.sent",
                Map.of("kind", kind, "subject", subject), "mail", Long.toString(mailId), null));
    }

    @Override
    public void failed(Handle h, long contactId, long mailId, String kind, String subject, String reason) {
        people.doRecord(h, new TimelineEntry(contactId, clock.instant(), "mail", "mail.failed",
                Map.of("kind", kind, "subject", subject, "reason", reason == null ? "" : reason), "mail", Long.toString(mailId), null));
    }

    @Override
    public String module() {
        return "mail";
    }

    @Override
    public String exportJson(Handle h, long contactId) {
        return records.exportJson(h, contactId);
    }

    /** Either way the rows stay, blanked: the outbox's counts are the institution's, the address and words the person's. */
    @Override
    public void erase(Handle h, long contactId, Erasure mode) {
        records.erase(h, contactId);
    }
}
