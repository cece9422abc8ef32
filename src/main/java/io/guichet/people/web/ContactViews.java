package io.guichet.people.web;

import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;

import java.util.List;

/** What the contact screens' templates receive: plain values, already in the reader's language. */
public final class ContactViews {
    public record Option(String value, String label, boolean selected) {
    }

    public record Hidden(String name, String value) {
    }

    /** A custom field in the list's filters or in the form: a text box, a date, or a choice. */
    public record FieldInput(String name, String id, String label, String type, String value, List<Option> choices, String error) {
    }

    public record Filters(String q, List<Option> kinds, String tag, String programme, String city, String activeSince,
                          String activeBefore, List<Option> sorts, List<FieldInput> fields, String segment, boolean filtered) {
    }

    public record Row(long id, String name, List<String> kinds, String email, String phone, String city, String activity, String activityIso) {
    }

    public record SegmentRow(long id, String name, String href, boolean current) {
    }

    public record ListPage(StaffShell s, Filters filters, List<Row> rows, String nextUrl, String firstUrl, List<SegmentRow> segments,
                           boolean canManage, boolean agentView, List<Hidden> filterParams, String segmentName, String segmentError,
                           String notice, String exportUrl, String duplicatesUrl) {
    }

    /** The contact page's head: who they are. */
    public record Head(Localizer t, long id, String name, List<String> kinds, String lang, String mergedFrom, String editUrl) {
    }

    public record Identities(Localizer t, List<String> emails, List<String> phones, String studentNumber, List<String> messengerIds,
                             List<String> claimedEmails) {
    }

    public record Fact(String label, String value) {
    }

    public record Details(Localizer t, List<Fact> facts, List<Fact> fields, List<String> tags, String created, String activity) {
    }

    public record ContactPage(StaffShell s, Head head, Identities identities, Details details, MergeViews.Timeline timeline,
                              MergeViews.Duplicates duplicates, PrivacyViews.ConsentSection consent, String notice) {
    }

    /** The edit form's values as typed (lists one per line, tags separated by commas), and the error next to its field. */
    public record Form(String name, String lang, List<Option> kinds, String emails, String phones, String studentNumber, String programme,
                       String graduationYear, String organisation, String city, String postalCode, String country, String tags,
                       List<FieldInput> fields, String errorField, String error) {
        public String err(String field) {
            return field.equals(errorField) ? error : null;
        }
    }

    public record EditPage(StaffShell s, long id, String title, String action, String cancelUrl, Form form) {
    }

    private ContactViews() {
    }
}
