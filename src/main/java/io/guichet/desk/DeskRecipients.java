package io.guichet.desk;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Who is told of an incident, as pure functions (mail and sockets alike): the sitting's professors and the faculty's
 * exam office at creation, the back-up contact on escalation, and the staff entitled to see it live.
 */
public final class DeskRecipients {
    private DeskRecipients() {
    }

    /** Someone mailed about an incident; {@code role} says why (professor, exam_office, backup). */
    public record Recipient(String email, String name, String lang, String role) {
    }

    /**
     * The notice at creation: each professor of the sitting in their language, then the faculty's exam office (in
     * French, the institution's language), each address once even when a professor is also the exam office.
     */
    public static List<Recipient> ofNotice(Sitting sitting) {
        Map<String, Recipient> to = new LinkedHashMap<>();
        for (Sitting.Professor p : sitting.professors()) to.putIfAbsent(key(p.email()), new Recipient(p.email(), p.name(), p.lang(), "professor"));
        Faculty f = sitting.faculty();
        to.putIfAbsent(key(f.examOfficeEmail()), new Recipient(f.examOfficeEmail(), f.name(), "fr", "exam_office"));
        return List.copyOf(to.values());
    }

    /** The escalation: the faculty's back-up contact only. */
    public static Recipient ofEscalation(Sitting sitting) {
        Faculty f = sitting.faculty();
        return new Recipient(f.backupEmail(), f.backupName(), "fr", "backup");
    }

    /**
     * The staff on line who receive an incident's live frames: the helpdesk (every agent, supervisor, administrator)
     * and the faculty accounts of the sitting's faculty; nobody else (another faculty's accounts, inactive ones).
     */
    public static List<Long> ofFrame(Sitting sitting, Collection<Staff> online, Map<Long, Set<Long>> facultiesOfStaff) {
        List<Long> to = new ArrayList<>();
        for (Staff s : online) {
            boolean own = facultiesOfStaff.getOrDefault(s.id(), Set.of()).contains(sitting.faculty().id());
            if (Access.canReadIncident(s, own)) to.add(s.id());
        }
        return to;
    }

    /** Whether one staff member receives the incident's live frames, given the accounts of the sitting's faculty. */
    public static boolean receivesFrame(Staff s, Set<Long> facultyMembers) {
        return Access.canReadIncident(s, facultyMembers.contains(s.id()));
    }

    private static String key(String email) {
        return email.toLowerCase(Locale.ROOT);
    }
}
