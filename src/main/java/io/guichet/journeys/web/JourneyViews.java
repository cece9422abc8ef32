package io.guichet.journeys.web;

import io.guichet.journeys.Journey;

import io.guichet.journeys.StepState;
import io.guichet.journeys.Template;
import io.guichet.platform.Markdown;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.Times;
import io.guichet.services.ServiceCatalogue;

import java.util.List;
import java.util.Map;
import java.util.Locale;

/** The records the journeys' pages draw, their words already chosen (templates never compute). */
public final class JourneyViews {
    private JourneyViews() {
    }

    /** One step as a person reads it: state in words, due date, help as safe HTML, the document if any. */
    public record StepView(long id, int position, String title, String helpHtml, String state, String stateLabel, boolean late, String due,
                           String reason, String service, boolean takesDocument, String accept, String acceptLabel, String documentName,
                           String documentUrl, boolean documentIsImage, boolean canUpload) {
    }

    public record ParcoursPage(Localizer t, String csrf, long enrolmentId, String template, String name, List<StepView> steps, StepView next,
                               String progress, String notice, String error, long errorStep) {
    }

    public record LinkPage(Localizer t, String csrf, String heading, String message, boolean sent, String error) {
    }

    public record TemplateRow(long id, String name, int version, int steps, String term) {
    }

    public record IndexPage(StaffShell s, List<TemplateRow> templates, boolean canManage) {
    }

    public record Cell(long stepId, String state, String label, boolean late) {
    }

    public record BoardRow(long enrolmentId, String name, String email, int version, boolean onLatest, List<Cell> cells, String progress) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    /** Which page of a board is shown: {@code label} null when there is one page; the links null at either end. */
    public record Paging(int page, String label, String previous, String next) {
    }

    /** {@code text} and {@code query} the filters as typed and as carried by the bulk form; {@code notice} what the last bulk action did. */
    public record BoardPage(StaffShell s, long templateId, String name, int version, List<String> stepTitles, List<BoardRow> rows,
                            List<Option> states, List<Option> steps, String text, String query, String count, String notice,
                            Paging paging, boolean canRemind, boolean canMove) {
    }

    /** A step's row of the numbers: applicants per state, the medians in words ("2,5 j", or a dash). */
    public record StepNumbersRow(String title, int todo, int submitted, int approved, int refused, int late, String review, String toDone) {
    }

    public record NumbersPage(StaffShell s, long templateId, String name, List<Option> terms, String conversion, List<StepNumbersRow> steps,
                              List<String> stuck, String csvUrl) {
    }

    /** A step's row of the template form, as typed (text as is, so a refused form comes back as it was). */
    public record StepRow(String key, String titleFr, String titleEn, String helpFr, String helpEn, String service, boolean document,
                          List<String> types, String maxKb, boolean approval, String dueKind, String dueDate, String dueDays, String dueAfter) {
        public static final StepRow EMPTY = new StepRow("", "", "", "", "", "", false, List.of(), "", true, "none", "", "", "");

        public boolean blank() {
            return key.isBlank() && titleFr.isBlank() && titleEn.isBlank() && helpFr.isBlank() && helpEn.isBlank();
        }

        public boolean takes(String type) {
            return types.contains(type);
        }
    }

    /** {@code errors} by field ({@code nameFr}, {@code steps[2].titleEn}, {@code form} for the top); {@code templateId} null for a new one. */
    public record TemplateFormPage(StaffShell s, Long templateId, String nameFr, String nameEn, String termStart, List<StepRow> rows,
                                   List<Option> services, int maxKb, Map<String, String> errors) {
        public String err(String field) {
            return errors.get(field);
        }

        public String stepErr(int i, String field) {
            return errors.get("steps[" + i + "]." + field);
        }
    }

    /** One row of a CSV enrolment as reported: its line, who, what became of it ({@code outcome} enrolled, already, refused) and why. */
    public record ImportLine(int number, String email, String name, String outcome, String label, String reason, Long enrolmentId) {
    }

    /** What a file did: the refused lines first (what is left to mend), then the others, each in the file's order. */
    public record ImportReport(String summary, String ignored, List<ImportLine> refused, List<ImportLine> others, String othersLabel) {
    }

    /** The CSV enrolment page: {@code error} a refused file, {@code report} what a read file did. */
    public record ImportPage(StaffShell s, long templateId, String name, String error, ImportReport report) {
    }

    public record ReminderLine(String when, String steps) {
    }

    public record DetailPage(StaffShell s, long enrolmentId, long templateId, String template, String name, String email, int version,
                             boolean onLatest, boolean canMove, List<StepView> steps, List<ReminderLine> reminders, String error, long errorStep) {
    }

    static StepView step(Journey.StepStatus s, Localizer t, Times times, ServiceCatalogue services, String documentPrefix) {
        Template.Step step = s.step();
        String lang = t.lang();
        String state = s.late() ? "late" : s.state().key();
        String due = s.due() == null || s.state().done() ? null : times.date(s.due(), t); // a done step is due no more
        String accept = step.acceptedTypes().stream().map(JourneyViews::accept).reduce((a, b) -> a + "," + b).orElse("");
        String acceptLabel = step.acceptedTypes().stream().map(x -> x.toUpperCase(Locale.ROOT)).reduce((a, b) -> a + ", " + b).orElse("");
        String service = step.serviceId() == null ? null : services.findById(step.serviceId()).name(lang);
        Journey.Document d = s.document();
        boolean canUpload = step.documentRequired() && s.state() != StepState.APPROVED;
        return new StepView(step.id(), step.position(), step.title(lang), Markdown.html(step.help(lang)), state,
                t.t("journeys.state." + state), s.late(), due, s.reason(), service, step.documentRequired(), accept,
                t.t("journeys.upload.accepts", acceptLabel, size(step.maxBytes(), t)), d == null ? null : d.name(),
                d == null ? null : documentPrefix + d.id(), d != null && d.image(), canUpload);
    }

    /** A size as a person reads it: "64 Ko", "10 Mo", "2,5 Mo". */
    static String size(int bytes, Localizer t) {
        if (bytes < 1024 * 1024) return t.t("journeys.size.kb", (bytes + 1023) / 1024);
        return t.t("journeys.size.mb", bytes / (1024.0 * 1024));
    }

    private static String accept(String type) {
        return switch (type) {
            case "pdf" -> "application/pdf,.pdf";
            case "jpeg" -> "image/jpeg,.jpg,.jpeg";
            default -> "image/png,.png";
        };
    }

    static String progress(Journey j, Localizer t) {
        return t.t("journeys.progress", j.doneCount(), j.steps().size());
    }

}
