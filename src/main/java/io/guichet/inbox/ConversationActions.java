package io.guichet.inbox;

import io.guichet.identity.Viewer;
import io.guichet.platform.web.Messages.Localizer;

import java.util.List;

/**
 * What other modules let an agent start from the conversation being read (an exam incident, desk): links shown beside the
 * thread. The inbox draws them without knowing what they open; {@code App} hands it the modules' actions.
 */
public interface ConversationActions {
    ConversationActions NONE = (viewer, conversationId, contactId, t) -> List.of();

    /** Several modules' actions, in this order. */
    static ConversationActions all(List<ConversationActions> each) {
        return (viewer, conversationId, contactId, t) -> each.stream().flatMap(a -> a.actionsFor(viewer, conversationId, contactId, t).stream()).toList();
    }

    /** The actions {@code viewer} may take from this conversation of this contact, in their words; none when there are none. */
    List<Action> actionsFor(Viewer viewer, long conversationId, long contactId, Localizer t);

    /** A link to a module's page that starts the action (a form there, prefilled from the conversation). */
    record Action(String label, String href) {
    }
}
