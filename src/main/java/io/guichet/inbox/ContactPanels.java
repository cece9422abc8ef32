package io.guichet.inbox;

import io.guichet.identity.Viewer;
import io.guichet.platform.web.Messages.Localizer;

import java.util.List;

/**
 * What other modules know of a conversation's contact, shown beside the thread in the console (an applicant's
 * checklist). The inbox draws the panels without knowing what they hold; {@code App} hands it the modules' panels.
 */
public interface ContactPanels {
    ContactPanels NONE = (viewer, contactId, t) -> List.of();

    /** Several modules' panels, in this order. */
    static ContactPanels all(List<ContactPanels> each) {
        return (viewer, contactId, t) -> each.stream().flatMap(p -> p.panelsOf(viewer, contactId, t).stream()).toList();
    }

    /** The panels {@code viewer} may read about the contact, in their words; none when there is nothing to say. */
    List<Panel> panelsOf(Viewer viewer, long contactId, Localizer t);

    /** A titled list of lines with a link to the whole of it ({@code summary}: one line above the list, or null). */
    record Panel(String title, String summary, String link, String linkLabel, List<Line> lines) {
    }

    /**
     * One line: a label, its state as a word ({@code state} a stable key for the style: todo, submitted, approved,
     * refused, late) and a detail (a due date); {@code link} where to read more of it, or null; {@code action} a button
     * the viewer may press on it there, or null.
     */
    record Line(String label, String state, String stateLabel, String detail, String link, Action action) {
    }

    /**
     * A button beside a line: a form posting to {@code path} (the console adds its form token and, as {@code back},
     * the conversation's address to come back to).
     */
    record Action(String path, String label) {
    }
}
