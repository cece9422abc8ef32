package io.guichet.webinars;

import io.guichet.platform.mail.MailAttachment;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Outbox;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Times;
import org.jdbi.v3.core.Handle;

import java.time.Clock;

/**
 * The registrant's mails, in their language, queued in the transaction of the change: the confirmation (with the
 * session's invitation, {@code METHOD:REQUEST}), "you are on the waitlist" (no invitation: no seat yet), "a seat
 * is yours" (with the invitation) and the cancellation (with {@code METHOD:CANCEL}, so the calendar drops it). Every
 * one carries the signed cancel link; those with a seat carry the personal join link.
 */
public final class WebinarMails implements WebinarService.RegistrationMail {
    private final Outbox outbox;
    private final Messages messages;
    private final Times times;
    private final WebinarLinks links;
    private final Invitations invitations;
    private final Clock clock;

    public WebinarMails(Outbox outbox, Messages messages, Times times, WebinarLinks links, Invitations invitations, Clock clock) {
        this.outbox = outbox;
        this.messages = messages;
        this.times = times;
        this.links = links;
        this.invitations = invitations;
        this.clock = clock;
    }

    /**
     * What the template shows; {@code variant} is registered, waitlisted, promoted, cancelled, thanks or missed (the
     * replay's two mails, which carry {@code replayUrl} and no cancel link).
     */
    public record Mail(String variant, String title, String when, String joinUrl, String cancelUrl, String replayUrl, String notThisUrl) {
    }

    @Override
    public void placed(Handle h, WebinarSession s, Registration r, boolean promoted) {
        String variant = promoted ? "promoted" : r.status() == Registration.Status.WAITLISTED ? "waitlisted" : "registered";
        boolean seat = !variant.equals("waitlisted");
        OutgoingMail mail = mail(s, r, variant, seat ? links.joinUrl(r, s) : null);
        if (seat) mail = mail.attaching(new MailAttachment("invitation.ics", "text/calendar; method=REQUEST",
                invitations.invitation(s, r.lang(), links.joinUrl(r, s), clock.instant(), false)));
        outbox.queue(h, mail);
    }

    @Override
    public void cancelled(Handle h, WebinarSession s, Registration r) {
        OutgoingMail mail = mail(s, r, "cancelled", null);
        if (r.status() != Registration.Status.WAITLISTED) mail = mail.attaching(new MailAttachment("invitation.ics", "text/calendar; method=CANCEL",
                invitations.invitation(s, r.lang(), null, clock.instant(), true)));
        outbox.queue(h, mail);
    }

    @Override
    public void moved(Handle h, WebinarSession s, Registration r) {
        outbox.queue(h, mail(s, r, "moved", links.joinUrl(r, s)).attaching(new MailAttachment("invitation.ics", "text/calendar; method=REQUEST",
                invitations.invitation(s, r.lang(), links.joinUrl(r, s), clock.instant(), false))));
    }

    /** Before the session, with the join link: {@code kind} is reminder, last_reminder or starting ("it starts now"). */
    public void reminder(Handle h, WebinarSession s, Registration r, String kind) {
        outbox.queue(h, mail(s, r, kind, links.joinUrl(r, s), kind.equals("starting") ? null : links.cancelUrl(r, s), null));
    }

    /** After the session, its replay: thanks to whoever came, "you missed it" to the others. */
    public void replay(Handle h, WebinarSession s, Registration r, boolean attended, String replayUrl) {
        outbox.queue(h, mail(s, r, attended ? "thanks" : "missed", null, null, replayUrl));
    }

    private OutgoingMail mail(WebinarSession s, Registration r, String variant, String joinUrl) {
        return mail(s, r, variant, joinUrl, links.cancelUrl(r, s), null);
    }

    private OutgoingMail mail(WebinarSession s, Registration r, String variant, String joinUrl, String cancelUrl, String replayUrl) {
        Messages.Localizer t = messages.in(r.lang());
        String title = s.title(r.lang());
        String when = times.fullDate(s.startsAt(), t) + ", " + times.clock(s.startsAt(), t) + " – " + times.clock(s.endsAt(), t);
        // an occurrence of a series: "not this one" in one click, wherever the mail offers to cancel
        String notThis = s.seriesId() != null && cancelUrl != null && !variant.equals("cancelled") ? links.notThisUrl(r, s) : null;
        return OutgoingMail.of(r.email(), r.name(), r.lang(), Purpose.TRANSACTIONAL, r.contactId(),
                t.t("webinars.mail." + variant + ".subject", title),
                new MailBody("webinars.registration", new Mail(variant, title, when, joinUrl, cancelUrl, replayUrl, notThis)));
    }
}
