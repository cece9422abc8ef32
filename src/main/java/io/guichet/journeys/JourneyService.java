package io.guichet.journeys;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.journeys.internal.JourneyDao;
import io.guichet.people.ContactDirectory;
import io.guichet.people.PeopleService;
import io.guichet.people.TimelineEntry;
import io.guichet.platform.Markdown;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.Outbox;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Checks;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.FileContent;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.SignedTokens;
import io.guichet.services.ServiceCatalogue;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Admission journeys: checklist templates (versioned), applicants enrolled in them, their documents and the staff's
 * decisions, the mails that tell them (a signed link to their page, decisions, summarised reminders).
 */
public final class JourneyService {
    public static final String LINK_PATH = "/parcours/lien/";
    static final String LINK_PURPOSE = "journey";
    static final String SESSION_PURPOSE = "journey-session";
    static final Duration SESSION = Duration.ofDays(30);
    public static final int MAX_STEPS = 50;
    /** The smallest limit a step may set on its document: 1 KB (a smaller file is no scan or photo). */
    public static final int MIN_BYTES = 1024;
    static final Set<String> TYPES = Set.of("pdf", "jpeg", "png");
    private static final Map<String, String> MIME = Map.of("pdf", "application/pdf", "jpeg", "image/jpeg", "png", "image/png");

    private final Jdbi jdbi;
    private final PeopleService people;
    private final ContactDirectory contacts;
    private final ServiceCatalogue services;
    private final DocumentStore documents;
    private final Outbox outbox;
    private final SignedTokens links;
    private final String publicUrl;
    private final Messages messages;
    private final JourneySettings settings;
    private final Clock clock;
    private final ZoneId zone;

    public JourneyService(Jdbi jdbi, PeopleService people, ContactDirectory contacts, ServiceCatalogue services, DocumentStore documents,
                          Outbox outbox, SignedTokens links, String publicUrl, Messages messages, JourneySettings settings, Clock clock, ZoneId zone) {
        this.jdbi = jdbi;
        this.people = people;
        this.contacts = contacts;
        this.services = services;
        this.documents = documents;
        this.outbox = outbox;
        this.links = links;
        this.publicUrl = publicUrl;
        this.messages = messages;
        this.settings = settings;
        this.clock = clock;
        this.zone = zone;
    }

    public JourneySettings settings() {
        return settings;
    }

    private java.util.concurrent.ScheduledExecutorService job;

    /** The reminder pass, every hour on every node (each enrolment's row lock keeps two nodes from sending twice). */
    public void start() {
        job = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("journey-reminders").factory());
        job.scheduleWithFixedDelay(() -> {
            try {
                doSendReminders(clock.instant());
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(JourneyService.class).warn("The reminder pass failed; it runs again in an hour", e);
            }
        }, 1, 60, java.util.concurrent.TimeUnit.MINUTES);
    }

    public void close() {
        if (job != null) job.shutdownNow();
    }

    // ---------------------------------------------------------------- templates

    /** A template as written: names, term start, steps in order (their ids are ignored). */
    public record TemplateDraft(String nameFr, String nameEn, LocalDate termStart, List<Template.Step> steps) {
    }

    /** A new template, version 1. */
    public Template doCreateTemplate(Staff actor, TemplateDraft draft) {
        return doCreateTemplate(actor, draft, null);
    }

    /** As {@link #doCreateTemplate(Staff, TemplateDraft)}, refusing too what the caller could not read of the draft. */
    public Template doCreateTemplate(Staff actor, TemplateDraft draft, Checks read) {
        Access.requireJourneyTemplates(actor);
        TemplateDraft d = checked(draft, read);
        return jdbi.inTransaction(h -> insertVersion(h, null, 1, d, actor));
    }

    /**
     * An edit makes a new version of the template: applicants already on it stay on theirs (their steps and due
     * dates do not change under them) until staff move them ({@link #doMoveToLatest}).
     */
    public Template doEditTemplate(Staff actor, long templateId, TemplateDraft draft) {
        return doEditTemplate(actor, templateId, draft, null);
    }

    public Template doEditTemplate(Staff actor, long templateId, TemplateDraft draft, Checks read) {
        Access.requireJourneyTemplates(actor);
        TemplateDraft d = checked(draft, read);
        return jdbi.inTransaction(h -> {
            JourneyDao dao = new JourneyDao(h);
            Template current = dao.template(templateId).orElseThrow(() -> ApiError.notFound("Template"));
            dao.lockFamily(current.familyId());
            return insertVersion(h, current.familyId(), (int) dao.nextVersion(current.familyId()), d, actor);
        });
    }

    private Template insertVersion(Handle h, Long familyId, int version, TemplateDraft d, Staff actor) {
        JourneyDao dao = new JourneyDao(h);
        long id = dao.insertTemplate(familyId, version, d.nameFr(), d.nameEn(), d.termStart(), actor.id());
        for (Template.Step s : d.steps()) dao.insertStep(id, s);
        return dao.template(id).orElseThrow();
    }

    /**
     * The draft as stored, or every refusal at once (each naming its field, {@code steps[2].titleEn}), with those the
     * caller found reading it ({@code read}: a date it could not parse), so a form shows them all in one go.
     */
    private TemplateDraft checked(TemplateDraft d, Checks read) {
        Checks c = read == null ? new Checks() : read;
        String fr = c.check(() -> Fields.required("nameFr", d.nameFr(), 120));
        String en = c.check(() -> Fields.required("nameEn", d.nameEn(), 120));
        if (d.termStart() == null) c.refuse(ApiError.invalid("termStart", "termStart is required (YYYY-MM-DD)").because("required"));
        if (d.steps() == null || d.steps().isEmpty()) c.refuse(ApiError.invalid("steps", "steps must hold at least one step").because("no_steps"));
        else if (d.steps().size() > MAX_STEPS) c.refuse(ApiError.invalid("steps", "steps may hold at most " + MAX_STEPS + " steps").because("too_many_steps", MAX_STEPS));
        List<Template.Step> steps = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Template.Step s : d.steps() == null ? List.<Template.Step>of() : d.steps()) {
            int i = steps.size();
            String f = "steps[" + i + "].";
            String key = c.check(() -> {
                String k = Fields.required(f + "key", s.key(), 40);
                if (!k.matches("[a-z0-9][a-z0-9-]*")) throw ApiError.invalid(f + "key", f + "key is lowercase letters, digits and dashes").because("key_format");
                if (!keys.add(k)) throw ApiError.invalid(f + "key", f + "key repeats the key " + k).because("key_repeated", k);
                return k;
            });
            String titleFr = c.check(() -> Fields.required(f + "titleFr", s.titleFr(), 200));
            String titleEn = c.check(() -> Fields.required(f + "titleEn", s.titleEn(), 200));
            String helpFr = c.check(() -> help(f + "helpFr", s.helpFr()));
            String helpEn = c.check(() -> help(f + "helpEn", s.helpEn()));
            if (s.serviceId() != null) c.run(() -> services.findById(s.serviceId()));
            List<String> types = s.acceptedTypes() == null ? List.of() : List.copyOf(new java.util.LinkedHashSet<>(s.acceptedTypes()));
            if (!TYPES.containsAll(types)) c.refuse(ApiError.invalid(f + "acceptedTypes", f + "acceptedTypes may hold pdf, jpeg and png").because("types"));
            else if (s.documentRequired() && types.isEmpty()) c.refuse(ApiError.invalid(f + "acceptedTypes", f + "acceptedTypes is required when a document is").because("types_required"));
            int max = s.maxBytes() == 0 ? settings.maxBytes() : s.maxBytes();
            if (s.documentRequired() && (max < MIN_BYTES || max > settings.maxBytes())) {
                c.refuse(ApiError.invalid(f + "maxBytes", f + "maxBytes is from " + MIN_BYTES + " to " + settings.maxBytes() + " bytes")
                        .because("max_bytes", settings.maxBytes() / 1024));
            }
            steps.add(new Template.Step(0, key == null ? "" : key, i + 1, titleFr, titleEn, helpFr, helpEn, s.serviceId(), s.documentRequired(),
                    s.documentRequired() ? types : List.of(), s.documentRequired() ? max : 0, s.approvalRequired(), s.due() == null ? DueRule.none() : s.due()));
        }
        String wrong = DueDates.refuseForwardReferences(rules(steps));
        if (wrong != null) {
            String f = "steps[" + indexOf(steps, wrong) + "].due.afterStep";
            c.refuse(ApiError.invalid(f, f + " must name an earlier step").because("after_step"));
        }
        c.done();
        return new TemplateDraft(fr, en, d.termStart(), steps);
    }

    private static int indexOf(List<Template.Step> steps, String key) {
        for (int i = 0; i < steps.size(); i++) if (steps.get(i).key().equals(key)) return i;
        return -1;
    }

    private static String help(String field, String markdown) {
        String text = Fields.optionalText(field, markdown, 20_000);
        if (text == null) return "";
        if (Markdown.nesting(text) > Markdown.MAX_NESTING) throw ApiError.invalid(field, field + " is nested too deeply").because("nesting");
        return text;
    }

    private static List<DueDates.Rule> rules(List<Template.Step> steps) {
        return steps.stream().map(s -> new DueDates.Rule(s.key(), s.due())).toList();
    }

    public List<Template> accessTemplates(Staff viewer) {
        Access.requireJourneys(viewer);
        return jdbi.withHandle(h -> new JourneyDao(h).latestTemplates());
    }

    public Template accessTemplate(Staff viewer, long templateId) {
        Access.requireJourneys(viewer);
        return jdbi.withHandle(h -> new JourneyDao(h).template(templateId)).orElseThrow(() -> ApiError.notFound("Template"));
    }

    // ---------------------------------------------------------------- enrolments

    public record Enrolled(Journey.Enrolment enrolment, boolean created) {
    }

    /**
     * Enrols the person holding this email (found or made through people) in the template's newest version, and
     * mails them their link. The same person and template again returns the existing enrolment, changing nothing:
     * an admission system may send its whole list every night.
     */
    public Enrolled doEnrol(Viewer actor, long templateId, String email, String name, String lang) {
        return doEnrol(actor, templateId, email, name, lang, null);
    }

    /** As {@link #doEnrol(Viewer, long, String, String, String)}, the applicant starting at {@code startTerm} (null: the template's term). */
    public Enrolled doEnrol(Viewer actor, long templateId, String email, String name, String lang, LocalDate startTerm) {
        Access.requireEnrolApplicants(actor.staff());
        if (startTerm != null && (startTerm.getYear() < 2000 || startTerm.getYear() > 2100)) {
            throw ApiError.invalid("startTerm", "startTerm must be a date between 2000 and 2100").because("term");
        }
        String address = Fields.optionalEmail("email", email);
        if (address == null) throw ApiError.invalid("email", "email is required");
        String cleanName = Fields.optional("name", name, 120);
        if (lang != null && !Messages.isSupported(lang)) throw ApiError.invalid("lang", "lang must be fr or en");
        return jdbi.inTransaction(h -> {
            JourneyDao dao = new JourneyDao(h);
            Template named = dao.template(templateId).orElseThrow(() -> ApiError.notFound("Template"));
            Template latest = dao.template(dao.latestOf(named.familyId()).orElseThrow()).orElseThrow();
            var joined = contacts.doFindOrCreateByIdentity(h, "email", address, cleanName, lang, "journeys");
            long contactId = joined.contact().id();
            // a new contact has no merges (and is not committed yet for people's reads)
            Optional<Journey.Enrolment> existing = dao.enrolmentOf(latest.familyId(), joined.created() ? List.of(contactId) : samePerson(contactId));
            if (existing.isPresent()) return new Enrolled(existing.get(), false);
            String language = lang != null ? lang : joined.contact().lang();
            String shownName = cleanName != null ? cleanName : joined.contact().name();
            Instant now = clock.instant();
            long id = dao.insertEnrolment(latest.familyId(), latest.id(), contactId, address, shownName, language, now, startTerm)
                    .orElseThrow(() -> ApiError.conflict("enrolling", "This person is being enrolled; try again"));
            Journey.Enrolment e = dao.enrolment(id).orElseThrow();
            people.doRecord(h, new TimelineEntry(contactId, now, "journeys", "journeys.enrolled",
                    Map.of("template", latest.nameFr(), "template_en", latest.nameEn()), "journey", Long.toString(id), actor.staff().id() == 0 ? null : actor.staff().id()));
            mailLink(h, e, latest);
            return new Enrolled(e, true);
        });
    }

    /** Moves the applicant to the newest version of their template; what they did is kept step by step (by key). */
    public Journey doMoveToLatest(Staff actor, long enrolmentId) {
        Access.requireJourneyTemplates(actor);
        return jdbi.inTransaction(h -> {
            JourneyDao dao = new JourneyDao(h);
            dao.lockEnrolment(enrolmentId);
            Journey.Enrolment e = dao.enrolment(enrolmentId).orElseThrow(() -> ApiError.notFound("Enrolment"));
            long latest = dao.latestOf(e.familyId()).orElseThrow();
            if (latest != e.templateId()) {
                dao.moveEnrolment(enrolmentId, latest);
                Template t = dao.template(latest).orElseThrow();
                people.doRecord(h, new TimelineEntry(e.contactId(), clock.instant(), "journeys", "journeys.moved",
                        Map.of("template", t.nameFr(), "template_en", t.nameEn(), "version", Integer.toString(t.version())), "journey",
                        Long.toString(enrolmentId), actor.id()));
            }
            return journey(h, dao.enrolment(enrolmentId).orElseThrow());
        });
    }

    // ---------------------------------------------------------------- links and the applicant's session

    /** The applicant behind a verified session. */
    public record Applicant(long enrolmentId) {
    }

    private String link(long enrolmentId) {
        return publicUrl + LINK_PATH + links.sign(LINK_PURPOSE, Long.toString(enrolmentId), clock.instant().plus(Duration.ofDays(settings.linkDays())));
    }

    private void mailLink(Handle h, Journey.Enrolment e, Template t) {
        Messages.Localizer tr = messages.in(e.lang());
        outbox.queue(h, OutgoingMail.of(e.email(), e.name(), e.lang(), Purpose.TRANSACTIONAL, e.contactId(), tr.t("journeys.mail.link.subject"),
                new MailBody("journey-link", new LinkMail(t.name(e.lang()), link(e.id()), settings.linkDays()))));
    }

    /** What the link mail says. */
    public record LinkMail(String template, String link, int days) {
    }

    /**
     * Mails a new link for every journey of this address, if there are any. The caller answers the same whatever
     * happens, so nobody learns whether the address is known.
     */
    public void doRequestLink(String email) {
        String address = Fields.optionalEmail("email", email);
        if (address == null) throw ApiError.invalid("email", "email is required");
        jdbi.useTransaction(h -> {
            JourneyDao dao = new JourneyDao(h);
            for (Journey.Enrolment e : dao.enrolmentsByEmail(address)) mailLink(h, e, dao.template(e.templateId()).orElseThrow());
        });
    }

    /** A session token for the enrolment a mailed link names, while the link is signed and unexpired; empty otherwise. */
    public Optional<String> findSessionForLink(String token) {
        return links.verify(LINK_PURPOSE, token, clock.instant()).flatMap(JourneyService::parseId)
                .filter(id -> jdbi.withHandle(h -> new JourneyDao(h).enrolment(id)).isPresent())
                .map(id -> links.sign(SESSION_PURPOSE, Long.toString(id), clock.instant().plus(SESSION)));
    }

    /** The applicant a session token (cookie or Bearer) belongs to. */
    public Optional<Applicant> findApplicant(String sessionToken) {
        return links.verify(SESSION_PURPOSE, sessionToken, clock.instant()).flatMap(JourneyService::parseId).map(Applicant::new);
    }

    private static Optional<Long> parseId(String s) {
        try {
            return Optional.of(Long.parseLong(s));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    // ---------------------------------------------------------------- the applicant's side

    public Journey accessOwnJourney(Applicant a) {
        return jdbi.withHandle(h -> journey(h, ownEnrolment(h, a)));
    }

    /** An erased applicant's enrolment may stay for the numbers, without its address: their links and sessions end with it. */
    private static Journey.Enrolment ownEnrolment(Handle h, Applicant a) {
        return new JourneyDao(h).enrolment(a.enrolmentId()).filter(e -> !e.email().isEmpty()).orElseThrow(ApiError::unauthorized);
    }

    /**
     * The applicant's document for a step, checked at the boundary: the step asks for one, is not already approved,
     * the file is one of the step's accepted types by its content ({@code 415}) and within its size ({@code 413}).
     * It replaces a refused or submitted one. Goes to {@code submitted}, or straight to approved when the step needs
     * no approval.
     */
    public Journey.Document doSubmitDocument(Applicant a, long stepId, String fileName, byte[] data) {
        String name = FileContent.checkedName(fileName);
        return jdbi.inTransaction(h -> {
            JourneyDao dao = new JourneyDao(h);
            dao.lockEnrolment(a.enrolmentId());
            Journey journey = journey(h, ownEnrolment(h, a));
            Journey.StepStatus status = journey.step(stepId);
            if (status == null) throw ApiError.notFound("Step");
            Template.Step step = status.step();
            if (!step.documentRequired()) throw ApiError.conflict("no_document", "This step takes no document");
            if (status.state() == StepState.APPROVED) throw ApiError.conflict("already_approved", "This step is already approved");
            if (data.length > step.maxBytes()) throw ApiError.tooLarge("The file is larger than this step's limit of " + step.maxBytes() / 1024 + " KB");
            if (data.length == 0) throw ApiError.invalid("file", "The file is empty").because("empty");
            String type = FileContent.sniff(data).filter(t -> step.acceptedTypes().stream().map(MIME::get).anyMatch(t::equals))
                    .orElseThrow(() -> new ApiError(415, "unsupported_type", "This step takes " + String.join(", ", step.acceptedTypes()).toUpperCase(Locale.ROOT) + " files", "file"));
            Instant now = clock.instant();
            Journey.Document doc = documents.put(h, a.enrolmentId(), step.key(), name, type, data, now);
            StepState next = step.approvalRequired() ? StepState.SUBMITTED : StepState.APPROVED;
            dao.setProgress(a.enrolmentId(), step.key(), next, null, now, null);
            people.doRecord(h, new TimelineEntry(journey.enrolment().contactId(), now, "journeys", "journeys.document_sent",
                    Map.of("step", step.titleFr(), "step_en", step.titleEn(), "file", name), "journey", Long.toString(a.enrolmentId()), null));
            return doc;
        });
    }

    /** The applicant's chat: a visitor session on their own contact, the service responsible (null when none), their language. */
    public record Chat(String visitorToken, String service, String lang) {
    }

    /** The kind of origin a conversation started from an applicant's page carries; its ref is the enrolment's id. */
    public static final String ORIGIN_KIND = "journey";

    /**
     * Opens the chat bubble of the applicant's page as them: the link they followed proved their address, so their
     * questions land on their contact (and the specialist sees their checklist beside the thread), sent to the
     * service responsible for their next step (else the journey's first service), and carry the journey as their
     * origin (the session is remembered for {@link #findChatEnrolment}).
     */
    public Chat doOpenChat(Applicant a) {
        Journey j = accessOwnJourney(a);
        Long serviceId = j.next() != null && j.next().step().serviceId() != null ? j.next().step().serviceId()
                : j.template().steps().stream().map(Template.Step::serviceId).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        String service = serviceId == null ? null : services.findById(serviceId).slug();
        String token = people.doStartVisitorSessionFor(j.enrolment().contactId()).token();
        jdbi.useHandle(h -> new JourneyDao(h).insertChat(io.guichet.platform.Tokens.hash(token), j.enrolment().id(), clock.instant()));
        return new Chat(token, service, j.enrolment().lang());
    }

    /** The enrolment whose page opened the chat session of this visitor token, if one did. */
    public Optional<Long> findChatEnrolment(String visitorToken) {
        if (visitorToken == null || visitorToken.isBlank()) return Optional.empty();
        return jdbi.withHandle(h -> new JourneyDao(h).enrolmentOfChat(io.guichet.platform.Tokens.hash(visitorToken)));
    }

    /** Streams the applicant's own document; another's, or one that does not exist, is 404. */
    public void accessOwnDocument(Applicant a, long documentId, Function<Journey.Document, OutputStream> open) {
        jdbi.useHandle(h -> {
            DocumentStore.Owned owned = documents.find(h, documentId).filter(o -> o.enrolmentId() == a.enrolmentId())
                    .orElseThrow(() -> ApiError.notFound("Document"));
            documents.copy(h, documentId, open.apply(owned.document()));
        });
    }

    // ---------------------------------------------------------------- the staff side

    /** A template's board: its newest version and every applicant of any of its versions. */
    public record Board(Template template, List<Journey> journeys) {
    }

    public Board accessBoard(Viewer viewer, long templateId) {
        Access.requireJourneys(viewer.staff());
        return jdbi.withHandle(h -> {
            JourneyDao dao = new JourneyDao(h);
            Template named = dao.template(templateId).orElseThrow(() -> ApiError.notFound("Template"));
            Template latest = dao.template(dao.latestOf(named.familyId()).orElseThrow()).orElseThrow();
            List<Journey> journeys = new ArrayList<>(journeys(h, dao.enrolmentsOfFamily(named.familyId()), Map.of(latest.id(), latest), today()));
            java.text.Collator collator = java.text.Collator.getInstance(Locale.CANADA_FRENCH);
            journeys.sort(java.util.Comparator.comparing((Journey j) -> j.enrolment().name() == null ? j.enrolment().email() : j.enrolment().name(), collator));
            return new Board(latest, journeys);
        });
    }

    /** The numbers of a template's applicants of one term, or of every term when {@code term} is null. */
    public JourneyNumbers accessNumbers(Viewer viewer, long templateId, LocalDate term) {
        Board board = accessBoard(viewer, templateId);
        return JourneyNumbers.of(board.template(), board.journeys(), term);
    }

    /** One applicant's journey, with the reminders they were sent (newest first). */
    public record Detail(Journey journey, List<Journey.Reminder> reminders, boolean onLatest) {
    }

    public Detail accessEnrolment(Viewer viewer, long enrolmentId) {
        Access.requireJourneys(viewer.staff());
        return jdbi.withHandle(h -> {
            JourneyDao dao = new JourneyDao(h);
            Journey.Enrolment e = dao.enrolment(enrolmentId).orElseThrow(() -> ApiError.notFound("Enrolment"));
            return new Detail(journey(h, e), dao.reminders(enrolmentId), dao.latestOf(e.familyId()).orElseThrow() == e.templateId());
        });
    }

    /**
     * The journeys of a contact (for the console beside a conversation), following merges: an enrolment made on a
     * contact since merged into this one, or on the one this was merged into, is this person's.
     */
    public List<Journey> accessContactJourneys(Viewer viewer, long contactId) {
        Access.requireJourneys(viewer.staff());
        List<Long> ids = samePerson(contactId);
        return jdbi.withHandle(h -> journeys(h, new JourneyDao(h).enrolmentsOfContacts(ids), Map.of(), today()));
    }

    /** The contact's survivor (if it was merged) and every contact merged into it: people's one person. */
    private List<Long> samePerson(long contactId) {
        var survivor = people.findContactForDelivery(contactId);
        List<Long> ids = new ArrayList<>(people.findMergedContactIds(survivor == null ? contactId : survivor.id()));
        if (!ids.contains(contactId)) ids.add(contactId);
        return ids;
    }

    public void accessStaffDocument(Viewer viewer, long documentId, Function<Journey.Document, OutputStream> open) {
        Access.requireJourneys(viewer.staff());
        jdbi.useHandle(h -> {
            DocumentStore.Owned owned = documents.find(h, documentId).orElseThrow(() -> ApiError.notFound("Document"));
            documents.copy(h, documentId, open.apply(owned.document()));
        });
    }

    /** A staff decision on a step: approved, or refused with a reason the applicant reads. Goes on the timeline and is mailed. */
    public Journey doDecide(Viewer viewer, long enrolmentId, long stepId, boolean approve, String reason) {
        Access.requireJourneys(viewer.staff());
        String why = approve ? Fields.optionalText("reason", reason, 1000) : Fields.requiredText("reason", reason, 1000);
        return jdbi.inTransaction(h -> {
            JourneyDao dao = new JourneyDao(h);
            dao.lockEnrolment(enrolmentId);
            Journey.Enrolment e = dao.enrolment(enrolmentId).orElseThrow(() -> ApiError.notFound("Enrolment"));
            Journey before = journey(h, e);
            Journey.StepStatus status = before.step(stepId);
            if (status == null) throw ApiError.notFound("Step");
            Template.Step step = status.step();
            Access.requireDecideJourneyStep(viewer, step.serviceId());
            Instant now = clock.instant();
            StepState state = approve ? StepState.APPROVED : StepState.REFUSED;
            dao.setProgress(enrolmentId, step.key(), state, why, now, viewer.id());
            Map<String, String> params = new HashMap<>(Map.of("step", step.titleFr(), "step_en", step.titleEn()));
            if (why != null) params.put("reason", why);
            people.doRecord(h, new TimelineEntry(e.contactId(), now, "journeys", approve ? "journeys.approved" : "journeys.refused", params,
                    "journey", Long.toString(enrolmentId), viewer.id()));
            Messages.Localizer tr = messages.in(e.lang());
            outbox.queue(h, OutgoingMail.of(e.email(), e.name(), e.lang(), Purpose.TRANSACTIONAL, e.contactId(),
                    tr.t(approve ? "journeys.mail.approved.subject" : "journeys.mail.refused.subject", step.title(e.lang())),
                    new MailBody("journey-decision", new DecisionMail(step.title(e.lang()), approve, why, link(e.id())))));
            return journey(h, dao.enrolment(enrolmentId).orElseThrow());
        });
    }

    /** What a decision mail says. */
    public record DecisionMail(String step, boolean approved, String reason, String link) {
    }

    // ---------------------------------------------------------------- reminders

    /** What a reminder mail lists: each step not done that is due soon or late, with its date in the applicant's words. */
    public record ReminderMail(List<ReminderItem> items, String link) {
    }

    public record ReminderItem(String step, String due, boolean late) {
    }

    /**
     * Sends the reminders due at {@code now} (a job calls it; tests call it with the time they choose): to each
     * applicant with a step not done that is late or due within the configured days, one mail listing them all, unless
     * they were reminded less than the configured days ago. Returns how many mails were queued.
     */
    public int doSendReminders(Instant now) {
        List<Long> ids = jdbi.withHandle(h -> new JourneyDao(h).allEnrolments().stream().map(Journey.Enrolment::id).toList());
        int sent = 0;
        for (long id : ids) if (remind(id, now, false, null)) sent++;
        return sent;
    }

    /**
     * Reminds the chosen applicants now, of every step not done (not only those due soon), still at most one mail
     * every few days each: staff asking twice do not flood anyone. Returns how many mails were queued.
     */
    public int doRemindNow(Viewer viewer, List<Long> enrolmentIds) {
        Access.requireEnrolApplicants(viewer.staff());
        int sent = 0;
        for (long id : enrolmentIds) if (remind(id, clock.instant(), true, viewer.id())) sent++;
        return sent;
    }

    /** One applicant's reminder, in its own transaction under the enrolment's lock; false when none was due. */
    private boolean remind(long id, Instant now, boolean anyDue, Long by) {
        LocalDate today = now.atZone(zone).toLocalDate();
        return jdbi.inTransaction(h -> {
            JourneyDao dao = new JourneyDao(h);
            dao.lockEnrolment(id); // two nodes running the job: the second finds the first's reminder
            Optional<Journey.Enrolment> found = dao.enrolment(id);
            if (found.isEmpty()) return false;
            Optional<Instant> last = dao.lastReminder(id);
            if (last.isPresent() && last.get().isAfter(now.minus(Duration.ofDays(settings.remindEveryDays())))) return false;
            Journey.Enrolment e = found.get();
            Journey j = journey(h, e, dao.template(e.templateId()).orElseThrow(), today);
            List<Journey.StepStatus> due = j.steps().stream().filter(s -> !s.state().done() && s.state() != StepState.SUBMITTED
                    && (anyDue || s.due() != null && !s.due().isAfter(today.plusDays(settings.remindBeforeDays())))).toList();
            if (due.isEmpty()) return false;
            DateTimeFormatter format = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(messages.in(e.lang()).locale());
            List<ReminderItem> items = due.stream().map(s -> new ReminderItem(s.step().title(e.lang()), s.due() == null ? null : s.due().format(format), s.late())).toList();
            int late = (int) due.stream().filter(Journey.StepStatus::late).count();
            Messages.Localizer tr = messages.in(e.lang());
            long mailId = outbox.queue(h, OutgoingMail.of(e.email(), e.name(), e.lang(), Purpose.TRANSACTIONAL, e.contactId(),
                    tr.t(late > 0 ? "journeys.mail.reminder.subject_late" : "journeys.mail.reminder.subject", due.size()),
                    new MailBody("journey-reminder", new ReminderMail(items, link(e.id())))));
            dao.insertReminder(id, now, mailId, due.stream().map(s -> s.step().key()).toList(), late);
            people.doRecord(h, new TimelineEntry(e.contactId(), now, "journeys", "journeys.reminded", Map.of("count", Integer.toString(due.size())),
                    "journey", Long.toString(id), by));
            return true;
        });
    }

    /** How a bulk decision went: approved, and left alone (not the viewer's service to decide). */
    public record BulkApproval(int approved, int notYours) {
    }

    /**
     * Approves the submitted documents of the chosen applicants (of one step when {@code stepKey} is given), each as
     * {@link #doDecide} would (timeline, mail); steps of a service the viewer does not work in are left alone.
     */
    public BulkApproval doApproveSubmitted(Viewer viewer, List<Long> enrolmentIds, String stepKey) {
        Access.requireJourneys(viewer.staff());
        int approved = 0, notYours = 0;
        for (long id : enrolmentIds) {
            Journey.Enrolment e = jdbi.withHandle(h -> new JourneyDao(h).enrolment(id)).orElse(null);
            if (e == null) continue;
            Journey j = jdbi.withHandle(h -> journey(h, e));
            for (Journey.StepStatus s : j.steps()) {
                if (s.state() != StepState.SUBMITTED || (stepKey != null && !stepKey.equals(s.step().key()))) continue;
                if (!Access.canDecideJourneyStep(viewer, s.step().serviceId())) {
                    notYours++;
                    continue;
                }
                doDecide(viewer, id, s.step().id(), true, null);
                approved++;
            }
        }
        return new BulkApproval(approved, notYours);
    }

    /** Moves the chosen applicants to their template's newest version; returns how many moved. */
    public int doMoveAllToLatest(Staff actor, List<Long> enrolmentIds) {
        Access.requireJourneyTemplates(actor);
        int moved = 0;
        for (long id : enrolmentIds) {
            long before = jdbi.withHandle(h -> new JourneyDao(h).enrolment(id).map(Journey.Enrolment::templateId).orElse(0L));
            if (before != 0 && doMoveToLatest(actor, id).template().id() != before) moved++;
        }
        return moved;
    }

    // ---------------------------------------------------------------- reading a journey

    private LocalDate today() {
        return clock.instant().atZone(zone).toLocalDate();
    }

    private Journey journey(Handle h, Journey.Enrolment e) {
        return journey(h, e, new JourneyDao(h).template(e.templateId()).orElseThrow(), today());
    }

    private Journey journey(Handle h, Journey.Enrolment e, Template t, LocalDate today) {
        return journeys(h, List.of(e), Map.of(t.id(), t), today).getFirst();
    }

    /**
     * The journeys of these enrolments in a few reads whatever their number (a board, the numbers): their progress
     * and current documents in one query each, each template version once. {@code versions} may hold some already.
     */
    private List<Journey> journeys(Handle h, List<Journey.Enrolment> enrolments, Map<Long, Template> versions, LocalDate today) {
        JourneyDao dao = new JourneyDao(h);
        List<Long> ids = enrolments.stream().map(Journey.Enrolment::id).toList();
        Map<Long, List<JourneyDao.Progress>> progress = dao.progress(ids);
        Map<Long, Map<String, Journey.Document>> docs = documents.current(h, ids);
        Map<Long, Template> templates = new HashMap<>(versions);
        List<Journey> journeys = new ArrayList<>(enrolments.size());
        for (Journey.Enrolment e : enrolments) {
            Template t = templates.computeIfAbsent(e.templateId(), id -> dao.template(id).orElseThrow());
            journeys.add(journey(e, t, progress.getOrDefault(e.id(), List.of()), docs.getOrDefault(e.id(), Map.of()), today));
        }
        return journeys;
    }

    private Journey journey(Journey.Enrolment e, Template t, List<JourneyDao.Progress> read, Map<String, Journey.Document> docs, LocalDate today) {
        Map<String, JourneyDao.Progress> progress = new HashMap<>();
        for (JourneyDao.Progress p : read) progress.put(p.stepKey(), p);
        Map<String, LocalDate> doneOn = new HashMap<>();
        progress.values().stream().filter(p -> p.state().done()).forEach(p -> doneOn.put(p.stepKey(), p.changedAt().atZone(zone).toLocalDate()));
        Map<String, LocalDate> due = DueDates.of(rules(t.steps()), e.termStart() != null ? e.termStart() : t.termStart(), doneOn);
        List<Journey.StepStatus> steps = new ArrayList<>();
        for (Template.Step s : t.steps()) {
            JourneyDao.Progress p = progress.get(s.key());
            StepState state = p == null ? StepState.TODO : p.state();
            LocalDate d = due.get(s.key());
            boolean late = !state.done() && d != null && d.isBefore(today);
            steps.add(new Journey.StepStatus(s, state, p == null ? null : p.reason(), d, late, p == null ? null : p.changedAt(), docs.get(s.key())));
        }
        return new Journey(e, t, steps);
    }
}
