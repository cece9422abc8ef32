package io.guichet.journeys.web;

import io.guichet.identity.Access;
import io.guichet.identity.Viewer;
import io.guichet.inbox.ConversationOrigins;
import io.guichet.inbox.Origin;
import io.guichet.journeys.Journey;
import io.guichet.journeys.JourneyService;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages.Localizer;

import java.util.Optional;

/** The inbox's {@link ConversationOrigins}: a chat opened from an applicant's page carries their journey, named in the console. */
public final class JourneyOrigins implements ConversationOrigins {
    private final JourneyService journeys;

    public JourneyOrigins(JourneyService journeys) {
        this.journeys = journeys;
    }

    @Override
    public Optional<Origin> originOfSession(String visitorToken) {
        return journeys.findChatEnrolment(visitorToken).map(id -> new Origin(JourneyService.ORIGIN_KIND, Long.toString(id)));
    }

    @Override
    public Optional<Shown> shown(Viewer viewer, Origin origin, Localizer t) {
        if (!JourneyService.ORIGIN_KIND.equals(origin.kind()) || !Access.canReadJourneys(viewer.staff())) return Optional.empty();
        long id;
        try {
            id = Long.parseLong(origin.ref());
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        try {
            Journey j = journeys.accessEnrolment(viewer, id).journey();
            return Optional.of(new Shown(t.t("journeys.origin", j.template().name(t.lang())), "/journeys/enrolments/" + id));
        } catch (ApiError e) {
            return Optional.empty(); // erased since: the conversation stays, its origin is no longer told
        }
    }
}
