package io.guichet.journeys.web;

import io.guichet.identity.Access;
import io.guichet.identity.Viewer;
import io.guichet.inbox.ContactPanels;
import io.guichet.journeys.Journey;
import io.guichet.journeys.JourneyService;
import io.guichet.journeys.StepState;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.Times;

import java.util.List;

/** The console's panel of an enrolled contact: each journey's steps, where they stand, and the way to the staff's detail. */
public final class JourneyPanels implements ContactPanels {
    private final JourneyService journeys;
    private final Times times;

    public JourneyPanels(JourneyService journeys, Times times) {
        this.journeys = journeys;
        this.times = times;
    }

    @Override
    public List<Panel> panelsOf(Viewer viewer, long contactId, Localizer t) {
        if (!Access.canReadJourneys(viewer.staff())) return List.of();
        return journeys.accessContactJourneys(viewer, contactId).stream().map(j -> panel(viewer, j, t)).toList();
    }

    private Panel panel(Viewer viewer, Journey j, Localizer t) {
        String detail = "/journeys/enrolments/" + j.enrolment().id();
        List<Line> lines = j.steps().stream().map(s -> {
            String state = s.late() ? "late" : s.state().key();
            String note = s.state() == StepState.REFUSED && s.reason() != null ? t.t("journeys.detail.reason", s.reason())
                    : s.due() != null && !s.state().done() ? t.t("journeys.page.due", times.date(s.due(), t)) : null;
            // where to act: a document to look at, or a refusal to explain again
            boolean actionable = s.state() == StepState.SUBMITTED || s.state() == StepState.REFUSED;
            boolean approvable = s.state() == StepState.SUBMITTED && Access.canDecideJourneyStep(viewer, s.step().serviceId());
            return new Line(s.step().title(t.lang()), state, t.t("journeys.state." + state), note,
                    actionable ? detail + "#etape-" + s.step().id() : null,
                    approvable ? new Action(detail + "/steps/" + s.step().id() + "/approve", t.t("journeys.panel.approve", s.step().title(t.lang()))) : null);
        }).toList();
        return new Panel(t.t("journeys.panel.title", j.template().name(t.lang())), JourneyViews.progress(j, t), detail,
                t.t("journeys.panel.open"), lines);
    }
}
