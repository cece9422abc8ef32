package io.guichet.inbox;

import io.guichet.identity.IdentityService;
import io.guichet.platform.web.Messages;
import io.guichet.services.ServiceCatalogue;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Who wrote each message, as the visitor sees the conversation: "Vous" for their own, the agent's name, or the
 * service's name when nobody signs it (an account since removed). The transcript, the reply page and the reply mail
 * all name people through here, so they name them alike; a thread's staff names are read in one lookup.
 */
public final class Authors {
    private final IdentityService identity;
    private final ServiceCatalogue services;

    public Authors(IdentityService identity, ServiceCatalogue services) {
        this.identity = identity;
        this.services = services;
    }

    /** The authors of these messages of {@code c}, in {@code t}'s language. */
    public Named of(Conversation c, List<Message> messages, Messages.Localizer t) {
        var staffIds = messages.stream().map(Message::authorStaffId).filter(Objects::nonNull).collect(Collectors.toSet());
        return new Named(identity.staffNames(staffIds), t.t("inbox.author.you"), services.findById(c.serviceId()).name(t.lang()));
    }

    /** The names found, and the words for the visitor and for an unsigned message. */
    public record Named(Map<Long, String> staff, String you, String service) {
        public String of(Message m) {
            if (m.author() == Message.Author.VISITOR) return you;
            return m.authorStaffId() == null ? service : staff.getOrDefault(m.authorStaffId(), service);
        }
    }
}
