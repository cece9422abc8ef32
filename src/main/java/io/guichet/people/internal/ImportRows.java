package io.guichet.people.internal;

import io.guichet.people.ContactDraft;
import io.guichet.people.ContactField;
import io.guichet.people.ContactImport;
import io.guichet.people.ImportMapping;
import io.guichet.people.PeopleService;
import io.guichet.people.TimelineEntry;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.CsvReader;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.jdbi.v3.core.Handle;

/**
 * The rows of one import, a batch at a time: each row read into a {@link ContactDraft} (the API's checks, so a
 * refusal names the same field, here with its column), matched on its emails and student number, then every
 * contact, identity and timeline entry of the batch written in a few batched statements.
 */
public final class ImportRows {
    private static final Pattern LIST_SEPARATORS = Pattern.compile("[,;|]");
    /** Phones hold commas and spaces of their own: only a semicolon (as the export writes them) separates two. */
    private static final Pattern PHONE_SEPARATORS = Pattern.compile(";");
    private static final Pattern KIND_SEPARATORS = Pattern.compile("[,;|/]");
    /** The French (and plural) words a spreadsheet uses for a contact's kinds. */
    private static final Map<String, String> KIND_WORDS = kindWords();

    /** Runs a unit of work in its own transaction (or, in a dry run, under a savepoint). */
    public interface Attempt {
        <T> T attempt(Supplier<T> work);
    }

    /** Rows done, contacts created and updated (and which: every node's cached copy of them is stale), rows refused. */
    public static final class Totals {
        private int done, imported, updated;
        private final List<ContactImport.Rejection> rejected = new ArrayList<>();
        private final List<Long> updatedIds = new ArrayList<>();

        public void add(Totals other) {
            done += other.done;
            imported += other.imported;
            updated += other.updated;
            rejected.addAll(other.rejected);
            updatedIds.addAll(other.updatedIds);
        }

        public List<Long> updatedIds() {
            return updatedIds;
        }

        public int done() {
            return done;
        }

        public int imported() {
            return imported;
        }

        public int updated() {
            return updated;
        }

        public List<ContactImport.Rejection> rejected() {
            return rejected;
        }
    }

    private final Handle h;
    private final ImportDao dao;
    private final PeopleService people;
    private final ImportMapping mapping;
    private final long importId;
    private final Long staffId;
    private final String fileName;
    private final Map<String, ContactField> fields = new HashMap<>();

    public ImportRows(Handle h, PeopleService people, ImportMapping mapping, long importId, Long staffId, String fileName) {
        this.h = h;
        this.dao = new ImportDao(h);
        this.people = people;
        this.mapping = mapping;
        this.importId = importId;
        this.staffId = staffId;
        this.fileName = fileName;
        for (ContactField f : dao.contactFields()) fields.put(f.key(), f);
    }

    /** A row read and checked: what it will write. */
    private record Prepared(CsvReader.Row row, ContactDraft draft, String postalCode, Map<String, Object> custom) {
    }

    /** What became of a row: created or updated this contact, or was refused. */
    private record Result(CsvReader.Row row, Prepared prepared, ContactImport.Rejection rejection, Long contactId, boolean created) {
    }

    public Totals write(List<CsvReader.Row> rows) {
        Totals t = new Totals();
        for (Result r : apply(rows)) {
            t.done++;
            if (r.rejection() != null) t.rejected.add(r.rejection());
            else if (r.created()) t.imported++;
            else {
                t.updated++;
                t.updatedIds.add(r.contactId());
            }
        }
        return t;
    }

    /** After a batch failed as a whole: each row on its own, so only the row at fault is refused. */
    public Totals writeOneByOne(List<CsvReader.Row> rows, Attempt attempt) {
        Totals t = new Totals();
        for (CsvReader.Row row : rows) {
            try {
                t.add(attempt.attempt(() -> write(List.of(row))));
            } catch (RuntimeException e) {
                t.done++;
                t.rejected.add(new ContactImport.Rejection(row.number(), null,
                        "The row could not be saved: one of its identities was given to another contact meanwhile", row.cells(), "taken_meanwhile", List.of()));
            }
        }
        return t;
    }

    /** The rows as they will be written: run, in the caller's transaction that rolls back. */
    public List<ContactImport.PreviewRow> preview(List<CsvReader.Row> rows) {
        List<ContactImport.PreviewRow> preview = new ArrayList<>();
        for (Result r : apply(rows)) {
            if (r.rejection() != null) {
                preview.add(new ContactImport.PreviewRow(r.row().number(), raw(r.row()), "rejected", null, r.rejection()));
            } else {
                preview.add(new ContactImport.PreviewRow(r.row().number(), shown(r.prepared()), r.created() ? "new" : "update",
                        r.created() ? null : r.contactId(), null));
            }
        }
        return preview;
    }

    // ---------------------------------------------------------------- a batch

    private List<Result> apply(List<CsvReader.Row> rows) {
        List<Object> read = new ArrayList<>(rows.size());
        Set<String> emails = new LinkedHashSet<>(), phones = new LinkedHashSet<>(), students = new LinkedHashSet<>();
        for (CsvReader.Row row : rows) {
            Object r = prepare(row);
            read.add(r);
            if (r instanceof Prepared p) {
                p.draft().emails().forEach(e -> emails.add(e.value()));
                p.draft().phones().forEach(ph -> phones.add(ph.value()));
                if (p.draft().studentNumber() != null) students.add(p.draft().studentNumber());
            }
        }
        Map<String, Long> byEmail = dao.owners("email", emails);
        Map<String, Long> byPhone = dao.owners("phone", phones); // E.164: "514 555-0142" and "+1 514 555 0142" are one
        Map<String, Long> byStudent = dao.owners("student_number", students);
        long[] ids = dao.newContactIds(Math.max(1, rows.size()));
        int nextId = 0;
        List<Result> results = new ArrayList<>(rows.size());
        List<ImportDao.Write> creates = new ArrayList<>(), updates = new ArrayList<>();
        List<ImportDao.Identity> identities = new ArrayList<>();
        Set<String> given = new java.util.HashSet<>();
        Map<Long, TimelineEntry> entries = new LinkedHashMap<>();
        Instant now = Instant.now();
        for (int i = 0; i < rows.size(); i++) {
            if (read.get(i) instanceof ContactImport.Rejection rejection) {
                results.add(new Result(rows.get(i), null, rejection, null, false));
                continue;
            }
            Prepared p = (Prepared) read.get(i);
            Set<Long> owners = new TreeSet<>();
            p.draft().emails().forEach(e -> { if (byEmail.containsKey(e.value())) owners.add(byEmail.get(e.value())); });
            p.draft().phones().forEach(ph -> { if (byPhone.containsKey(ph.value())) owners.add(byPhone.get(ph.value())); });
            if (p.draft().studentNumber() != null && byStudent.containsKey(p.draft().studentNumber())) owners.add(byStudent.get(p.draft().studentNumber()));
            if (owners.size() > 1) {
                results.add(new Result(p.row(), null, new ContactImport.Rejection(p.row().number(), mapping.columnOf("email"),
                        "Its emails, phones and student number belong to different contacts (" + owners.stream().map(o -> "#" + o).toList()
                                + "): merge them first", p.row().cells(), "owners_differ", List.of(owners.stream().map(o -> "#" + o)
                                .collect(java.util.stream.Collectors.joining(", ")))), null, false));
                continue;
            }
            boolean create = owners.isEmpty();
            long id = create ? ids[nextId++] : owners.iterator().next();
            (create ? creates : updates).add(new ImportDao.Write(id, create, p.draft(), p.postalCode(), p.custom()));
            // Later rows of this batch find the contact this one created or updated.
            p.draft().emails().forEach(e -> {
                byEmail.put(e.value(), id);
                identity(identities, given, id, "email", e.value(), e.shown());
            });
            p.draft().phones().forEach(ph -> {
                byPhone.put(ph.value(), id);
                identity(identities, given, id, "phone", ph.value(), ph.shown());
            });
            if (p.draft().studentNumber() != null) {
                byStudent.put(p.draft().studentNumber(), id);
                identity(identities, given, id, "student_number", p.draft().studentNumber(), p.draft().studentNumber());
            }
            entries.putIfAbsent(id, new TimelineEntry(id, now, "people", "people.imported",
                    Map.of("file", fileName, "outcome", create ? "created" : "updated"), "import", Long.toString(importId), staffId));
            results.add(new Result(p.row(), p, null, id, create));
        }
        dao.insertContacts(creates);
        dao.updateContacts(updates);
        dao.insertIdentities(identities);
        people.doRecord(h, List.copyOf(entries.values()));
        return results;
    }

    /** Each identity once per batch (the first row giving it keeps it); the first of its kind for a contact may be primary. */
    private static void identity(List<ImportDao.Identity> identities, Set<String> given, long contactId, String kind, String value, String shown) {
        if (!given.add(kind + ":" + value)) return;
        boolean first = given.add(contactId + ":" + kind);
        identities.add(new ImportDao.Identity(contactId, kind, value, shown, first));
    }

    // ---------------------------------------------------------------- a row

    /** The row as a checked draft, or why it is refused (naming its column). */
    private Object prepare(CsvReader.Row row) {
        List<String> cells = row.cells();
        if (CsvReader.tooLong(row)) {
            return new ContactImport.Rejection(row.number(), null, "The row is longer than " + CsvReader.MAX_ROW_CHARS + " characters", List.of(),
                    "row_too_long", List.of(Integer.toString(CsvReader.MAX_ROW_CHARS)));
        }
        if (cells.size() != mapping.header().size()) {
            return new ContactImport.Rejection(row.number(), null, "The row has " + cells.size() + " cells where the header has "
                    + mapping.header().size() + " columns", cells, "cell_count", List.of(Integer.toString(cells.size()), Integer.toString(mapping.header().size())));
        }
        ContactDraft d = new ContactDraft();
        try {
            String name = one(row, "name");
            if (name == null) name = joined(one(row, "first_name"), one(row, "last_name"));
            if (name != null) d.name(name);
            List<String> emails = many(row, "email", LIST_SEPARATORS);
            if (!emails.isEmpty()) d.emails(emails);
            List<String> phones = many(row, "phone", PHONE_SEPARATORS);
            if (!phones.isEmpty()) d.phones(phones);
            String student = one(row, "student_number");
            if (student != null) d.studentNumber(student);
            if (d.name() == null && d.emails().isEmpty() && d.phones().isEmpty() && d.studentNumber() == null) {
                return new ContactImport.Rejection(row.number(), null, "The row gives no name, email, phone or student number", cells, "nobody", List.of());
            }
            String lang = one(row, "lang");
            if (lang != null) d.lang(lang(lang));
            List<String> kinds = many(row, "kinds", KIND_SEPARATORS);
            if (!kinds.isEmpty()) d.kinds(kinds.stream().map(k -> KIND_WORDS.getOrDefault(fold(k), k)).toList());
            String v;
            if ((v = one(row, "programme")) != null) d.programme(v);
            if ((v = one(row, "graduation_year")) != null) d.graduationYear(v);
            if ((v = one(row, "organisation")) != null) d.organisation(v);
            if ((v = one(row, "city")) != null) d.city(v);
            if ((v = one(row, "country")) != null) d.country(v);
            if ((v = one(row, "postal_code")) != null) d.postalCode(v);
            List<String> tags = many(row, "tags", LIST_SEPARATORS);
            if (!tags.isEmpty()) d.tags(tags);
            String postal = ContactDraft.postalCode(d.postalCode(), d.country());
            Map<String, Object> custom = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                String target = mapping.targets().get(i);
                if (!target.startsWith(ImportMapping.CUSTOM) || cells.get(i).isBlank()) continue;
                ContactField f = fields.get(target.substring(ImportMapping.CUSTOM.length()));
                if (f != null) custom.put(f.key(), f.value(CsvReader.unquoted(cells.get(i))));
            }
            return new Prepared(row, d, postal, custom);
        } catch (ApiError e) {
            return new ContactImport.Rejection(row.number(), column(e.field()), e.getMessage(), cells, e.reason(), e.args());
        }
    }

    /** The column a draft's field came from, to name it in the reason. */
    private String column(String field) {
        if (field == null) return null;
        String target = switch (field) {
            case "emails" -> "email";
            case "phones" -> "phone";
            case "studentNumber" -> "student_number";
            case "graduationYear" -> "graduation_year";
            case "postalCode" -> "postal_code";
            default -> field.startsWith("fields.") ? ImportMapping.CUSTOM + field.substring("fields.".length()) : field;
        };
        String column = mapping.columnOf(target);
        if (column == null && target.equals("name")) column = mapping.columnOf("first_name") != null ? mapping.columnOf("first_name") : mapping.columnOf("last_name");
        return column;
    }

    private String one(CsvReader.Row row, String target) {
        List<Integer> at = mapping.columns(target);
        if (at.isEmpty()) return null;
        String cell = CsvReader.unquoted(row.cells().get(at.getFirst()));
        return cell.isBlank() ? null : cell;
    }


    /** Every column filling a list field, each cell split on its separators when it holds several values. */
    private List<String> many(CsvReader.Row row, String target, Pattern separators) {
        List<String> values = new ArrayList<>();
        for (int at : mapping.columns(target)) {
            String cell = CsvReader.unquoted(row.cells().get(at));
            if (cell.isBlank()) continue;
            for (String part : separators.split(cell)) {
                if (!part.isBlank()) values.add(part.strip());
            }
        }
        return values;
    }

    private static String joined(String first, String last) {
        if (first == null) return last;
        return last == null ? first : first.strip() + " " + last.strip();
    }

    /** "Français", "anglais", "English" as well as fr and en. */
    private static String lang(String raw) {
        return switch (fold(raw)) {
            case "fr", "francais", "french", "fra" -> "fr";
            case "en", "anglais", "english", "eng" -> "en";
            default -> raw;
        };
    }

    private static Map<String, String> kindWords() {
        Map<String, String> w = new HashMap<>();
        for (String k : ContactDraft.KINDS) w.put(k, k);
        String[][] words = {
                {"prospect", "prospects", "futur etudiant", "future etudiante", "futurs etudiants", "candidat", "candidate"},
                {"parent", "parents"},
                {"student", "etudiant", "etudiante", "etudiants", "etudiantes", "students"},
                {"alumnus", "diplome", "diplomee", "diplomes", "diplomees", "ancien", "ancienne", "anciens", "alumni", "alumna", "alumnae"},
                {"partner", "partenaire", "partenaires", "partners"},
                {"professor", "professeur", "professeure", "professeurs", "enseignant", "enseignante", "professors"},
                {"employer", "employeur", "employeurs", "employers"}};
        for (String[] group : words) for (String word : group) w.put(word, group[0]);
        return Map.copyOf(w);
    }

    private static String fold(String s) {
        return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}+", "")
                .toLowerCase(java.util.Locale.ROOT).strip();
    }

    // ---------------------------------------------------------------- preview values

    private Map<String, String> raw(CsvReader.Row row) {
        Map<String, String> values = new LinkedHashMap<>();
        if (row.cells().size() != mapping.header().size()) return values;
        for (int i = 0; i < row.cells().size(); i++) {
            String target = mapping.targets().get(i);
            // First and last names are shown joined, as the name they make.
            String shownAs = target.equals("first_name") || target.equals("last_name") ? "name" : target;
            if (!target.equals(ImportMapping.IGNORE) && !row.cells().get(i).isBlank()) values.merge(shownAs, row.cells().get(i), (a, b) -> a + (shownAs.equals("name") ? " " : ", ") + b);
        }
        return values;
    }

    private static Map<String, String> shown(Prepared p) {
        ContactDraft d = p.draft();
        Map<String, String> values = new LinkedHashMap<>();
        put(values, "name", d.name());
        put(values, "email", String.join(", ", d.emails().stream().map(ContactDraft.Typed::shown).toList()));
        put(values, "phone", String.join(", ", d.phones().stream().map(ContactDraft.Typed::value).toList()));
        put(values, "student_number", d.studentNumber());
        put(values, "lang", d.lang());
        put(values, "kinds", String.join(", ", d.kinds()));
        put(values, "programme", d.programme());
        put(values, "graduation_year", d.graduationYear() == null ? null : d.graduationYear().toString());
        put(values, "organisation", d.organisation());
        put(values, "city", d.city());
        put(values, "postal_code", p.postalCode());
        put(values, "country", d.country());
        put(values, "tags", String.join(", ", d.tags()));
        p.custom().forEach((k, v) -> put(values, ImportMapping.CUSTOM + k, v instanceof BigDecimal b ? b.toPlainString() : String.valueOf(v)));
        return values;
    }

    private static void put(Map<String, String> values, String field, String value) {
        if (value != null && !value.isEmpty()) values.put(field, value);
    }
}
