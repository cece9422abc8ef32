package io.guichet.people;

import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.people.internal.ContactDao;
import io.guichet.people.internal.EmailCodeDao;
import io.guichet.platform.Tokens;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Outbox;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import org.jdbi.v3.core.Jdbi;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A chat visitor proves that an address they typed is theirs: a six-digit code is mailed to it and typed back in the
 * same chat session. Only then does the address become an identity, and the same email arriving twice is one
 * contact: the visitor's contact joins the one that already holds it, or takes it.
 *
 * <p>A link in the mail would not do: whoever opens the mailbox (its owner, or a scanner following links) would
 * confirm for whoever typed the address, who could then read the owner's conversations. The code proves that the
 * person in this browser reads that mailbox. It lives 15 minutes, takes 5 tries, and only its salted hash is kept;
 * an address gets at most 3 codes an hour, a visitor 5 (no mail storm at someone else's address).
 */
public final class EmailConfirmations {
    public static final Duration LIFETIME = Duration.ofMinutes(15);
    public static final int MAX_ATTEMPTS = 5;
    static final int CODES_PER_ADDRESS_PER_HOUR = 3;
    static final int CODES_PER_VISITOR_PER_HOUR = 5;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Jdbi jdbi;
    private final PeopleService people;
    private final ContactMerges merges;
    private final Outbox outbox;
    private final Messages messages;
    private final Clock clock;

    public EmailConfirmations(Jdbi jdbi, PeopleService people, ContactMerges merges, Outbox outbox, Messages messages, Clock clock) {
        this.jdbi = jdbi;
        this.people = people;
        this.merges = merges;
        this.outbox = outbox;
        this.messages = messages;
        this.clock = clock;
    }

    /** The model of the mail kind {@code email-code}. */
    public record CodeMail(String code, int minutes) {
    }

    /** A code is on its way to {@code email}. */
    public record Sent(String email, Instant expiresAt) {
    }

    /** Mails a new code to {@code email} (the visitor's typed address when null); earlier codes of the visitor stop working. */
    public Sent doSendCode(Contact visitor, String email) {
        String shown = Fields.optionalEmail("email", email);
        if (shown == null) shown = visitor.email();
        if (shown == null) throw ApiError.invalid("email", "email is required: where should the code go?");
        String address = shown.toLowerCase(Locale.ROOT);
        String code = "%06d".formatted(RANDOM.nextInt(1_000_000));
        String salt = Tokens.random("", 12);
        Instant now = clock.instant();
        Instant expires = now.plus(LIFETIME);
        Messages.Localizer t = messages.in(visitor.lang());
        String to = shown;
        jdbi.useTransaction(h -> {
            EmailCodeDao dao = new EmailCodeDao(h);
            dao.lock(address);
            Instant hourAgo = now.minus(Duration.ofHours(1));
            if (dao.sentTo(address, hourAgo) >= CODES_PER_ADDRESS_PER_HOUR || dao.sentBy(visitor.id(), hourAgo) >= CODES_PER_VISITOR_PER_HOUR) {
                throw new ApiError(429, "too_many_codes", "Too many codes were asked for: try again in an hour", "email");
            }
            dao.retire(visitor.id(), now);
            dao.insert(visitor.id(), address, to, salt, hash(salt, code), now, expires);
            new ContactDao(h).addClaim(visitor.id(), "email", address, to, "widget"); // the address they typed, unverified until the code comes back
            outbox.queue(h, OutgoingMail.of(to, visitor.name(), t.lang(), Purpose.TRANSACTIONAL, visitor.id(),
                    t.t("emailCode.mail.subject", code), new MailBody("email-code", new CodeMail(code, (int) LIFETIME.toMinutes()))));
        });
        return new Sent(to, expires);
    }

    /** What a confirmed code did: the visitor's contact now, and whether it joined one that already held the address. */
    public record Confirmed(long contactId, String email, boolean joined) {
    }

    /**
     * The code typed back: right, the address is the visitor's identity (joining the contact that holds it); wrong,
     * one try fewer. Expired, used up or never sent: 422 {@code code_expired}, ask for a new one.
     */
    public Confirmed doConfirm(Contact visitor, String typed) {
        String code = Fields.required("code", typed, 20).replaceAll("[\\s-]", "");
        Instant now = clock.instant();
        record Outcome(EmailCodeDao.Code code, boolean right) {
        }
        Outcome outcome = jdbi.inTransaction(h -> {
            EmailCodeDao dao = new EmailCodeDao(h);
            EmailCodeDao.Code pending = dao.pending(visitor.id(), now)
                    .orElseThrow(() -> new ApiError(422, "code_expired", "This code expired or was never sent: ask for a new one", "code"));
            boolean right = MessageDigest.isEqual(pending.hash().getBytes(StandardCharsets.UTF_8), hash(pending.salt(), code).getBytes(StandardCharsets.UTF_8));
            if (right) dao.use(pending.id(), now);
            else dao.tried(pending.id());
            return new Outcome(pending, right);
        });
        if (!outcome.right()) {
            int left = MAX_ATTEMPTS - outcome.code().attempts() - 1;
            if (left <= 0) throw new ApiError(422, "code_expired", "Too many wrong codes: ask for a new one", "code");
            throw new ApiError(422, "code_wrong", "This is not the code we sent", "code").because("code_wrong", left);
        }
        return joinOrTake(visitor, outcome.code().email(), outcome.code().shown(), now);
    }

    private Confirmed joinOrTake(Contact visitor, String address, String shown, Instant now) {
        Long holder = jdbi.inTransaction(h -> {
            ContactDao dao = new ContactDao(h);
            dao.lockIdentity("email", address);
            Long held = dao.holderOf("email", address).orElse(null);
            if (held == null || held == visitor.id()) {
                dao.putIdentity(visitor.id(), "email", address, shown, true, "widget");
                dao.removeClaim(visitor.id(), "email", address);
                people.doRecord(h, new TimelineEntry(visitor.id(), now, "people", "people.email_confirmed", Map.of("email", shown), null, null, null));
                return null;
            }
            return held;
        });
        if (holder == null) {
            people.announceChanged(List.of(visitor.id()));
            return new Confirmed(visitor.id(), shown, false);
        }
        // The same person as the contact that holds the address: theirs is the record that stays.
        merges.doMerge(new Viewer(Staff.SYSTEM, Set.of()), holder, visitor.id());
        return new Confirmed(holder, shown, true);
    }

    private static String hash(String salt, String code) {
        return Tokens.hash(salt + ":" + code);
    }
}
