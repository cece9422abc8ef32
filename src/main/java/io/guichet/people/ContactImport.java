package io.guichet.people;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.people.internal.ImportDao;
import io.guichet.people.internal.ImportRows;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.CsvReader;
import io.guichet.platform.web.CsvWriter;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * CSV imports of contacts. A file is read ({@link CsvReader}: encoding, separator), its columns mapped to contact
 * fields ({@link ImportMapping}), each row checked as one contact ({@link ContactDraft}, the same checks as the API)
 * and matched on its emails, phones (E.164) and student number, so that a known person is updated, not duplicated. Rows are written
 * in batches of {@value #BATCH}, each batch one transaction with its timeline entries ({@code people.imported});
 * a dry run does all of it in one transaction and rolls it back. Bad rows are reported with their line and the
 * column at fault; the others are imported. An import is a row of {@code contact_imports}: its progress, read by
 * any node's screen, its report, and the record of who imported what.
 */
public final class ContactImport {
    private static final Logger log = LoggerFactory.getLogger(ContactImport.class);
    static final int BATCH = 1_000;
    /** Up to this many rows the API answers with the report; above, it answers at once and the import runs on. */
    public static final int SYNC_ROWS = 2_000;
    public static final int PREVIEW_ROWS = 10;
    /** The largest file taken, checked by the routes before reading it all. */
    public static final int MAX_BYTES = CsvReader.MAX_BYTES;

    /** A file over {@link #MAX_BYTES}, refused with the limit said. */
    public static ApiError fileTooLarge() {
        return CsvReader.tooLarge();
    }

    private final Jdbi jdbi;
    private final PeopleService people;

    public ContactImport(Jdbi jdbi, PeopleService people) {
        this.jdbi = jdbi;
        this.people = people;
    }

    public enum Status {
        PENDING, RUNNING, DONE, FAILED, INTERRUPTED;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** A running import whose node stopped touching it is interrupted: nothing will finish it. */
        public static Status of(String code, boolean stale) {
            Status s = valueOf(code.toUpperCase(java.util.Locale.ROOT));
            return s == RUNNING && stale ? INTERRUPTED : s;
        }
    }

    /**
     * A row left out, with its line in the file (the header is line 1), the column at fault, why (in English, as the API
     * says it, and as a {@code code} with its {@code args} that a screen tells in its reader's language:
     * {@code people.refusal.<code>}), and its cells. Imports stored before codes existed have none.
     */
    public record Rejection(int row, String column, String reason, List<String> cells, String code, List<String> args) {
        public Rejection {
            cells = cells == null ? List.of() : List.copyOf(cells);
            args = args == null ? List.of() : List.copyOf(args);
        }
    }

    /** An import as its screen and the API show it. */
    public record Job(long id, Long staffId, String fileName, List<String> header, boolean dryRun, Status status, String encoding,
                      String delimiter, int total, int done, int imported, int updated, List<Rejection> rejected, String error,
                      Instant createdAt, Instant finishedAt) {
        public boolean finished() {
            return status == Status.DONE || status == Status.FAILED || status == Status.INTERRUPTED;
        }

        /** While it runs: the rows done that were neither imported nor updated. */
        public int rejectedCount() {
            return status == Status.DONE ? rejected.size() : Math.max(0, done - imported - updated);
        }

        public int percent() {
            return total == 0 ? 100 : (int) (100L * done / total);
        }
    }

    /** One row of the preview: the contact fields as they will be written, and whether it creates, updates or is refused. */
    public record PreviewRow(int row, Map<String, String> fields, String outcome, Long contactId, Rejection rejection) {
    }

    /** The file as it will be read: how, its columns' fields, the fields its first rows fill, those rows; and the custom fields. */
    public record Preview(long importId, String fileName, String encoding, String delimiter, int total, ImportMapping mapping,
                          List<String> fields, List<PreviewRow> rows, List<ContactField> custom) {
        public List<String> customTargets() {
            return custom.stream().map(f -> ImportMapping.CUSTOM + f.key()).toList();
        }

        public String customLabel(String target, String lang) {
            return custom.stream().filter(f -> target.equals(ImportMapping.CUSTOM + f.key())).map(f -> f.label(lang)).findFirst().orElse(target);
        }
    }

    // ---------------------------------------------------------------- the staff screen: upload, preview, import

    /** Keeps the file for its preview and import (nothing is written to contacts yet) and previews its first rows. */
    public Preview doUpload(Staff staff, String fileName, byte[] bytes, Map<String, String> overrides, boolean dryRun) {
        Received file = receive(staff, fileName, bytes, overrides, dryRun, true);
        return preview(file.id(), file.name(), file.table(), file.mapping());
    }

    /** The same file with other columns chosen: a new preview. */
    public Preview doRemap(Staff staff, long importId, Map<String, String> overrides, boolean dryRun) {
        Access.requireContactImport(staff);
        ImportDao.Pending pending = pending(importId);
        CsvReader.Table table = CsvReader.read(pending.source());
        ImportMapping mapping = mapping(table, overrides);
        jdbi.useHandle(h -> new ImportDao(h).setMapping(importId, overrides, dryRun));
        return preview(importId, pending.fileName(), table, mapping);
    }

    /** Starts the previewed import in the background; its screen follows its progress. */
    public Job doStart(Staff staff, long importId) {
        Access.requireContactImport(staff);
        ImportDao.Pending pending = pending(importId);
        CsvReader.Table table = CsvReader.read(pending.source());
        ImportMapping mapping = mapping(table, pending.mapping());
        if (!jdbi.withHandle(h -> new ImportDao(h).claim(importId))) throw ApiError.conflict("import_started", "This import has already started");
        Thread.ofVirtual().name("contact-import-" + importId).start(() -> run(importId, table, mapping, pending.dryRun(), staff));
        return accessImport(staff, importId);
    }

    // ---------------------------------------------------------------- the API: one call

    /**
     * Reads, checks and imports a file in one call. A file of up to {@value #SYNC_ROWS} rows is imported before this
     * returns (the job holds the report); a larger one is left running, and its job tells its progress.
     */
    public Job doImport(Staff staff, String fileName, byte[] bytes, Map<String, String> overrides, boolean dryRun) {
        Received file = receive(staff, fileName, bytes, overrides, dryRun, false);
        if (file.table().rows().size() <= SYNC_ROWS) run(file.id(), file.table(), file.mapping(), dryRun, staff);
        else Thread.ofVirtual().name("contact-import-" + file.id()).start(() -> run(file.id(), file.table(), file.mapping(), dryRun, staff));
        return accessImport(staff, file.id());
    }

    private record Received(long id, String name, CsvReader.Table table, ImportMapping mapping) {
    }

    /**
     * A file read, mapped and recorded as an import: kept for its preview (the screen), or taken for running at once
     * (the API, which does not keep the file).
     */
    private Received receive(Staff staff, String fileName, byte[] bytes, Map<String, String> overrides, boolean dryRun, boolean keep) {
        Access.requireContactImport(staff);
        CsvReader.Table table = CsvReader.read(bytes);
        ImportMapping mapping = mapping(table, overrides);
        String name = fileName(fileName);
        long id = jdbi.inTransaction(h -> {
            ImportDao dao = new ImportDao(h);
            dao.forgetAbandoned();
            long created = dao.insert(staffId(staff), name, table.header(), keep ? bytes : null, overrides, dryRun, table.encoding(),
                    table.delimiter(), table.rows().size());
            if (!keep) dao.claim(created);
            return created;
        });
        return new Received(id, name, table, mapping);
    }

    public Job accessImport(Staff staff, long importId) {
        Access.requireContactImport(staff);
        return jdbi.withHandle(h -> new ImportDao(h).find(importId)).orElseThrow(() -> ApiError.notFound("Import"));
    }

    public List<Job> accessRecentImports(Staff staff) {
        Access.requireContactImport(staff);
        return jdbi.withHandle(h -> new ImportDao(h).recent(20));
    }

    /** The rows left out, as a CSV a person can correct and import again: their cells, then the line and the reason. */
    public byte[] accessRejectedCsv(Staff staff, long importId) {
        Job job = accessImport(staff, importId);
        List<String> headerOfFile = job.header();
        List<String> header = new ArrayList<>(headerOfFile);
        header.add("ligne / row");
        header.add("raison / reason");
        return CsvWriter.write(header, rows -> {
            for (Rejection r : job.rejected()) {
                List<Object> cells = new ArrayList<>(r.cells());
                while (cells.size() < headerOfFile.size()) cells.add("");
                cells.add(r.row());
                cells.add(r.reason());
                rows.add(cells.toArray());
            }
        });
    }

    // ---------------------------------------------------------------- running

    private void run(long id, CsvReader.Table table, ImportMapping mapping, boolean dryRun, Staff staff) {
        long started = System.nanoTime();
        try {
            ImportRows.Totals totals = jdbi.withHandle(h -> {
                ImportRows rows = new ImportRows(h, people, mapping, id, staffId(staff), fileNameOf(id));
                ImportRows.Totals sum = new ImportRows.Totals();
                if (dryRun) h.begin();
                for (int from = 0; from < table.rows().size(); from += BATCH) {
                    List<CsvReader.Row> batch = table.rows().subList(from, Math.min(from + BATCH, table.rows().size()));
                    ImportRows.Totals written = inBatch(h, dryRun, () -> rows.write(batch), () -> rows.writeOneByOne(batch, inRow(h, dryRun)));
                    if (!dryRun) people.announceChanged(written.updatedIds()); // committed: every node reads them afresh
                    sum.add(written);
                    jdbi.useHandle(p -> new ImportDao(p).progress(id, sum.done(), sum.imported(), sum.updated()));
                }
                if (dryRun) h.rollback();
                return sum;
            });
            jdbi.useHandle(h -> new ImportDao(h).finish(id, totals.done(), totals.imported(), totals.updated(), totals.rejected()));
            // The import's audit line: who, which file, what it did (no personal data).
            log.info("Contact import {} by staff {}{}: {} rows, {} imported, {} updated, {} rejected in {} ms", id, staff.id(),
                    dryRun ? " (dry run)" : "", totals.done(), totals.imported(), totals.updated(), totals.rejected().size(),
                    (System.nanoTime() - started) / 1_000_000);
        } catch (RuntimeException e) {
            log.error("Contact import {} failed: {}", id, e.getClass().getName());
            jdbi.useHandle(h -> new ImportDao(h).fail(id, "The import stopped on an unexpected error; rows written before it stay"));
        }
    }

    /**
     * One batch in its own transaction (a dry run: under a savepoint of the one transaction it rolls back). When a
     * batch fails as a whole — another writer took an identity meanwhile — its rows are written one by one, so that
     * only the row at fault is refused.
     */
    private static ImportRows.Totals inBatch(Handle h, boolean dryRun, Supplier<ImportRows.Totals> batch, Supplier<ImportRows.Totals> oneByOne) {
        try {
            return inRow(h, dryRun).attempt(batch);
        } catch (RuntimeException e) {
            if (e instanceof ApiError) throw e;
            return oneByOne.get();
        }
    }

    private static ImportRows.Attempt inRow(Handle h, boolean dryRun) {
        return new ImportRows.Attempt() {
            @Override
            public <T> T attempt(Supplier<T> work) {
                if (dryRun) {
                    h.savepoint("import_batch");
                    try {
                        T result = work.get();
                        h.releaseSavepoint("import_batch");
                        return result;
                    } catch (RuntimeException e) {
                        h.rollbackToSavepoint("import_batch");
                        throw e;
                    }
                }
                h.begin();
                try {
                    T result = work.get();
                    h.commit();
                    return result;
                } catch (RuntimeException e) {
                    h.rollback();
                    throw e;
                }
            }
        };
    }

    /** The template file offered on the import screen and imported into the demo: French Excel's way (semicolons, accents). */
    public static byte[] sampleCsv() {
        try (var in = ContactImport.class.getResourceAsStream("/people/modele-contacts.csv")) {
            return in.readAllBytes();
        } catch (java.io.IOException | NullPointerException e) {
            throw new IllegalStateException("people/modele-contacts.csv is missing from the build", e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private Preview preview(long id, String fileName, CsvReader.Table table, ImportMapping mapping) {
        List<CsvReader.Row> first = table.rows().subList(0, Math.min(PREVIEW_ROWS, table.rows().size()));
        List<PreviewRow> rows = jdbi.withHandle(h -> {
            h.begin();
            try {
                return new ImportRows(h, people, mapping, id, null, fileName).preview(first);
            } finally {
                h.rollback(); // a preview writes nothing: it is the first rows of a dry run
            }
        });
        List<String> fields = ImportMapping.FIELDS.stream().filter(f -> rows.stream().anyMatch(r -> r.fields().containsKey(f))).toList();
        List<String> shown = new ArrayList<>(fields);
        mapping.targets().stream().filter(t -> t.startsWith(ImportMapping.CUSTOM) && !shown.contains(t)).forEach(shown::add);
        List<ContactField> custom = jdbi.withHandle(h -> new ImportDao(h).contactFields());
        return new Preview(id, fileName, table.encoding(), String.valueOf(table.delimiter()), table.rows().size(), mapping, List.copyOf(shown), rows,
                custom);
    }

    private ImportMapping mapping(CsvReader.Table table, Map<String, String> overrides) {
        List<ContactField> custom = jdbi.withHandle(h -> new ImportDao(h).contactFields());
        ImportMapping mapping = ImportMapping.guess(table.header(), custom).with(overrides, custom);
        mapping.requireNameOrIdentity();
        return mapping;
    }

    private ImportDao.Pending pending(long importId) {
        return jdbi.withHandle(h -> new ImportDao(h).pending(importId)).orElseThrow(() -> ApiError.notFound("Import"));
    }

    private String fileNameOf(long id) {
        return jdbi.withHandle(h -> new ImportDao(h).find(id)).map(Job::fileName).orElse("");
    }

    private static Long staffId(Staff staff) {
        return staff.id() == 0 ? null : staff.id();
    }

    private static String fileName(String raw) {
        if (raw == null || raw.isBlank()) return "import.csv";
        String base = raw.replaceAll(".*[/\\\\]", "").replaceAll("\\p{Cntrl}", "").strip();
        return base.isEmpty() ? "import.csv" : base.substring(0, Math.min(base.length(), 120));
    }
}
