package io.guichet.inbox.web;

import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;

import java.util.List;

/** What the console's search screen and its results fragment receive. */
public final class SearchViews {
    private SearchViews() {
    }

    public record Choice(String value, String label, boolean selected) {
    }

    /** The form as the reader filled it in; {@code errorField} names the field the error belongs to. */
    public record Form(String q, List<Choice> services, List<Choice> statuses, List<Choice> channels, List<Choice> labels,
                       String from, String to, boolean more, String errorField, String error) {
        public String err(String field) {
            return field.equals(errorField) ? error : null;
        }
    }

    public record Chip(String name, String colour) {
    }

    /** One conversation found; {@code snoozed} is the text saying until when, or null. */
    public record Hit(long id, String contactName, String serviceName, String statusLabel, String snoozed, List<Chip> labels,
                      String preview, String time, String timeIso) {
    }

    /** {@code nextHref} is the address of the next page, or null at the end. */
    public record Results(Localizer t, List<Hit> hits, String nextHref, boolean searched, String summary) {
    }

    public record SearchPage(StaffShell s, Form form, Results results) {
    }
}
