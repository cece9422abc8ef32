package io.guichet.journeys;

import io.guichet.identity.Access;
import io.guichet.identity.Viewer;
import io.guichet.people.ImportMapping;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.CsvReader;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Enrolment from a spreadsheet: one applicant a row (email, name or first and last names, language, start term, with
 * French or English headers), each enrolled as the API would ({@link JourneyService#doEnrol}: the same contact and
 * template again is the enrolment they have), and a report line per row: enrolled, already there, or refused with why.
 */
public final class EnrolmentImport {
    /** An enrolment list is a few thousand rows at most; a larger file is refused before it is read. */
    public static final int MAX_BYTES = 2 * 1024 * 1024;
    public static final int MAX_ROWS = 5_000;

    public enum Outcome {
        ENROLLED, ALREADY, REFUSED;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One row's outcome: its line in the file; {@code reason} a message key's last part and its values when refused. */
    public record Line(int number, String email, String name, Outcome outcome, Long enrolmentId, String reason, List<String> args) {
    }

    /** The file's report: the columns read (by field) and those ignored, then each row. */
    public record Report(String encoding, List<String> ignored, List<Line> lines) {
        public long count(Outcome o) {
            return lines.stream().filter(l -> l.outcome() == o).count();
        }
    }

    /** The contact's fields an enrolment takes from a row. */
    private static final java.util.Set<String> READ = java.util.Set.of("email", "name", "first_name", "last_name", "lang");
    /** The headers of the start term, folded (lowercase, no accents, letters and digits only). */
    private static final java.util.Set<String> TERM_HEADERS = java.util.Set.of("session", "term", "startterm", "sessiondedebut", "debut",
            "debutdelasession", "rentree", "trimestre", "termstart", "start");

    private final JourneyService journeys;

    public EnrolmentImport(JourneyService journeys) {
        this.journeys = journeys;
    }

    public static ApiError fileTooLarge() {
        return new ApiError(413, "too_large", "The file is over " + MAX_BYTES / (1024 * 1024) + " MB: split it in several files").because("too_large", MAX_BYTES / (1024 * 1024));
    }

    /** Reads the file and enrols each row, in the file's order; a file that cannot be read is refused whole (nothing enrolled). */
    public Report doImport(Viewer actor, long templateId, byte[] csv) {
        Access.requireEnrolApplicants(actor.staff());
        journeys.accessTemplate(actor.staff(), templateId); // an unknown template: 404 before any word about the file
        if (csv.length > MAX_BYTES) throw fileTooLarge();
        CsvReader.Table table = CsvReader.read(csv);
        if (table.rows().size() > MAX_ROWS) {
            throw new ApiError(413, "too_large", "The file has more than " + MAX_ROWS + " rows: split it in several files").because("too_many_rows", MAX_ROWS);
        }
        Columns columns = columns(table.header());
        List<Line> lines = new ArrayList<>();
        for (CsvReader.Row row : table.rows()) lines.add(enrol(actor, templateId, columns, row));
        return new Report(table.encoding(), columns.ignored(), lines);
    }

    private record Columns(int email, int name, int firstName, int lastName, int lang, int term, int size, List<String> ignored) {
        String cell(CsvReader.Row row, int at) {
            if (at < 0) return null;
            String v = CsvReader.unquoted(row.cells().get(at)).strip();
            return v.isEmpty() ? null : v;
        }
    }

    /**
     * The columns read: people's guess for the contact's fields (the contact import's French and English headers),
     * of which an enrolment takes the email, the names and the language, and the start term, which is the journey's.
     */
    private static Columns columns(List<String> header) {
        ImportMapping guessed = ImportMapping.guess(header, List.of());
        int term = -1;
        List<String> ignored = new ArrayList<>();
        for (int i = 0; i < header.size(); i++) {
            String target = guessed.targets().get(i);
            boolean read = READ.contains(target) && guessed.columns(target).getFirst() == i;
            if (!read && target.equals(ImportMapping.IGNORE) && term < 0 && TERM_HEADERS.contains(fold(header.get(i)))) term = i;
            else if (!read && !header.get(i).isBlank()) ignored.add(header.get(i));
        }
        if (guessed.columns("email").isEmpty()) {
            throw new ApiError(422, "csv_header", "No column gives the email address: name it Courriel or Email on the first line", "file").because("no_email");
        }
        return new Columns(first(guessed, "email"), first(guessed, "name"), first(guessed, "first_name"), first(guessed, "last_name"),
                first(guessed, "lang"), term, header.size(), List.copyOf(ignored));
    }

    private static int first(ImportMapping m, String target) {
        List<Integer> at = m.columns(target);
        return at.isEmpty() ? -1 : at.getFirst();
    }

    private Line enrol(Viewer actor, long templateId, Columns c, CsvReader.Row row) {
        if (CsvReader.tooLong(row)) return refused(row, null, null, "too_long", CsvReader.MAX_ROW_CHARS);
        if (row.cells().size() != c.size()) return refused(row, null, null, "cells", row.cells().size(), c.size());
        String email = c.cell(row, c.email());
        String name = c.cell(row, c.name());
        if (name == null) name = joined(c.cell(row, c.firstName()), c.cell(row, c.lastName()));
        if (email == null) return refused(row, null, name, "no_email");
        String lang = lang(c.cell(row, c.lang()));
        if (lang != null && !lang.equals("fr") && !lang.equals("en")) return refused(row, email, name, "lang", lang);
        String rawTerm = c.cell(row, c.term());
        LocalDate term;
        try {
            term = rawTerm == null ? null : LocalDate.parse(rawTerm);
        } catch (DateTimeParseException e) {
            return refused(row, email, name, "term", rawTerm);
        }
        try {
            JourneyService.Enrolled e = journeys.doEnrol(actor, templateId, email, name, lang, term);
            return new Line(row.number(), email, name, e.created() ? Outcome.ENROLLED : Outcome.ALREADY, e.enrolment().id(), null, List.of());
        } catch (ApiError e) {
            if (e.status() != 422) throw e; // a right lost or the template gone: the whole import stops, as the API would
            String why = e.field() == null ? "invalid" : switch (e.field()) {
                case "email" -> "email";
                case "name" -> "name";
                case "startTerm" -> "term";
                default -> "invalid";
            };
            return refused(row, email, name, why, why.equals("email") ? email : why.equals("term") ? rawTerm : "");
        }
    }

    private static Line refused(CsvReader.Row row, String email, String name, String reason, Object... args) {
        return new Line(row.number(), email, name, Outcome.REFUSED, null, reason, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }

    private static String joined(String first, String last) {
        if (first == null) return last;
        return last == null ? first : first + " " + last;
    }

    /** "Français", "anglais", "English" as well as fr and en; anything else is returned as written, to be refused. */
    private static String lang(String raw) {
        if (raw == null) return null;
        return switch (fold(raw)) {
            case "fr", "francais", "french", "fra" -> "fr";
            case "en", "anglais", "english", "eng" -> "en";
            default -> raw;
        };
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
    }
}
