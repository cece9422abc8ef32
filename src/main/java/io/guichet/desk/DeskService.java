package io.guichet.desk;

import io.guichet.desk.internal.DeskDao;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.inbox.Ratings;
import io.guichet.people.Contact;
import io.guichet.people.ContactDirectory;
import io.guichet.people.PeopleService;
import io.guichet.people.TimelineEntry;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.Outbox;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.SignedTokens;
import io.guichet.platform.web.Times;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The exam helpdesk: sittings (imported), the incidents the helpdesk opens for students during them, the notices to
 * the sittings' professors and faculties (mail with a signed acknowledge link), the escalation when no one
 * acknowledges in time, the outcome and the student's own page that tells them all of it.
 */
public final class DeskService {
    public static final String STUDENT_PATH = "/examens/incident/";
    public static final String ACK_PATH = "/examens/prise-en-charge/";
    static final String STUDENT_PURPOSE = "desk-student";
    static final String ACK_PURPOSE = "desk-ack";
    public static final int MAX_LIST = 500;
    /** A sitting of 3,000 students has never had this many incidents; the summary reads at most this many. */
    public static final int MAX_SUMMARY = 5_000;

    private final Jdbi jdbi;
    private final PeopleService people;
    private final ContactDirectory contacts;
    private final Outbox outbox;
    private final SignedTokens links;
    private final String publicUrl;
    private final Messages messages;
    private final DeskSettings settings;
    private final Clock clock;
    private final Times times;
    private final Bus bus;
    private ScheduledExecutorService job;

    public DeskService(Jdbi jdbi, PeopleService people, ContactDirectory contacts, Outbox outbox, SignedTokens links, String publicUrl,
                       Messages messages, DeskSettings settings, Clock clock, ZoneId zone, Bus bus) {
        this.bus = bus;
        this.jdbi = jdbi;
        this.people = people;
        this.contacts = contacts;
        this.outbox = outbox;
        this.links = links;
        this.publicUrl = publicUrl;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
        this.times = new Times(zone);
    }

    /** The escalation pass, every minute on every node (each escalation is marked once, whichever node comes first). */
    public void start() {
        job = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("desk-escalation").factory());
        job.scheduleWithFixedDelay(() -> {
            try {
                doEscalate(clock.instant());
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(DeskService.class).warn("The escalation pass failed; it runs again in a minute", e);
            }
        }, 1, 1, TimeUnit.MINUTES);
    }

    public void close() {
        if (job != null) job.shutdownNow();
    }

    // ---------------------------------------------------------------- sittings

    /** A professor as the sitting's import names them. */
    public record ProfessorDraft(String email, String name, String lang) {
    }

    /** A faculty as the sitting's import names it. */
    public record FacultyDraft(String code, String name, String examOfficeEmail, String backupName, String backupEmail) {
    }

    public record SittingDraft(String ref, String courseCode, String courseTitle, Instant startsAt, Integer durationMinutes, String mode,
                               FacultyDraft faculty, List<ProfessorDraft> professors, List<String> studentNumbers) {
    }

    public record Saved(Sitting sitting, boolean created) {
    }

    /**
     * Imports a sitting; the same sitting id again returns the first one unchanged (a registrar's system may send its
     * whole list every morning). Its faculty is created or updated by code; its professors become contacts (by email).
     */
    public Saved doImportSitting(Staff actor, SittingDraft d) {
        return importSitting(actor, d, false);
    }

    /** {@link #doImportSitting}'s checks, writing nothing (a file's dry run): whether it would be created (false: its id exists). */
    public boolean checkImportSitting(Staff actor, SittingDraft d) {
        return importSitting(actor, d, true).created();
    }

    private Saved importSitting(Staff actor, SittingDraft d, boolean dryRun) {
        Access.requireManageSittings(actor);
        String ref = Fields.required("sittingId", d.ref(), 80);
        String code = Fields.required("courseCode", d.courseCode(), 40);
        String title = Fields.required("courseTitle", d.courseTitle(), 200);
        if (d.startsAt() == null) throw ApiError.invalid("start", "start is required (an ISO date and time with its offset)");
        if (d.durationMinutes() == null || d.durationMinutes() < 1 || d.durationMinutes() > 1440)
            throw ApiError.invalid("durationMinutes", "durationMinutes is a whole number of minutes from 1 to 1440");
        Sitting.Mode mode = Sitting.Mode.of(d.mode());
        if (mode == null) throw ApiError.invalid("mode", "mode must be remote or on_campus");
        FacultyDraft f = checked(d.faculty());
        List<ProfessorDraft> profs = d.professors() == null ? List.of() : d.professors();
        if (profs.isEmpty()) throw ApiError.invalid("professors", "professors must name at least one professor");
        if (profs.size() > 20) throw ApiError.invalid("professors", "professors may name at most 20 professors");
        List<ProfessorDraft> checkedProfs = new ArrayList<>();
        for (int i = 0; i < profs.size(); i++) checkedProfs.add(checked(profs.get(i), "professors[" + i + "]."));
        List<String> students = d.studentNumbers() == null ? List.of() : d.studentNumbers();
        if (students.size() > 5_000) throw ApiError.invalid("studentNumbers", "studentNumbers may hold at most 5000 numbers");
        List<String> numbers = new ArrayList<>();
        for (String n : students) numbers.add(studentNumber("studentNumbers", n));
        if (dryRun) return new Saved(null, jdbi.withHandle(h -> new DeskDao(h).sittingByRef(ref).isEmpty()));
        return jdbi.inTransaction(h -> {
            DeskDao dao = new DeskDao(h);
            long facultyId = dao.upsertFaculty(f.code(), f.name(), f.examOfficeEmail(), f.backupName(), f.backupEmail());
            Optional<Long> id = dao.insertSitting(ref, code, title, d.startsAt(), d.durationMinutes(), mode, facultyId, null);
            if (id.isEmpty()) return new Saved(dao.sittingByRef(ref).orElseThrow(), false);
            for (ProfessorDraft p : checkedProfs) {
                var joined = contacts.doFindOrCreateByIdentity(h, "email", p.email(), p.name(), p.lang(), "desk");
                contacts.doTagKind(h, joined.contact().id(), "professor");
                dao.addProfessor(id.get(), new Sitting.Professor(joined.contact().id(), p.email(), p.name(), p.lang()));
            }
            for (String n : numbers) dao.addStudent(id.get(), n);
            return new Saved(dao.sitting(id.get()).orElseThrow(), true);
        });
    }

    private static FacultyDraft checked(FacultyDraft f) {
        if (f == null) throw ApiError.invalid("faculty", "faculty is required");
        String code = Fields.required("faculty.code", f.code(), 40);
        String office = Fields.optionalEmail("faculty.examOfficeEmail", f.examOfficeEmail());
        if (office == null) throw ApiError.invalid("faculty.examOfficeEmail", "faculty.examOfficeEmail is required");
        String backup = Fields.optionalEmail("faculty.backupEmail", f.backupEmail());
        if (backup == null) throw ApiError.invalid("faculty.backupEmail", "faculty.backupEmail is required");
        return new FacultyDraft(code, Fields.required("faculty.name", f.name(), 200), office, Fields.optional("faculty.backupName", f.backupName(), 120), backup);
    }

    private static ProfessorDraft checked(ProfessorDraft p, String prefix) {
        String email = Fields.optionalEmail(prefix + "email", p.email());
        if (email == null) throw ApiError.invalid(prefix + "email", prefix + "email is required");
        String lang = p.lang() == null ? Messages.FR : p.lang();
        if (!Messages.isSupported(lang)) throw ApiError.invalid(prefix + "lang", prefix + "lang must be fr or en");
        return new ProfessorDraft(email, Fields.required(prefix + "name", p.name(), 120), lang);
    }

    private static String studentNumber(String field, String value) {
        String n = Fields.required(field, value, 40);
        if (!n.matches("[A-Za-z0-9-]+")) throw ApiError.invalid(field, field + " holds letters, digits and dashes");
        return n;
    }

    /** The sittings running at {@code at} and those starting within {@code soon} after it, by start. */
    public List<Sitting> accessSittingsAround(Staff viewer, Instant at, Duration soon) {
        Access.requireDesk(viewer);
        return jdbi.withHandle(h -> new DeskDao(h).sittingsBetween(at, at.plus(soon)));
    }

    public Sitting accessSitting(Staff viewer, long sittingId) {
        Access.requireDesk(viewer);
        return jdbi.withHandle(h -> new DeskDao(h).sitting(sittingId)).orElseThrow(() -> ApiError.notFound("Sitting"));
    }

    /** Binds a faculty account to its faculty: it then sees that faculty's incidents (and only those). */
    public void doAddFacultyMember(Staff admin, String facultyCode, long staffId) {
        Access.requireAdmin(admin);
        jdbi.useTransaction(h -> {
            DeskDao dao = new DeskDao(h);
            Faculty f = dao.facultyByCode(facultyCode).orElseThrow(() -> ApiError.notFound("Faculty"));
            dao.addFacultyMember(f.id(), staffId);
        });
    }

    /** Every faculty, by name (the staff form offers them to a faculty account). */
    public List<Faculty> findFaculties() {
        return jdbi.withHandle(h -> new DeskDao(h).faculties());
    }

    /** Makes {@code facultyCode} the account's one faculty (the staff form's choice). */
    public void doSetFacultyOfMember(Staff admin, String facultyCode, long staffId) {
        Access.requireAdmin(admin);
        jdbi.useTransaction(h -> {
            DeskDao dao = new DeskDao(h);
            Faculty f = dao.facultyByCode(facultyCode).orElseThrow(() -> ApiError.invalid("faculty", "faculty names no faculty"));
            dao.setFacultyMember(f.id(), staffId);
        });
    }

    /** An incident as a live frame tells it, with the accounts of its sitting's faculty (who, beside the helpdesk, may see it). */
    public record Live(Incident incident, Set<Long> facultyMembers) {
    }

    /** For the sockets (no viewer: each recipient is checked against {@link #findLive}'s members and their role). */
    public Optional<Live> findLive(long incidentId) {
        return jdbi.withHandle(h -> new DeskDao(h).incident(incidentId).map(r -> {
            Incident i = incident(h, r);
            return new Live(i, new DeskDao(h).facultyMembers(i.sitting().faculty().id()));
        }));
    }

    /** The faculties a staff member belongs to (for who receives what). */
    public Set<Long> findFacultiesOf(long staffId) {
        return jdbi.withHandle(h -> new DeskDao(h).facultiesOf(staffId));
    }

    /** What the helpdesk's console shows of a caller: the sittings running now they are registered in, their incidents not decided yet. */
    public record Caller(List<Sitting> runningSittings, List<Incident> openIncidents) {
    }

    /**
     * The caller's sittings running at {@code at} (by their student number, or the sittings of their incidents) and their
     * open incidents, newest first; no viewer: the frame and the pop that show it go to the agent the call rings at only.
     */
    public Caller findCaller(Long contactId, String studentNumber, Instant at) {
        return jdbi.withHandle(h -> {
            DeskDao dao = new DeskDao(h);
            List<Incident> open = contactId == null ? List.of() : dao.openIncidentsOf(contactId, 10).stream().map(id -> incident(h, id)).toList();
            Map<Long, Sitting> running = new java.util.LinkedHashMap<>();
            if (studentNumber != null) for (Sitting s : dao.sittingsOfStudentAt(studentNumber, at)) running.put(s.id(), s);
            for (Incident i : open) if (i.sitting().runningAt(at)) running.putIfAbsent(i.sitting().id(), i.sitting());
            return new Caller(List.copyOf(running.values()), open);
        });
    }

    // ---------------------------------------------------------------- incidents

    /** An incident as the helpdesk opens it: the student by number or contact id, the sitting by id or reference. */
    public record IncidentDraft(String clientId, String studentNumber, Long contactId, Long sittingId, String sittingRef, String category,
                                String description, Instant startedAt, Long conversationId, String callId) {
    }

    /** The incident, whether this call created it, the student's page, and a warning when the sitting had ended. */
    public record Opened(Incident incident, boolean created, String studentPage, String warning) {
    }

    /**
     * Opens an incident: recorded, on the student's timeline, mailed at once to the sitting's professors and faculty
     * exam office (each with an acknowledge link) and to the student (a link to their page). The same client id again
     * returns the first incident and sends nothing. An unknown student number makes a contact; an ended sitting is
     * allowed (students call after) with a warning.
     */
    public Opened doOpenIncident(Staff actor, IncidentDraft d) {
        Access.requireDesk(actor);
        String clientId = Fields.required("clientId", d.clientId(), 80);
        Category category = Category.of(d.category());
        if (category == null) throw ApiError.invalid("category", "category must be connection, platform, proctoring, outage, lost_time or other");
        String description = Fields.requiredText("description", d.description(), 4000);
        if (d.startedAt() == null) throw ApiError.invalid("startedAt", "startedAt is required (an ISO date and time with its offset)");
        if ((d.studentNumber() == null) == (d.contactId() == null)) throw ApiError.invalid("studentNumber", "give studentNumber or contactId (one of them)");
        String number = d.studentNumber() == null ? null : studentNumber("studentNumber", d.studentNumber());
        String callId = Fields.optional("callId", d.callId(), 120);
        Instant now = clock.instant();
        Opened opened = jdbi.inTransaction(h -> {
            DeskDao dao = new DeskDao(h);
            Optional<Long> existing = dao.incidentByClientId(clientId);
            if (existing.isPresent()) return opened(h, existing.get(), false);
            Sitting sitting = (d.sittingId() != null ? dao.sitting(d.sittingId()) : d.sittingRef() != null ? dao.sittingByRef(d.sittingRef()) : Optional.<Sitting>empty())
                    .orElseThrow(() -> ApiError.invalid("sittingId", "sittingId names no sitting"));
            if (d.startedAt().isAfter(now.plus(Duration.ofMinutes(5)))) throw ApiError.invalid("startedAt", "startedAt is in the future");
            long contactId = number != null ? contacts.doFindOrCreateByIdentity(h, "student_number", number, null, null, "desk").contact().id()
                    : student(d.contactId()).id();
            contacts.doTagKind(h, contactId, "student");
            boolean afterEnd = !now.isBefore(sitting.endsAt());
            long id = dao.insertIncident(new DeskDao.NewIncident(clientId, sitting.id(), contactId, category, description, d.startedAt(),
                    d.conversationId(), callId, afterEnd, actor.id(), now)).orElseThrow(() -> ApiError.conflict("opening", "This incident is being opened; try again"));
            Incident incident = incident(h, id);
            record(h, incident, "desk.incident_opened", Map.of("course", sitting.courseCode(), "category", category.key()), actor.id(), now);
            for (DeskRecipients.Recipient r : DeskRecipients.ofNotice(sitting)) mailNotice(h, incident, r, false);
            mailStudent(h, incident);
            return opened(h, id, true);
        });
        if (opened.created()) bus.publish(new IncidentChanged(opened.incident().id(), "created"));
        return opened;
    }

    /** How the helpdesk's form names the student it opens an incident for (null: no such contact). */
    public String accessStudentLabel(Staff viewer, long contactId) {
        Access.requireDesk(viewer);
        Contact c = people.findContactForDelivery(contactId);
        return c == null ? null : c.label();
    }

    private Contact student(long contactId) {
        Contact c = people.findContactForDelivery(contactId);
        if (c == null) throw ApiError.invalid("contactId", "contactId names no contact");
        return c;
    }

    private Opened opened(Handle h, long id, boolean created) {
        Incident i = incident(h, id);
        return new Opened(i, created, studentPage(id), i.afterEnd() ? "The sitting had ended when the incident was opened" : null);
    }

    /** The incident if the viewer may see it; another faculty's is 404. */
    public Incident accessIncident(Staff viewer, long incidentId) {
        return jdbi.withHandle(h -> {
            Incident i = new DeskDao(h).incident(incidentId).map(r -> incident(h, r)).orElseThrow(() -> ApiError.notFound("Incident"));
            Access.requireIncident(viewer, ownFaculty(h, viewer, i.sitting()));
            return i;
        });
    }

    /** A filter of the incident list; nulls let everything through. */
    public record Filter(Long sittingId, String facultyCode, Category category, Incident.State state, Duration olderThan) {
    }

    /** Incidents newest first: every one for the helpdesk, their own faculty's for a faculty account (at most {@link #MAX_LIST}). */
    public List<Incident> accessIncidents(Staff viewer, Filter f) {
        return accessIncidentPage(viewer, f, 0, MAX_LIST).incidents();
    }

    /** One page of the list and whether another follows. */
    public record IncidentPage(List<Incident> incidents, boolean more) {
    }

    /** The {@code size} incidents after the first {@code offset} of the list {@link #accessIncidents} shows. */
    public IncidentPage accessIncidentPage(Staff viewer, Filter f, int offset, int size) {
        if (!Access.canRunDesk(viewer)) Access.requireIncident(viewer, true);
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            DeskDao dao = new DeskDao(h);
            Set<Long> faculties = Access.canRunDesk(viewer) ? null : dao.facultiesOf(viewer.id());
            if (f.facultyCode() != null) {
                Set<Long> named = dao.facultyByCode(f.facultyCode()).map(x -> Set.of(x.id())).orElse(Set.of());
                faculties = faculties == null ? named : named.stream().filter(faculties::contains).collect(java.util.stream.Collectors.toSet());
            }
            var q = new DeskDao.IncidentQuery(f.sittingId(), faculties, f.category(), f.state(), f.olderThan() == null ? null : now.minus(f.olderThan()));
            List<DeskDao.Row> rows = dao.incidents(q, size + 1, offset);
            Map<Long, Sitting> sittings = new HashMap<>();
            List<Incident> list = new ArrayList<>();
            for (DeskDao.Row r : rows.subList(0, Math.min(size, rows.size()))) list.add(incident(h, r, sittings));
            return new IncidentPage(list, rows.size() > size);
        });
    }

    /** The sittings a list may be filtered by: those of the day around {@code at}, a faculty account's own faculty's only. */
    public List<Sitting> accessSittingChoices(Staff viewer, Instant at) {
        if (!Access.canRunDesk(viewer)) Access.requireIncident(viewer, true);
        return jdbi.withHandle(h -> {
            DeskDao dao = new DeskDao(h);
            Set<Long> own = Access.canRunDesk(viewer) ? null : dao.facultiesOf(viewer.id());
            return dao.sittingsBetween(at.minus(Duration.ofHours(18)), at.plus(Duration.ofHours(18))).stream()
                    .filter(s -> own == null || own.contains(s.faculty().id())).toList();
        });
    }

    /** A sitting's incidents for its faculty or an exam board: every one, oldest first, and how many of each category and outcome. */
    public record SittingSummary(Sitting sitting, List<Incident> incidents, Map<Category, Integer> categories, Map<Outcome.Kind, Integer> outcomes,
                                 int undecided) {
    }

    /** The summary of a sitting: the helpdesk's, or a faculty account's of its own faculty (another faculty's is 404). */
    public SittingSummary accessSittingSummary(Staff viewer, long sittingId) {
        return jdbi.withHandle(h -> {
            DeskDao dao = new DeskDao(h);
            Sitting s = dao.sitting(sittingId).orElseThrow(() -> ApiError.notFound("Sitting"));
            if (!Access.canReadIncident(viewer, ownFaculty(h, viewer, s))) {
                if (!Access.isSignedIn(viewer)) throw ApiError.unauthorized();
                throw ApiError.notFound("Sitting");
            }
            List<DeskDao.Row> rows = new ArrayList<>(dao.incidents(new DeskDao.IncidentQuery(sittingId, null, null, null, null), MAX_SUMMARY, 0));
            java.util.Collections.reverse(rows);
            Map<Long, Sitting> sittings = new HashMap<>(Map.of(s.id(), s));
            List<Incident> incidents = rows.stream().map(r -> incident(h, r, sittings)).toList();
            Map<Category, Integer> categories = new java.util.EnumMap<>(Category.class);
            Map<Outcome.Kind, Integer> outcomes = new java.util.EnumMap<>(Outcome.Kind.class);
            int undecided = 0;
            for (Incident i : incidents) {
                categories.merge(i.category(), 1, Integer::sum);
                if (i.outcome() == null) undecided++;
                else outcomes.merge(i.outcome().kind(), 1, Integer::sum);
            }
            return new SittingSummary(s, incidents, categories, outcomes, undecided);
        });
    }

    /** A sitting of the day view with its incidents so far and those nobody has taken yet. */
    public record SittingDay(Sitting sitting, boolean running, int incidents, int waiting) {
    }

    /** The day view: the sittings running at {@code at} and starting within {@code soon}, with their incident counts. */
    public List<SittingDay> accessDay(Staff viewer, Instant at, Duration soon) {
        Access.requireDesk(viewer);
        return jdbi.withHandle(h -> {
            DeskDao dao = new DeskDao(h);
            List<Sitting> sittings = dao.sittingsBetween(at, at.plus(soon));
            Map<Long, DeskDao.Counts> counts = dao.counts(sittings.stream().map(Sitting::id).toList());
            return sittings.stream().map(s -> {
                DeskDao.Counts c = counts.getOrDefault(s.id(), new DeskDao.Counts(0, 0));
                return new SittingDay(s, s.runningAt(at), c.total(), c.waiting());
            }).toList();
        });
    }

    private static boolean ownFaculty(Handle h, Staff viewer, Sitting s) {
        return viewer != null && new DeskDao(h).facultiesOf(viewer.id()).contains(s.faculty().id());
    }

    // ---------------------------------------------------------------- acknowledgement and outcome

    /** Who acts on an incident: a staff member, or a professor or exam office through the link mailed to them. */
    public record Actor(Staff staff, String name) {
        public static Actor of(Staff staff) {
            return new Actor(staff, staff.name());
        }
    }

    /** The actor a mailed acknowledge link stands for, while it is signed and unexpired, for this incident only. */
    public Optional<Actor> findLinkActor(long incidentId, String token) {
        if (token == null) return Optional.empty();
        return links.verify(ACK_PURPOSE, token, clock.instant()).flatMap(subject -> {
            int slash = subject.indexOf('/');
            if (slash < 0 || !subject.substring(0, slash).equals(Long.toString(incidentId))) return Optional.empty();
            String email = subject.substring(slash + 1);
            return jdbi.withHandle(h -> new DeskDao(h).incident(incidentId)).flatMap(r -> jdbi.withHandle(h -> new DeskDao(h).sitting(r.sittingId())))
                    .flatMap(s -> DeskRecipients.ofNotice(s).stream().filter(x -> x.email().equalsIgnoreCase(email)).findFirst()
                            .or(() -> Optional.of(DeskRecipients.ofEscalation(s)).filter(x -> x.email().equalsIgnoreCase(email))))
                    .map(x -> new Actor(null, x.name() == null ? x.email() : x.name()));
        });
    }

    private void requireActor(Handle h, Actor actor, Incident i) {
        if (actor.staff() != null) Access.requireIncident(actor.staff(), ownFaculty(h, actor.staff(), i.sitting()));
    }

    /** Acknowledges the incident: the first time is recorded (timeline, the student's page); again changes nothing. */
    public Incident doAcknowledge(Actor actor, long incidentId) {
        Incident[] before = new Incident[1];
        Incident after = jdbi.inTransaction(h -> {
            DeskDao dao = new DeskDao(h);
            dao.lockIncident(incidentId);
            Incident i = dao.incident(incidentId).map(r -> incident(h, r)).orElseThrow(() -> ApiError.notFound("Incident"));
            requireActor(h, actor, i);
            before[0] = i;
            acknowledge(h, i, actor);
            return incident(h, incidentId);
        });
        if (before[0].acknowledgedAt() == null) bus.publish(new IncidentChanged(incidentId, "acknowledged"));
        return after;
    }

    private void acknowledge(Handle h, Incident i, Actor actor) {
        Instant now = clock.instant();
        if (new DeskDao(h).acknowledge(i.id(), now, actor.name()))
            record(h, i, "desk.incident_acknowledged", Map.of("by", actor.name()), actor.staff() == null ? null : actor.staff().id(), now);
    }

    public record OutcomeDraft(String kind, String message, Integer extraMinutes, Instant oralAt, String oralWhere, Instant resitAt) {
    }

    /**
     * Records the outcome (acknowledging first if no one had), mails the student and shows it on their page. A re-sit
     * creates a new sitting of the same course, linked to the first, starting when given or right after the first ends.
     */
    public Incident doRecordOutcome(Actor actor, long incidentId, OutcomeDraft d) {
        Incident decided = recordOutcome(actor, incidentId, d);
        bus.publish(new IncidentChanged(incidentId, "outcome"));
        return decided;
    }

    private Incident recordOutcome(Actor actor, long incidentId, OutcomeDraft d) {
        Outcome.Kind kind = Outcome.Kind.of(d.kind());
        if (kind == null) throw ApiError.invalid("kind", "kind must be continue, resit, oral, no_action or other");
        String message = Fields.requiredText("message", d.message(), 4000);
        Integer extra = d.extraMinutes();
        if (extra != null && (kind != Outcome.Kind.CONTINUE || extra < 1 || extra > 600))
            throw ApiError.invalid("extraMinutes", "extraMinutes goes with continue, from 1 to 600 minutes");
        String where = Fields.optional("oral.where", d.oralWhere(), 300);
        if (kind == Outcome.Kind.ORAL && (d.oralAt() == null || where == null))
            throw ApiError.invalid("oral", "oral needs at (a date and time) and a place or link");
        Instant now = clock.instant();
        return jdbi.inTransaction(h -> {
            DeskDao dao = new DeskDao(h);
            dao.lockIncident(incidentId);
            Incident i = dao.incident(incidentId).map(r -> incident(h, r)).orElseThrow(() -> ApiError.notFound("Incident"));
            requireActor(h, actor, i);
            if (i.outcome() != null) throw ApiError.conflict("decided", "This incident already has its outcome");
            acknowledge(h, i, actor);
            Long resit = kind == Outcome.Kind.RESIT ? resit(dao, i.sitting(), d.resitAt() != null ? d.resitAt() : i.sitting().endsAt()) : null;
            dao.recordOutcome(incidentId, new Outcome(kind, message, extra, kind == Outcome.Kind.ORAL ? d.oralAt() : null,
                    kind == Outcome.Kind.ORAL ? where : null, resit, now, actor.name()));
            Incident decided = incident(h, incidentId);
            record(h, decided, "desk.incident_decided", Map.of("outcome", kind.key(), "by", actor.name()), actor.staff() == null ? null : actor.staff().id(), now);
            mailStudent(h, decided);
            return decided;
        });
    }

    private static long resit(DeskDao dao, Sitting s, Instant start) {
        String ref = s.ref() + "-reprise-" + start.getEpochSecond();
        long id = dao.insertSitting(ref, s.courseCode(), s.courseTitle(), start, s.durationMinutes(), s.mode(), s.faculty().id(), s.id())
                .orElseThrow(() -> ApiError.conflict("resit", "A re-sit at this time exists already"));
        for (Sitting.Professor p : s.professors()) dao.addProfessor(id, p);
        return id;
    }

    // ---------------------------------------------------------------- escalation

    /**
     * Escalates the incidents nobody acknowledged within the configured minutes before {@code now} (a job calls it;
     * tests call it at the time they choose): the faculty's back-up contact is mailed and the incident shows flagged.
     * Each is marked once, so two nodes running the pass mail once. Returns how many escalated.
     */
    public int doEscalate(Instant now) {
        List<Long> due = jdbi.withHandle(h -> new DeskDao(h).dueForEscalation(now.minus(Duration.ofMinutes(settings.ackMinutes()))));
        int escalated = 0;
        for (long id : due) {
            boolean done = jdbi.inTransaction(h -> {
                if (!new DeskDao(h).escalate(id, now)) return false;
                Incident i = incident(h, id);
                record(h, i, "desk.incident_escalated", Map.of("minutes", Integer.toString(settings.ackMinutes())), null, now);
                mailNotice(h, i, DeskRecipients.ofEscalation(i.sitting()), true);
                return true;
            });
            if (done) {
                escalated++;
                bus.publish(new IncidentChanged(id, "escalated"));
            }
        }
        return escalated;
    }

    // ---------------------------------------------------------------- the student's page

    /** The incident a student's signed link names, while it is unexpired. */
    public Optional<Incident> findStudentIncident(String token) {
        return links.verify(STUDENT_PURPOSE, token, clock.instant()).flatMap(DeskService::parseId)
                .flatMap(id -> jdbi.withHandle(h -> new DeskDao(h).incident(id).map(r -> incident(h, r))));
    }

    /** The incident behind an acknowledge link the caller has verified with {@link #findLinkActor}. */
    public Incident findIncidentForLink(long incidentId) {
        return jdbi.withHandle(h -> incident(h, incidentId));
    }

    /** The student's rating of the incident, if they gave it. */
    public Optional<Incident.Rating> findRating(long incidentId) {
        return jdbi.withHandle(h -> new DeskDao(h).rating(incidentId));
    }

    /**
     * The student rates the handling of their incident from their page's signed link: once the outcome is known (409
     * {@code undecided} before), once only (409 {@code already_rated}); a score from 1 to 5, an optional comment.
     */
    public Incident.Rating doRateIncident(String token, int score, String comment) {
        Incident i = findStudentIncident(token).orElseThrow(() -> ApiError.notFound("Incident"));
        if (i.outcome() == null) throw ApiError.conflict("undecided", "The outcome is not decided yet");
        if (score < 1 || score > 5) throw ApiError.invalid("score", "score must be from 1 to 5").because("required");
        String text = Fields.optionalText("comment", comment, Ratings.MAX_COMMENT);
        Instant now = clock.instant();
        if (!jdbi.withHandle(h -> new DeskDao(h).rate(i.id(), score, text, now))) throw ApiError.conflict("already_rated", "This incident was rated already");
        return new Incident.Rating(score, text, now);
    }

    /** The student's language (their contact's), for their page. */
    public String findStudentLang(Incident i) {
        Contact c = people.findContactForDelivery(i.contactId());
        return c == null ? Messages.FR : c.lang();
    }

    /** The student's page, for the helpdesk to give a student who has no email (in the chat or on the phone). */
    public String accessStudentPage(Staff viewer, long incidentId) {
        Access.requireDesk(viewer);
        return studentPage(incidentId);
    }

    private String studentPage(long incidentId) {
        return publicUrl + STUDENT_PATH + links.sign(STUDENT_PURPOSE, Long.toString(incidentId), clock.instant().plus(Duration.ofDays(settings.linkDays())));
    }

    private String ackLink(long incidentId, String email) {
        return publicUrl + ACK_PATH + incidentId + "/" + links.sign(ACK_PURPOSE, incidentId + "/" + email, clock.instant().plus(Duration.ofDays(settings.linkDays())));
    }

    private static Optional<Long> parseId(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- mail and timeline

    /** What a notice to a professor, an exam office or a back-up contact says. */
    public record NoticeMail(String student, String course, String category, String description, String startedAt, String notifiedAt,
                             boolean afterEnd, boolean escalated, int minutes, String ackLink) {
    }

    /** What a mail to the student says: that their professor and faculty were told, and the outcome once there is one. */
    public record StudentMail(String course, String notifiedAt, String outcome, String link) {
    }

    private void mailNotice(Handle h, Incident i, DeskRecipients.Recipient r, boolean escalated) {
        Messages.Localizer t = messages.in(r.lang());
        Sitting s = i.sitting();
        String student = i.studentName() != null ? i.studentName() : t.t("desk.student.unnamed");
        String course = s.courseCode() + " — " + s.courseTitle();
        outbox.queue(h, OutgoingMail.of(r.email(), r.name(), r.lang(), Purpose.TRANSACTIONAL, null,
                t.t(escalated ? "desk.mail.escalation.subject" : "desk.mail.notice.subject", s.courseCode(), student),
                new MailBody("desk-notice", new NoticeMail(student, course, t.t("desk.category." + i.category().key()), i.description(),
                        times.clock(i.startedAt(), t), times.clock(i.notifiedAt(), t), i.afterEnd(), escalated, settings.ackMinutes(), ackLink(i.id(), r.email())))));
    }

    private void mailStudent(Handle h, Incident i) {
        Contact c = people.findContactForDelivery(i.contactId());
        if (c == null || c.email() == null) return; // found by student number only: the helpdesk gives the page's link in the chat or on the phone
        Messages.Localizer t = messages.in(c.lang());
        String outcome = i.outcome() == null ? null : DeskWords.outcome(i.outcome(), t, times);
        outbox.queue(h, OutgoingMail.of(c.email(), c.name(), c.lang(), Purpose.TRANSACTIONAL, c.id(),
                t.t(outcome == null ? "desk.mail.student.subject" : "desk.mail.outcome.subject", i.sitting().courseCode()),
                new MailBody("desk-student", new StudentMail(i.sitting().courseCode() + " — " + i.sitting().courseTitle(), times.clock(i.notifiedAt(), t),
                        outcome, studentPage(i.id())))));
    }

    private void record(Handle h, Incident i, String what, Map<String, String> params, Long staffId, Instant at) {
        people.doRecord(h, new TimelineEntry(i.contactId(), at, "desk", what, params, "incident", Long.toString(i.id()), staffId));
    }

    private Incident incident(Handle h, long id) {
        return incident(h, new DeskDao(h).incident(id).orElseThrow());
    }

    private Incident incident(Handle h, DeskDao.Row r) {
        return incident(h, r, new HashMap<>());
    }

    private Incident incident(Handle h, DeskDao.Row r, Map<Long, Sitting> sittings) {
        Sitting s = sittings.computeIfAbsent(r.sittingId(), id -> new DeskDao(h).sitting(id).orElseThrow());
        Contact c = people.findContactForDelivery(r.contactId());
        String name = c == null ? null : c.label();
        return new Incident(r.id(), r.clientId(), s, r.contactId(), name, r.category(), r.description(), r.startedAt(), r.conversationId(), r.callId(),
                r.afterEnd(), r.createdAt(), r.notifiedAt(), r.acknowledgedAt(), r.acknowledgedBy(), r.escalatedAt(), r.outcome(), c != null && c.email() != null);
    }
}
