package io.guichet.webinars.web;

import io.guichet.platform.web.Messages.Localizer;

import java.util.List;
import java.util.Map;

/** What the public programme's templates show: plain values, computed by {@link ProgrammePages}. */
public final class ProgrammeViews {
    private ProgrammeViews() {
    }

    /** Every public page's frame: its title and description for search engines, the same page in the other language. */
    public record Public(Localizer t, String title, String description, String canonical, String alternate, String zone, String zoneName) {
        public String otherLang() {
            return t.other();
        }
    }

    /** One session as a line of the programme; {@code start}/{@code end} are ISO instants for {@code <time datetime>}. */
    public record Item(long id, String href, String kind, String title, String start, String end, String when, String lang,
                       List<String> speakers, String seats) {
    }

    /** {@code name} null: the sessions of no track (a series, a session of its own). */
    public record Track(String name, List<Item> items) {
    }

    public record Day(String label, List<Track> tracks) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    /** The list answered alone to htmx when a filter changes, and inside the full page otherwise. */
    public record Listing(Localizer t, List<Day> days, boolean filtered, String count) {
    }

    public record Filters(String action, List<Option> themes, List<Option> langs, List<Option> audiences) {
    }

    public record ProgrammePage(Public p, String heading, String intro, Filters filters, Listing listing, String feed,
                                List<Option> events) {
    }

    /**
     * One question staff added to the form: {@code kind} text (its {@code text} as typed), choice (radio buttons) or
     * choices (check boxes), its {@code options} ticked as typed; {@code name} is the form field, {@code error} its refusal.
     */
    /** {@code input}: the HTML input type of a text answer (text, or number or date for a contact field of that type). */
    public record Question(String name, String label, String kind, String input, boolean required, List<Option> options, String text, String error) {
        public String id() {
            return "reg-" + name;
        }
    }

    /** What the registrant typed, kept when the form comes back with {@code errors} next to their fields. */
    public record Form(String action, String csrf, String name, String email, String postalCode, String lang, boolean consent, boolean wholeSeries,
                       List<Question> questions, Map<String, String> errors) {
        public String error(String field) {
            return errors.get(field);
        }
    }

    /**
     * {@code seriesTitle} non-null: the session is an occurrence of a series, and the form offers all its future
     * occurrences; {@code open} false: past, begun or cancelled (no form).
     */
    public record SessionPage(Public p, Item item, String date, String descriptionHtml, String eventTitle, String eventHref,
                              String track, String seriesTitle, boolean open, Form form) {
    }

    /** After the form: {@code status} registered, waitlisted or series; {@code sessions} the occurrences taken (series). */
    public record ResultPage(Public p, String status, String title, String when, List<String> sessions) {
    }
}
