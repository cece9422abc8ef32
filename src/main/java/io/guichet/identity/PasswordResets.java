package io.guichet.identity;

import io.guichet.identity.internal.PasswordResetDao;
import io.guichet.identity.internal.StaffDao;
import io.guichet.platform.Tokens;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Outbox;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.SignedTokens;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * An administrator's password reset by mail: the person receives a link (signed, valid 24 hours, single-use: its
 * row in {@code staff_password_resets} is spent when the new password is set) and chooses their own password, which
 * the administrator never sees. Setting it ends every session of that person on every node.
 */
public final class PasswordResets {
    public static final String PATH = "/account/reset/";
    private static final String PURPOSE = "password-reset";
    private static final Duration VALID = Duration.ofHours(24);

    private final Jdbi jdbi;
    private final Clock clock;
    private final IdentityService identity;
    private final Outbox outbox;
    private final SignedTokens links;
    private final String publicUrl;
    private final Messages messages;

    public PasswordResets(Jdbi jdbi, Clock clock, IdentityService identity, Outbox outbox, SignedTokens links, String publicUrl, Messages messages) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.identity = identity;
        this.outbox = outbox;
        this.links = links;
        this.publicUrl = publicUrl;
        this.messages = messages;
    }

    /** What the reset mail carries: the link (the mail says it works once, for 24 hours). */
    public record Mail(String link) {
    }

    /** Mails the person a reset link, in their language; the mail exists only if the reset row does. */
    public void doSend(Staff actor, long staffId) {
        Access.requireAdmin(actor);
        String id = Tokens.random("");
        Instant expires = clock.instant().plus(VALID);
        String link = publicUrl + PATH + links.sign(PURPOSE, id, expires);
        jdbi.useTransaction(h -> {
            Staff target = new StaffDao(h).find(staffId).orElseThrow(() -> ApiError.notFound("Staff member"));
            new PasswordResetDao(h).insert(id, staffId, expires);
            outbox.queue(h, OutgoingMail.of(target.email(), target.name(), target.lang(), Purpose.TRANSACTIONAL, null,
                    messages.in(target.lang()).t("reset.mail.subject"), new MailBody("password-reset", new Mail(link))));
        });
    }

    /** The person a link is for, while it is signed, unexpired and unused; empty for anything else. */
    public Optional<Staff> findLink(String token) {
        return links.verify(PURPOSE, token, clock.instant())
                .flatMap(id -> jdbi.withHandle(h -> new PasswordResetDao(h).usableStaff(id)))
                .flatMap(staffId -> jdbi.withHandle(h -> new StaffDao(h).find(staffId))).filter(Staff::active);
    }

    /** Sets the new password through the link, spending it; {@code 404} for a link that no longer works. */
    public Staff doReset(String token, String newPassword) {
        Staff staff = findLink(token).orElseThrow(() -> ApiError.notFound("Reset link"));
        String id = links.verify(PURPOSE, token, clock.instant()).orElseThrow();
        if (!identity.setPassword(staff.id(), newPassword, h -> new PasswordResetDao(h).spend(id))) throw ApiError.notFound("Reset link");
        return staff;
    }
}
