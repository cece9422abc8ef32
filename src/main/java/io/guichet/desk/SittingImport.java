package io.guichet.desk;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.CsvReader;
import io.guichet.platform.web.Times;

import java.text.Normalizer;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sittings from a registrar's spreadsheet, one a row, each imported as the API would ({@link DeskService#doImportSitting}:
 * the same sitting id again is the sitting already there, so the whole list may be sent every morning), with a report
 * line per row: created, already there, or refused with the field and why. A file that cannot be read is refused whole.
 */
public final class SittingImport {
    public static final int MAX_BYTES = 5 * 1024 * 1024;
    public static final int MAX_ROWS = 5_000;
    private static final Pattern PROFESSOR = Pattern.compile("\\s*(.*?)\\s*<([^<>]+)>\\s*");

    public enum Outcome {
        CREATED, ALREADY, REFUSED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One row's outcome: its line in the file (the header is line 1); when refused, the field and the reason in English. */
    public record Line(int number, String sittingRef, Outcome outcome, Long sittingId, String field, String reason) {
    }

    public record Report(String encoding, List<String> ignored, List<Line> lines) {
        public long count(Outcome o) {
            return lines.stream().filter(l -> l.outcome() == o).count();
        }
    }

    /** The columns, by header folded (lowercase, no accents, letters and digits only), English or French. */
    private static final Map<String, String> HEADERS = headers();

    private final DeskService desk;
    private final Times times;

    public SittingImport(DeskService desk, Times times) {
        this.desk = desk;
        this.times = times;
    }

    public static ApiError fileTooLarge() {
        return new ApiError(413, "too_large", "The file is over " + MAX_BYTES / (1024 * 1024) + " MB: split it in several files");
    }

    public Report doImport(Staff actor, byte[] csv) {
        return read(actor, csv, false);
    }

    /** The report {@link #doImport} would give, writing nothing: the staff screen's preview. */
    public Report checkImport(Staff actor, byte[] csv) {
        return read(actor, csv, true);
    }

    private Report read(Staff actor, byte[] csv, boolean dryRun) {
        Access.requireManageSittings(actor);
        if (csv.length > MAX_BYTES) throw fileTooLarge();
        CsvReader.Table table = CsvReader.read(csv);
        if (table.rows().size() > MAX_ROWS) throw new ApiError(413, "too_large", "The file has more than " + MAX_ROWS + " rows: split it in several files");
        Map<String, Integer> at = new HashMap<>();
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < table.header().size(); i++) {
            String field = HEADERS.get(fold(table.header().get(i)));
            if (field == null) {
                if (!table.header().get(i).isBlank()) ignored.add(table.header().get(i));
            } else {
                at.putIfAbsent(field, i);
            }
        }
        for (String needed : List.of("sittingId", "courseCode", "start", "facultyCode"))
            if (!at.containsKey(needed)) throw new ApiError(422, "csv_header", "No column gives " + needed + " (see docs/api.md for the columns)", "file");
        List<Line> lines = new ArrayList<>();
        for (CsvReader.Row row : table.rows()) lines.add(row(actor, at, table.header().size(), row, dryRun));
        return new Report(table.encoding(), List.copyOf(ignored), lines);
    }

    private Line row(Staff actor, Map<String, Integer> at, int columns, CsvReader.Row row, boolean dryRun) {
        if (CsvReader.tooLong(row)) return refused(row, null, "row", "The row is over " + CsvReader.MAX_ROW_CHARS + " characters");
        if (row.cells().size() != columns) return refused(row, null, "row", "The row has " + row.cells().size() + " cells; the header has " + columns);
        Map<String, String> c = new HashMap<>();
        at.forEach((field, i) -> {
            String v = CsvReader.unquoted(row.cells().get(i)).strip();
            if (!v.isEmpty()) c.put(field, v);
        });
        String ref = c.get("sittingId");
        try {
            Integer minutes = c.get("durationMinutes") == null ? null : Integer.valueOf(c.get("durationMinutes"));
            var draft = new DeskService.SittingDraft(ref, c.get("courseCode"), c.get("courseTitle"), start(c.get("start")), minutes,
                    mode(c.get("mode")), new DeskService.FacultyDraft(c.get("facultyCode"), c.get("facultyName"), c.get("examOfficeEmail"),
                    c.get("backupName"), c.get("backupEmail")), professors(c.get("professors")), students(c.get("studentNumbers")));
            if (dryRun) return new Line(row.number(), ref, desk.checkImportSitting(actor, draft) ? Outcome.CREATED : Outcome.ALREADY, null, null, null);
            DeskService.Saved saved = desk.doImportSitting(actor, draft);
            return new Line(row.number(), ref, saved.created() ? Outcome.CREATED : Outcome.ALREADY, saved.sitting().id(), null, null);
        } catch (NumberFormatException e) {
            return refused(row, ref, "durationMinutes", "durationMinutes is a whole number of minutes");
        } catch (ApiError e) {
            if (e.status() != 422) throw e; // a right lost: the whole import stops, as the API would
            return refused(row, ref, e.field(), e.getMessage());
        }
    }

    /** ISO with its offset, or the institution's local time as a spreadsheet writes it (2026-12-02 09:00). */
    private Instant start(String value) {
        if (value == null) return null;
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            return times.parseLocalInput("start", value.replace(' ', 'T'));
        }
    }

    /** "à distance", "remote", "sur le campus", "on_campus": the API's key. */
    private static String mode(String value) {
        if (value == null) return null;
        String f = fold(value);
        return switch (f) {
            case "remote", "adistance", "distance", "enligne" -> "remote";
            case "oncampus", "surlecampus", "campus", "presentiel" -> "on_campus";
            default -> value;
        };
    }

    /** "Name <email>; Name <email>" (a comma or a semicolon between professors). */
    private static List<DeskService.ProfessorDraft> professors(String value) {
        if (value == null) return List.of();
        List<DeskService.ProfessorDraft> list = new ArrayList<>();
        for (String one : value.split("[;,](?![^<]*>)")) {
            if (one.isBlank()) continue;
            Matcher m = PROFESSOR.matcher(one);
            if (m.matches()) list.add(new DeskService.ProfessorDraft(m.group(2).strip(), m.group(1).isEmpty() ? m.group(2).strip() : m.group(1), null));
            else throw ApiError.invalid("professors", "professors are written Name <email>, separated by semicolons");
        }
        return list;
    }

    private static List<String> students(String value) {
        if (value == null) return List.of();
        return java.util.Arrays.stream(value.split("[\\s;,]+")).filter(s -> !s.isBlank()).toList();
    }

    private static Line refused(CsvReader.Row row, String ref, String field, String reason) {
        return new Line(row.number(), ref, Outcome.REFUSED, null, field, reason);
    }

    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }

    private static Map<String, String> headers() {
        Map<String, String> m = new HashMap<>();
        String[][] names = {
                {"sittingId", "sittingid", "sitting", "seance", "idseance", "numeroseance"},
                {"courseCode", "coursecode", "course", "sigle", "cours", "codecours"},
                {"courseTitle", "coursetitle", "title", "titre", "titrecours"},
                {"start", "start", "startsat", "debut", "date", "heure"},
                {"durationMinutes", "durationminutes", "duration", "minutes", "duree", "dureeminutes"},
                {"mode", "mode", "modalite"},
                {"facultyCode", "facultycode", "faculty", "faculte", "codefaculte", "departement"},
                {"facultyName", "facultyname", "nomfaculte"},
                {"examOfficeEmail", "examofficeemail", "examoffice", "bureaudesexamens", "courrielbureaudesexamens"},
                {"backupName", "backupname", "releve", "nomreleve"},
                {"backupEmail", "backupemail", "courrielreleve"},
                {"professors", "professors", "professeurs", "enseignants"},
                {"studentNumbers", "studentnumbers", "students", "etudiants", "matricules"}};
        for (String[] n : names) for (int i = 1; i < n.length; i++) m.put(n[i], n[0]);
        return Map.copyOf(m);
    }
}
