package io.guichet.inbox;

import io.guichet.identity.Viewer;
import io.guichet.platform.web.Messages.Localizer;

import java.util.Optional;

/**
 * Origins other modules give to the conversations started in chat sessions they opened (an applicant's bubble on their
 * journey page), and how the console names such an origin. The inbox stores and shows the origin without knowing what
 * it is; {@code App} hands it the modules' implementation.
 */
public interface ConversationOrigins {
    ConversationOrigins NONE = new ConversationOrigins() {
        @Override
        public Optional<Origin> originOfSession(String visitorToken) {
            return Optional.empty();
        }

        @Override
        public Optional<Shown> shown(Viewer viewer, Origin origin, Localizer t) {
            return Optional.empty();
        }
    };

    /** The origin a new conversation started with this visitor token carries, or empty for an ordinary chat. */
    Optional<Origin> originOfSession(String visitorToken);

    /** The origin in the viewer's words with a link to it, or empty when it is not this module's or not the viewer's to read. */
    Optional<Shown> shown(Viewer viewer, Origin origin, Localizer t);

    record Shown(String label, String link) {
    }
}
