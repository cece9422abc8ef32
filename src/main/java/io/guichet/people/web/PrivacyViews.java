package io.guichet.people.web;

import io.guichet.people.ConsentLedger;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;

import java.util.List;

/** The records the privacy templates take: one per page or fragment, plain values only. */
public final class PrivacyViews {
    /** One purpose's state as the consent section shows it. */
    public record PurposeRow(String purpose, String state, String basis, String since, String expires) {
    }

    /** One line of the ledger's history. */
    public record HistoryRow(String when, String whenIso, String purpose, String state, String basis, String source, String by, String wording) {
    }

    /** The consent section of a contact: current state, history, and the form to record a change. */
    public record ConsentSection(Localizer t, String csrf, long contactId, List<PurposeRow> current, List<HistoryRow> history,
                                 List<String> purposes, String error, String notice) {
    }

    /** The contact's privacy page: consent, export and erasure. */
    public record ContactPrivacyPage(StaffShell s, long contactId, String name, boolean erased, ConsentSection consent,
                                     boolean canExport, boolean canErase, String eraseError) {
    }

    /** A readable export: sections of records, each a list of fields and nested records. */
    public record ExportPage(Localizer t, long contactId, String exportedAt, List<Block> sections) {
    }

    public record Block(String title, List<Field> fields, List<Block> children) {
    }

    public record Field(String key, String value) {
    }

    public record AuditRow(String when, String whenIso, String staff, String action, String contact, String contactHref, String ip, String detail) {
    }

    public record AuditPage(StaffShell s, List<AuditRow> rows, String action, List<String> actions, String next) {
    }

    public record RuleRow(String kind, String onErase, Integer retentionMonths, long affected) {
    }

    public record RulesPage(StaffShell s, List<RuleRow> rules, long affectedNow, String notice, String error, String errorKind,
                            List<OfficerRow> staff) {
    }

    /** A staff member and whether they are the privacy officer; the list is shown to administrators only (empty otherwise). */
    public record OfficerRow(long id, String name, String email, boolean officer) {
    }

    /** The public page of an unsubscribe link, in the contact's language. */
    public record UnsubscribePage(Localizer t, String action, String purpose, boolean subscribed, String done) {
    }

    static String wording(ConsentLedger.Entry e, String lang) {
        String preferred = "en".equals(lang) ? e.wordingEn() : e.wordingFr();
        return preferred != null ? preferred : ("en".equals(lang) ? e.wordingFr() : e.wordingEn());
    }

    private PrivacyViews() {
    }
}
