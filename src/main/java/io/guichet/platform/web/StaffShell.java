package io.guichet.platform.web;

import io.guichet.platform.web.Messages.Localizer;

import java.util.List;

/**
 * What the one staff page frame ({@code staff/shell.jte}) shows around a screen: the language, the form
 * token, the institution's time zone for scripts, the signed-in person, the navigation already filtered
 * for them (and the open section's own bar, empty when it has none), and the page's own stylesheets and
 * scripts, and what the person must be warned of (shown under the bar on every such page, such as an
 * administrator's "two-factor is required for no role"). Plain values only: the platform knows no module.
 */
public record StaffShell(Localizer t, String csrf, String path, String zone, String name, String email,
                         List<Link> nav, Section section, Assets assets, List<String> warnings) {

    /**
     * {@code current} is the link's {@code aria-current}: "page" for the page itself, "true" for its section, else null.
     * A menu (see {@link NavEntry#menu}) has no {@code href} and lists its {@code items}; its {@code current} is
     * "true" while one of them is open.
     */
    public record Link(String label, String href, String current, List<Link> items) {
        public Link(String label, String href, String current) {
            this(label, href, current, List.of());
        }

        public boolean isMenu() {
            return href == null;
        }
    }

    /** The open section's second bar: its label (the bar's name) and links. */
    public record Section(String label, List<Link> links) {
        public static final Section NONE = new Section("", List.of());
    }

    /** A page's own stylesheets and module scripts, on top of the shell's (guichet.css, htmx, the CSRF hook). */
    public record Assets(List<String> stylesheets, List<String> scripts) {
        public static final Assets NONE = new Assets(List.of(), List.of());
    }
}
