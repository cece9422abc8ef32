package io.guichet.desk.web;

import io.guichet.identity.Access;
import io.guichet.identity.Viewer;
import io.guichet.inbox.ConversationActions;
import io.guichet.platform.web.Messages.Localizer;

import java.util.List;

/** The console's "open an exam incident" for the conversation being read (the inbox's port): the helpdesk's form, prefilled. */
public final class DeskConversationActions implements ConversationActions {
    @Override
    public List<Action> actionsFor(Viewer viewer, long conversationId, long contactId, Localizer t) {
        if (!Access.canRunDesk(viewer.staff())) return List.of();
        return List.of(new Action(t.t("desk.new.from_conversation"), "/desk/incidents/new?conversation=" + conversationId + "&contact=" + contactId));
    }
}
