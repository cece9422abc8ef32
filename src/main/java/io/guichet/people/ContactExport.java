package io.guichet.people;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.people.internal.ExportDao;
import io.guichet.platform.web.CsvWriter;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.OutputStream;
import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Contacts as CSV, through the shared {@link CsvWriter} (UTF-8 with a byte-order mark, formula cells neutralised):
 * sorted as a French reader expects (Élodie with the E, case and accents second), written {@value #CHUNK} contacts
 * at a time so that a large export is never whole in memory. The header names the columns as the import reads
 * them back. Supervisors and administrators only.
 */
public final class ContactExport {
    private static final Logger log = LoggerFactory.getLogger(ContactExport.class);
    static final int CHUNK = 500;
    public static final List<String> COLUMNS = List.of("id", "name", "email", "phone", "student_number", "lang", "kinds", "programme",
            "graduation_year", "organisation", "city", "postal_code", "country", "tags");

    private final Jdbi jdbi;
    private final ContactDirectory directory;

    public ContactExport(Jdbi jdbi, ContactDirectory directory) {
        this.jdbi = jdbi;
        this.directory = directory;
    }

    /** An export checked and ordered, to be written once the response has started. */
    public interface Prepared {
        void writeTo(OutputStream out);
    }

    /** The contacts the list shows for this filter and segment (any of the list's filters), in French order. */
    public Prepared accessExport(Viewer viewer, ContactFilter filter, Long segmentId) {
        Staff staff = Access.requireContactExport(viewer.staff());
        List<ContactField> custom = jdbi.withHandle(h -> new io.guichet.people.internal.ImportDao(h).contactFields());
        List<ExportDao.Named> order = new ArrayList<>();
        String cursor = null;
        do { // the list's own pages: one way of choosing contacts, whatever reads them
            ContactDirectory.Page page = directory.accessContacts(viewer, filter, segmentId, cursor, ContactDirectory.PAGE_MAX);
            page.contacts().forEach(c -> order.add(new ExportDao.Named(c.id(), c.name())));
            cursor = page.next();
        } while (cursor != null);
        Collator french = Collator.getInstance(Locale.CANADA_FRENCH);
        french.setStrength(Collator.TERTIARY);
        order.sort(Comparator.comparing((ExportDao.Named n) -> n.name() == null ? "\uFFFF" : n.name(), french).thenComparingLong(ExportDao.Named::id));
        List<String> header = new ArrayList<>(COLUMNS);
        custom.forEach(f -> header.add(f.key()));
        // Who exported how many contacts: the export's audit line (the list itself is personal data, not logged).
        log.info("Contact export by staff {}: {} contacts", staff.id(), order.size());
        return out -> CsvWriter.stream(out, header, rows -> {
            for (int from = 0; from < order.size(); from += CHUNK) {
                List<Long> ids = order.subList(from, Math.min(from + CHUNK, order.size())).stream().map(ExportDao.Named::id).toList();
                for (ExportDao.Line line : jdbi.withHandle(h -> new ExportDao(h).lines(ids))) {
                    List<Object> cells = new ArrayList<>(List.of(line.id(), nullToEmpty(line.name()), String.join("; ", line.emails()),
                            String.join("; ", line.phones()), nullToEmpty(line.studentNumber()), line.lang(), String.join(", ", line.kinds()),
                            nullToEmpty(line.programme()), line.graduationYear() == null ? "" : line.graduationYear(), nullToEmpty(line.organisation()),
                            nullToEmpty(line.city()), nullToEmpty(line.postalCode()), nullToEmpty(line.country()), String.join(", ", line.tags())));
                    for (ContactField f : custom) cells.add(line.custom().path(f.key()).isMissingNode() || line.custom().path(f.key()).isNull()
                            ? "" : line.custom().path(f.key()).asText());
                    rows.add(cells.toArray());
                }
            }
        });
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
