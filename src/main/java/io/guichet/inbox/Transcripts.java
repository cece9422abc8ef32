package io.guichet.inbox;

import io.guichet.identity.IdentityService;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Outbox;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Times;
import io.guichet.services.ServiceCatalogue;
import org.jdbi.v3.core.Jdbi;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * "Email me the transcript": the whole thread as the visitor saw it (never an internal note), by mail through the
 * outbox, in the conversation's language and the institution's time zone, to the address the visitor gave.
 */
public final class Transcripts {
    private final Jdbi jdbi;
    private final ConversationService conversations;
    private final PeopleService people;
    private final Authors authors;
    private final ServiceCatalogue services;
    private final Outbox outbox;
    private final Messages messages;
    private final Times times;

    public Transcripts(Jdbi jdbi, ConversationService conversations, PeopleService people, IdentityService identity,
                       ServiceCatalogue services, Outbox outbox, Messages messages, Times times) {
        this.jdbi = jdbi;
        this.conversations = conversations;
        this.people = people;
        this.authors = new Authors(identity, services);
        this.services = services;
        this.outbox = outbox;
        this.messages = messages;
        this.times = times;
    }

    /** One message of the transcript: who, when, what (a file's name for a file). */
    public record Line(String who, String time, String text, boolean file) {
    }

    /** The model of the mail kind {@code transcript}. */
    public record Mail(String serviceName, String started, List<Line> lines) {
    }

    /**
     * Queues the transcript to {@code email}, or to the visitor's own address when they give none (422 {@code email}
     * when there is neither); an address given by a visitor who had none is kept as theirs, as the chat's form does.
     * Answers the address it goes to.
     */
    public String doSendTranscript(Contact visitor, long conversationId, String email) {
        Conversation c = conversations.accessVisitorConversation(visitor, conversationId);
        String given = Fields.optionalEmail("email", email);
        String to = given != null ? given : visitor.email();
        if (to == null) throw ApiError.invalid("email", "email is required: where should the transcript go?");
        Contact who = given != null && visitor.email() == null ? people.doUpdateVisitor(visitor, null, given, null) : visitor;
        Messages.Localizer t = messages.in(c.lang());
        String service = services.findById(c.serviceId()).name(t.lang());
        List<Line> lines = new ArrayList<>();
        List<Message> messages = conversations.accessVisitorMessages(who, c.id(), 0);
        Authors.Named authors = this.authors.of(c, messages, t);
        for (Message m : messages) {
            String time = sameDay(m.createdAt(), c.createdAt()) ? times.clock(m.createdAt(), t) : times.dateTime(m.createdAt(), t);
            switch (m.author()) {
                case VISITOR, AGENT -> lines.add(line(authors.of(m), time, m, t));
                case SYSTEM -> {
                    if ("resolved".equals(m.body())) lines.add(new Line("", time, t.t("widget.chat.sysResolved"), false));
                    else if ("reopened".equals(m.body())) lines.add(new Line("", time, t.t("widget.chat.sysReopened"), false));
                }
            }
        }
        Mail model = new Mail(service, times.dateTime(c.createdAt(), t), lines);
        OutgoingMail mail = OutgoingMail.of(to, who.name(), t.lang(), Purpose.TRANSACTIONAL, who.id(), t.t("transcript.mail.subject", service),
                new MailBody("transcript", model));
        try {
            jdbi.useTransaction(h -> outbox.queue(h, mail));
        } catch (ApiError e) {
            if ("to".equals(e.field())) throw ApiError.invalid("email", "email is not an address a mail can be sent to");
            throw e;
        }
        return to;
    }

    private static Line line(String who, String time, Message m, Messages.Localizer t) {
        return m.attachment() == null ? new Line(who, time, m.body(), false)
                : new Line(who, time, t.t("transcript.mail.file", m.attachment().name()), true);
    }

    private boolean sameDay(Instant a, Instant b) {
        return a.atZone(times.zone()).toLocalDate().equals(b.atZone(times.zone()).toLocalDate());
    }
}
