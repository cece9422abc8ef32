package io.guichet.channels.web;

import io.guichet.channels.MessengerReplies;
import io.guichet.identity.Viewer;
import io.guichet.inbox.ContactPanels;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.Times;

import java.util.ArrayList;
import java.util.List;

/**
 * Beside a Messenger contact's thread (the inbox's {@code ContactPanels} port): whether the 24-hour window is open
 * (until when), or closed — then whether the replies go on by email and to which address — and how the last replies
 * fared (waiting, sending, sent, failed and why).
 */
public final class MessengerPanels implements ContactPanels {
    private static final int LINES = 5;
    private final MessengerReplies replies;
    private final Times times;

    public MessengerPanels(MessengerReplies replies, Times times) {
        this.replies = replies;
        this.times = times;
    }

    @Override
    public List<Panel> panelsOf(Viewer viewer, long contactId, Localizer t) {
        List<Panel> panels = new ArrayList<>();
        for (long conversationId : replies.findConversationsOfContact(contactId)) {
            MessengerReplies.State state;
            try {
                state = replies.accessState(viewer, conversationId).orElse(null);
            } catch (ApiError notTheirs) {
                continue; // another service's Messenger conversation with the same person
            }
            if (state == null) continue;
            var w = state.window();
            String when = times.dateTime(w.closesAt(), t);
            String summary = w.open() ? t.t("channels.panel.open", when)
                    : w.email() != null ? t.t("channels.panel.closedEmail", when, w.email()) : t.t("channels.panel.closedNoEmail", when);
            List<Line> lines = state.deliveries().stream().limit(LINES).map(d -> new Line(t.t("channels.delivery.line", times.messageTime(d.createdAt(), t)),
                    d.status(), t.t("channels.delivery." + d.status()), d.reason() == null ? null
                    : t.t(t.has("channels.reason." + d.reason()) ? "channels.reason." + d.reason() : "channels.reason.other"), null, null)).toList();
            panels.add(new Panel(t.t("channels.panel.title"), summary, "/console/c/" + conversationId, t.t("channels.panel.link"), lines));
        }
        return panels;
    }
}
