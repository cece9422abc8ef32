package io.guichet.people.web;

import io.guichet.people.ContactImport;
import io.guichet.people.ImportMapping;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.Times;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** What the import screens show, as plain records: the templates only lay them out. */
public final class ImportViews {
    public record UploadPage(StaffShell s, List<JobRow> recent, String error) {
    }

    /** An import in a list or on its own page, its words already in the reader's language. */
    public record JobRow(long id, String fileName, String status, String statusLabel, boolean finished, boolean dryRun, int total, int done,
                         int percent, int imported, int updated, int rejected, String when, String error) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    /** One column of the file: its header, the field the select shows, and the choices. */
    public record Column(String header, String param, List<Option> options) {
    }

    public record Cell(String value, boolean rejected) {
    }

    public record Line(int row, String outcome, String outcomeLabel, List<String> cells, String column, String reason) {
    }

    public record PreviewPage(StaffShell s, long id, String fileName, String encoding, String delimiterLabel, int total, boolean dryRun,
                              List<Column> columns, List<String> fieldLabels, List<Line> lines, int rejectedInPreview, String error) {
    }

    /** A rejected row on the import's page: its line, the column at fault and why, in the reader's language. */
    public record Refused(int row, String column, String reason) {
    }

    public record JobPage(StaffShell s, JobRow job, List<Refused> rejected) {
    }

    /** Why a row was refused, in the reader's language by its code; the English sentence only for one stored without a code. */
    static String reason(ContactImport.Rejection r, Localizer t) {
        String key = "people.refusal." + r.code();
        return r.code() != null && t.has(key) ? t.t(key, r.args().toArray()) : r.reason();
    }

    static JobRow row(ContactImport.Job j, Localizer t, Times times) {
        return new JobRow(j.id(), j.fileName(), j.status().code(), t.t("people.import.status." + j.status().code()), j.finished(), j.dryRun(),
                j.total(), j.done(), j.percent(), j.imported(), j.updated(), j.rejectedCount(), times.dateTime(j.createdAt(), t),
                j.error() == null ? null : t.t("people.import.failed"));
    }

    static PreviewPage preview(StaffShell s, ContactImport.Preview p, boolean dryRun, String error, Localizer t) {
        ImportMapping m = p.mapping();
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < m.header().size(); i++) {
            String chosen = m.targets().get(i);
            List<Option> options = new ArrayList<>();
            options.add(new Option(ImportMapping.IGNORE, t.t("people.import.field.ignore"), chosen.equals(ImportMapping.IGNORE)));
            for (String f : ImportMapping.FIELDS) options.add(new Option(f, t.t("people.import.field." + f), chosen.equals(f)));
            for (String target : p.customTargets()) options.add(new Option(target, p.customLabel(target, t.lang()), chosen.equals(target)));
            String header = m.header().get(i);
            columns.add(new Column(header.isEmpty() ? t.t("people.import.column.unnamed", i + 1) : header,
                    "col." + Base64.getUrlEncoder().withoutPadding().encodeToString(header.getBytes(StandardCharsets.UTF_8)), options));
        }
        List<String> labels = p.fields().stream().map(f -> f.startsWith(ImportMapping.CUSTOM) ? p.customLabel(f, t.lang())
                : t.t("people.import.field." + f)).toList();
        List<Line> lines = new ArrayList<>();
        int rejected = 0;
        for (ContactImport.PreviewRow r : p.rows()) {
            List<String> cells = p.fields().stream().map(f -> r.fields().getOrDefault(f, "")).toList();
            if (r.outcome().equals("rejected")) rejected++;
            String label = switch (r.outcome()) {
                case "new" -> t.t("people.import.outcome.new");
                case "update" -> t.t("people.import.outcome.update", r.contactId());
                default -> t.t("people.import.outcome.rejected");
            };
            lines.add(new Line(r.row(), r.outcome(), label, cells, r.rejection() == null ? null : r.rejection().column(),
                    r.rejection() == null ? null : reason(r.rejection(), t)));
        }
        String delimiter = switch (p.delimiter()) {
            case ";" -> t.t("people.import.delimiter.semicolon");
            case "\t" -> t.t("people.import.delimiter.tab");
            default -> t.t("people.import.delimiter.comma");
        };
        return new PreviewPage(s, p.importId(), p.fileName(), p.encoding(), delimiter, p.total(), dryRun, columns, labels, lines, rejected, error);
    }

    /** A refusal of the whole file in the reader's words, by its code; the English detail only where no sentence exists. */
    static String error(ApiError e, Localizer t) {
        String key = "people.import.error." + e.code();
        return t.has(key) ? t.t(key, e.getMessage()) : e.getMessage();
    }

    private ImportViews() {
    }
}
