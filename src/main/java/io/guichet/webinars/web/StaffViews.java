package io.guichet.webinars.web;

import io.guichet.platform.web.StaffShell;

import java.util.List;
import java.util.Map;

/** What the webinars' staff screens show: plain values, computed by {@link StaffWebinars}. */
public final class StaffViews {
    private StaffViews() {
    }

    /** A session in the staff list: seats taken of its capacity ("12 / 40", "12" without a limit). */
    public record SessionRow(long id, String title, String when, String seats, String track) {
    }

    /** A series or an event: where its numbers are. */
    public record ScopeRow(String title, String detail, String numbersHref) {
    }

    /** The session form as typed, every refusal next to its field ({@code errors} by field, "form" at the top). */
    public record SessionForm(String csrf, Map<String, String> values, Map<String, String> errors) {
        public String value(String field) {
            return values.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }
    }

    public record IndexPage(StaffShell shell, List<SessionRow> sessions, List<ScopeRow> series, List<ScopeRow> events, SessionForm form) {
    }

    /** A registrant; {@code answers} to the form's questions, in the order of {@link SessionPage#questionLabels()}. */
    public record Person(String name, String email, String status, String when, List<String> answers) {
    }

    /** A question of the session's form: its words, where it is asked (this session, the series, the fair) and how. */
    public record QuestionRow(long id, String label, String detail) {
    }

    public record SessionPage(StaffShell shell, long id, String title, String when, String seats, List<Person> registered,
                              List<Person> waitlist, int cancelled, String publicHref, String wallHref, List<String> questionLabels,
                              List<QuestionRow> questions, Form questionForm, String csvHref) {
    }

    /** One bar of the chart: its day, height in the SVG's units and x position. */
    public record Bar(String label, int count, int x, int height) {
    }

    public record Figure(String label, String value) {
    }

    public record NumbersPage(StaffShell shell, String title, List<Figure> totals, List<List<String>> rows, List<Figure> regions,
                              List<Bar> bars, int chartWidth, int chartHeight, String csvHref, String editHref) {
    }

    /** One field of a staff form: {@code type} text, textarea, number, date, time, datetime-local or select ({@code choices}). */
    public record Field(String name, String label, String type, String value, String error, String help, List<Choice> choices) {
        public String id() {
            return "wb-" + name;
        }

        /** The ids that describe the field: its help, then its error. */
        public String describedBy() {
            String ids = (help != null ? id() + "-help" : "") + (error != null ? " " + id() + "-err" : "");
            return ids.isBlank() ? null : ids.strip();
        }
    }

    public record Choice(String value, String label, boolean selected) {
    }

    /** A form of the staff screens: every refusal next to its field ({@code formError} the one that names none). */
    public record Form(String heading, String action, String csrf, String submit, String formError, List<Field> fields) {
    }

    /** A page holding one form (a new series, a new fair). */
    public record FormPage(StaffShell shell, String title, String intro, Form form) {
    }

    /** A fair: its days and tracks, its sessions, and the form that adds one. */
    public record EventPage(StaffShell shell, String title, String detail, List<String> tracks, List<SessionRow> sessions, String numbersHref,
                            String publicHref, String editHref, Form form) {
    }
}
