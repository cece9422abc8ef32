package io.guichet;

import io.guichet.identity.IdentityService;
import io.guichet.identity.Role;
import io.guichet.identity.Staff;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Mentions;
import io.guichet.inbox.Ratings;
import io.guichet.inbox.Upload;
import io.guichet.inbox.Label;
import io.guichet.inbox.LabelService;
import io.guichet.inbox.AgentService;
import io.guichet.services.OpeningHours;
import io.guichet.services.ServiceCatalogue;
import io.guichet.identity.Viewer;
import io.guichet.kb.KbService;
import io.guichet.people.ContactDirectory;
import io.guichet.people.ContactImport;
import io.guichet.people.ConsentLedger;
import io.guichet.people.PeopleService;
import io.guichet.people.PrivacyService;
import io.guichet.platform.Config;
import io.guichet.platform.Tokens;
import io.guichet.platform.mail.MailBody;
import io.guichet.platform.mail.MailService;
import io.guichet.platform.mail.OutgoingMail;
import io.guichet.platform.mail.Purpose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What an empty database gets: the first administrator, and with {@code GUICHET_DEMO} a fictional
 * French-speaking cégep (with its help-centre articles in both languages) whose agents' passwords are printed at every start (and kept in the data
 * directory, since only their hashes are in the database).
 */
final class FirstStart {
    private static final String DEMO_FILE = "demo-accounts.txt";

    record Account(String email, String password, String name, Role role, List<String> services) {
    }

    /** Returns whether the demo was seeded now (an empty database with {@code GUICHET_DEMO}). */
    static boolean run(Config config, IdentityService identity, ServiceCatalogue catalogue, AgentService agents, KbService kb, MailService mail,
                    ContactImport contactImport, ContactDirectory contacts) {
        String email = config.adminEmail() != null ? config.adminEmail() : "admin@cegep-demo.qc.ca";
        String password = config.adminPassword() != null ? config.adminPassword() : Tokens.random("").substring(0, 16);
        boolean created = identity.doCreateFirstAdmin(email, "Administrateur·rice", password).isPresent();
        Path demoFile = config.dataDir().resolve(DEMO_FILE);
        if (created && config.adminPassword() == null) {
            System.out.println("\n  First administrator: " + email + "  password: " + password + "  (shown once)\n");
        }
        if (created && config.demo()) {
            List<Account> accounts = seedDemo(catalogue, agents);
            kb.doSeedDemoArticles(Staff.SYSTEM);
            seedDemoMail(mail, accounts);
            contactImport.doImport(Staff.SYSTEM, "modele-contacts.csv", ContactImport.sampleCsv(), java.util.Map.of(), false);
            contacts.doSeedDemo(Staff.SYSTEM);
            write(demoFile, accounts);
        }
        if (config.demo() && Files.exists(demoFile)) {
            try {
                System.out.println("\n  Demo accounts (cégep fictif) — log in at /login:\n"
                        + Files.readString(demoFile, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return created && config.demo();
    }

    /**
     * The demo's privacy side: contacts with consent of each basis (one implied consent that lapsed), the first
     * administrator named the privacy officer, retention rules, and a few entries in the audit log.
     */
    /**
     * The webinars' demo: the weekly Friday 14:00 information session and "Les mercredis de l'apprentissage" on
     * Wednesdays at 13:30 for the next three months, and a four-day virtual fair next month with two tracks.
     */
    static void seedWebinarsDemo(io.guichet.webinars.WebinarService webinars, java.time.Clock clock) {
        java.time.LocalDate today = java.time.LocalDate.now(clock.withZone(webinars.zone()));
        java.time.Duration hour = java.time.Duration.ofHours(1);
        webinars.doCreateSeries(Staff.SYSTEM, new io.guichet.webinars.WebinarService.SeriesForm("seance-information",
                demoSession("Séance d’information", "Information session", "Tout sur l’admission, les programmes et la vie au cégep.",
                        "All about admission, programmes and life at the cégep.", 100),
                io.guichet.webinars.Recurrence.weekly(java.time.DayOfWeek.FRIDAY, java.time.LocalTime.of(14, 0), hour, today, today.plusMonths(3), java.util.Set.of())));
        webinars.doCreateSeries(Staff.SYSTEM, new io.guichet.webinars.WebinarService.SeriesForm("mercredis-apprentissage",
                demoSession("Les mercredis de l’apprentissage", "Learning Wednesdays", "Une heure avec un·e enseignant·e pour découvrir une façon d’apprendre.",
                        "An hour with a teacher to discover a way of learning.", 60),
                io.guichet.webinars.Recurrence.weekly(java.time.DayOfWeek.WEDNESDAY, java.time.LocalTime.of(13, 30), hour, today, today.plusMonths(3), java.util.Set.of())));
        java.time.LocalDate first = today.plusWeeks(4).with(java.time.temporal.TemporalAdjusters.nextOrSame(java.time.DayOfWeek.TUESDAY));
        var fair = webinars.doCreateEvent(Staff.SYSTEM, new io.guichet.webinars.WebinarService.EventForm("salon-virtuel", "Salon virtuel des programmes",
                "Virtual programmes fair", "Quatre jours pour rencontrer nos programmes, de chez vous.", "Four days to meet our programmes, from home.",
                first, first.plusDays(3), List.of("Programmes", "Vie étudiante")));
        String[][] slots = {{"Sciences de la nature", "Natural sciences"}, {"Techniques de l’informatique", "Computer science technology"},
                {"Arts, lettres et communication", "Arts, literature and communication"}, {"Soins infirmiers", "Nursing"}};
        for (int day = 0; day < 4; day++) {
            java.time.Instant webinar = io.guichet.webinars.Recurrence.at(webinars.zone(), first.plusDays(day), java.time.LocalTime.of(19, 0), "startsAt");
            java.time.Instant talk = io.guichet.webinars.Recurrence.at(webinars.zone(), first.plusDays(day), java.time.LocalTime.of(12, 15), "startsAt");
            webinars.doCreateSession(Staff.SYSTEM, withSlot(demoSession(slots[day][0], slots[day][1], "Le programme présenté par ses enseignant·e·s, vos questions en direct.",
                    "The programme presented by its teachers, your questions live.", 150), webinar, webinar.plus(hour), fair.id(), "Programmes", "webinar"));
            webinars.doCreateSession(Staff.SYSTEM, withSlot(demoSession("Mini-conférence : la vie au cégep", "Mini-talk: life at the cégep",
                    "Quinze minutes avec l’équipe de la vie étudiante.", "Fifteen minutes with the student life team.", null),
                    talk, talk.plusSeconds(900), fair.id(), "Vie étudiante", "talk"));
        }
    }

    private static io.guichet.webinars.WebinarService.SessionForm demoSession(String titleFr, String titleEn, String descFr, String descEn, Integer capacity) {
        return new io.guichet.webinars.WebinarService.SessionForm(titleFr, titleEn, descFr, descEn, List.of("Élodie Tremblay"), capacity, "fr",
                List.of("futurs étudiants", "parents"), null, null, "https://meet.example.org/cegep-demo", null, null, null);
    }

    private static io.guichet.webinars.WebinarService.SessionForm withSlot(io.guichet.webinars.WebinarService.SessionForm f, java.time.Instant start,
                                                                           java.time.Instant end, long eventId, String track, String kind) {
        return new io.guichet.webinars.WebinarService.SessionForm(f.titleFr(), f.titleEn(), f.descriptionFr(), f.descriptionEn(), f.speakers(), f.capacity(),
                f.lang(), f.audiences(), start, end, f.externalUrl(), eventId, track, kind);
    }

    /** Two integrations' tokens for the token screen (their secrets are not kept: a demo makes new ones there). */
    static void seedTokenDemo(io.guichet.identity.ApiTokens tokens) {
        tokens.doCreate(Staff.SYSTEM, new io.guichet.identity.ApiTokens.NewToken("Système d’admission (liste de nuit)",
                List.of("contacts:write", "journeys:write"), null, List.of()));
        tokens.doCreate(Staff.SYSTEM, new io.guichet.identity.ApiTokens.NewToken("Téléphonie (PBX) — événements d’appel",
                List.of("desk:calls"), Instant.now().plus(java.time.Duration.ofDays(365)), List.of("10.20.0.0/16")));
    }

    /**
     * An exam morning: three remote sittings running now (one ending soon), their professors and the faculty of
     * sciences, and two incidents (one just opened, one acknowledged by its professor).
     */
    static void seedDeskDemo(io.guichet.desk.DeskService desk, java.time.Clock clock) {
        java.time.Instant now = clock.instant();
        var sciences = new io.guichet.desk.DeskService.FacultyDraft("sciences", "Faculté des sciences et de génie", "examens.fsg@cegep-demo.ca",
                "Hélène Dubé", "helene.dube@cegep-demo.ca");
        String[][] courses = {{"CHM-1001", "Chimie générale", "Gaël Ménard", "gael.menard@cegep-demo.ca", "en", "-40"},
                {"MAT-1910", "Mathématiques de l’ingénieur", "Maëlle Côté", "maelle.cote@cegep-demo.ca", "fr", "-20"},
                {"PHY-1003", "Électricité et magnétisme", "Loïc Pelletier", "loic.pelletier@cegep-demo.ca", "fr", "-150"}};
        List<io.guichet.desk.Sitting> sittings = new java.util.ArrayList<>();
        for (String[] c : courses) {
            sittings.add(desk.doImportSitting(Staff.SYSTEM, new io.guichet.desk.DeskService.SittingDraft(c[0] + "-A26", c[0], c[1],
                    now.plus(java.time.Duration.ofMinutes(Long.parseLong(c[5]))), 180, "remote", sciences,
                    List.of(new io.guichet.desk.DeskService.ProfessorDraft(c[3], "Prof. " + c[2], c[4])), List.of())).sitting());
        }
        desk.doOpenIncident(Staff.SYSTEM, new io.guichet.desk.DeskService.IncidentDraft("demo-incident-1", "2026123", null, sittings.get(0).id(), null,
                "proctoring", "La webcam s’est coupée à la question 8 ; l’étudiante a redémarré son ordinateur.", now.minus(java.time.Duration.ofMinutes(6)), null, null));
        var second = desk.doOpenIncident(Staff.SYSTEM, new io.guichet.desk.DeskService.IncidentDraft("demo-incident-2", "2026456", null, sittings.get(1).id(), null,
                "outage", "Panne de courant dans le quartier pendant 12 minutes.", now.minus(java.time.Duration.ofMinutes(15)), null, null));
        desk.doAcknowledge(new io.guichet.desk.DeskService.Actor(null, "Prof. Maëlle Côté"), second.incident().id());
    }

    /**
     * A staffed exam fortnight for IT support, as the hotline of the story: Monday to Saturday 7:30–19:30 this week and
     * next, Noémie in the morning and Jérôme in the afternoon this week, and the admissions team on the week's hours;
     * skills, and the targets of the hotline.
     */
    static void seedStaffingDemo(io.guichet.staffing.StaffingPeriods periods, io.guichet.staffing.Rotas rotas,
                                 io.guichet.staffing.Targets targets, ServiceCatalogue services, IdentityService identity) {
        var it = services.findBySlug("soutien-informatique");
        var admissions = services.findBySlug("admissions");
        java.time.LocalDate monday = io.guichet.staffing.Rotas.mondayOf(services.today());
        List<OpeningHours> exams = new ArrayList<>();
        for (int day = 1; day <= 6; day++) exams.add(new OpeningHours(day, LocalTime.of(7, 30), LocalTime.of(19, 30)));
        periods.doCreatePeriod(Staff.SYSTEM, new io.guichet.staffing.StaffingPeriods.Draft(it, "Examens de fin de session", "Final exams",
                monday, monday.plusDays(13), false, exams));
        java.util.Map<String, Long> ids = new java.util.HashMap<>();
        identity.accessAllStaff(Staff.SYSTEM).forEach(s -> ids.put(s.name(), s.id()));
        List<io.guichet.staffing.Rotas.Slot> itSlots = new ArrayList<>(), admissionSlots = new ArrayList<>();
        for (int day = 0; day < 6; day++) {
            java.time.LocalDate d = monday.plusDays(day);
            for (LocalTime t = LocalTime.of(7, 30); t.isBefore(LocalTime.of(19, 30)); t = t.plusMinutes(30)) {
                List<Long> who = new ArrayList<>();
                if (t.isBefore(LocalTime.of(15, 30))) who.add(ids.get("Noémie Côté"));
                if (!t.isBefore(LocalTime.of(11, 30))) who.add(ids.get("Jérôme Bélanger"));
                itSlots.add(new io.guichet.staffing.Rotas.Slot(d.atTime(t).atZone(rotas.zone()).toInstant(), who));
                if (day < 5 && !t.isBefore(LocalTime.of(8, 30)) && t.isBefore(LocalTime.of(16, 30))) {
                    List<Long> team = new ArrayList<>(List.of(ids.get("Élodie Tremblay")));
                    if (!t.isBefore(LocalTime.of(12, 0))) team.add(ids.get("François Gagnon"));
                    admissionSlots.add(new io.guichet.staffing.Rotas.Slot(d.atTime(t).atZone(rotas.zone()).toInstant(), team));
                }
            }
        }
        rotas.doPutSlots(Staff.SYSTEM, it, itSlots);
        rotas.doPutSlots(Staff.SYSTEM, admissions, admissionSlots);
        rotas.doSetSkills(Staff.SYSTEM, ids.get("Noémie Côté"), java.util.Set.of("fr", "en", "phone", "exam-platform", "trained"));
        rotas.doSetSkills(Staff.SYSTEM, ids.get("Élodie Tremblay"), java.util.Set.of("fr", "en", "trained"));
        rotas.doSetSkills(Staff.SYSTEM, ids.get("François Gagnon"), java.util.Set.of("fr"));
        targets.doSetTarget(Staff.SYSTEM, it, "chat", 60, 90.0, 120);
        targets.doSetTarget(Staff.SYSTEM, it, "call", 20, 80.0, 120);
    }

    /**
     * The international applicants of autumn 2027: a template with the CAQ, study permit and passport steps, and
     * applicants at different points (just enrolled, a photo sent, approved, refused with a reason, late).
     */
    static void seedJourneysDemo(io.guichet.journeys.JourneyService journeys, io.guichet.services.ServiceCatalogue services,
                                 io.guichet.people.PeopleService people, io.guichet.inbox.ConversationService conversations) {
        long admissions = services.findBySlug("admissions").id();
        long international = services.findBySlug("international").id();
        java.time.LocalDate term = java.time.LocalDate.of(2027, 8, 23);
        List<String> docs = List.of("pdf", "jpeg", "png");
        var none = io.guichet.journeys.DueRule.none();
        var template = journeys.doCreateTemplate(Staff.SYSTEM, new io.guichet.journeys.JourneyService.TemplateDraft(
                "Étudiant international — automne 2027", "International student — autumn 2027", term, List.of(
                new io.guichet.journeys.Template.Step(0, "lettre-admission", 0, "Lettre d’admission", "Admission letter",
                        "Votre lettre d’admission vous est envoyée par le **Service des admissions**. Déposez-la ici.",
                        "The **Admissions office** sends you your admission letter. Upload it here.", admissions, true, docs, 0, true,
                        new io.guichet.journeys.DueRule(io.guichet.journeys.DueRule.Kind.TERM, null, -240, null)),
                new io.guichet.journeys.Template.Step(0, "caq", 0, "CAQ — certificat d’acceptation du Québec", "CAQ — Québec acceptance certificate",
                        "Faites la demande de CAQ en ligne auprès du ministère de l’Immigration (MIFI), puis déposez le certificat. "
                                + "Voir [l’aide sur le CAQ](/aide).",
                        "Apply for the CAQ online with Québec's immigration ministry (MIFI), then upload the certificate. See [help on the CAQ](/help).",
                        international, true, docs, 0, true,
                        new io.guichet.journeys.DueRule(io.guichet.journeys.DueRule.Kind.STEP, null, 30, "lettre-admission")),
                new io.guichet.journeys.Template.Step(0, "permis-etudes", 0, "Permis d’études", "Study permit",
                        "Avec votre CAQ, demandez le permis d’études à Immigration, Réfugiés et Citoyenneté Canada (IRCC).",
                        "With your CAQ, apply for the study permit with Immigration, Refugees and Citizenship Canada (IRCC).",
                        international, true, docs, 0, true,
                        new io.guichet.journeys.DueRule(io.guichet.journeys.DueRule.Kind.TERM, null, -60, null)),
                new io.guichet.journeys.Template.Step(0, "passeport", 0, "Copie du passeport", "Passport copy",
                        "Une photo lisible de la page d’identité de votre passeport suffit.", "A readable photo of your passport's identity page will do.",
                        international, true, List.of("jpeg", "png", "pdf"), 0, true,
                        new io.guichet.journeys.DueRule(io.guichet.journeys.DueRule.Kind.TERM, null, -90, null)),
                new io.guichet.journeys.Template.Step(0, "arrivee", 0, "Arrivée et accueil", "Arrival and welcome",
                        "Dites-nous la date de votre arrivée : l’équipe de l’international vous accueille à l’aéroport.",
                        "Tell us when you arrive: the international team welcomes you at the airport.", international, false, List.of(), 0, false,
                        none))));
        Viewer system = new Viewer(Staff.SYSTEM, Set.of());
        record Applicant(String name, String email, String lang, int approvedSteps, boolean sent, String refused) {
        }
        List<Applicant> applicants = List.of(
                new Applicant("Aïcha Diallo", "aicha.diallo@exemple.sn", "fr", 0, false, null),
                new Applicant("Thi Mai Nguyễn", "thimai.nguyen@example.vn", "en", 0, true, null),
                new Applicant("Mehdi Benslimane", "mehdi.benslimane@exemple.ma", "fr", 1, false, "Le document est illisible : envoyez une photo nette, prise à la lumière du jour."),
                new Applicant("Chloé Ramírez", "chloe.ramirez@example.mx", "en", 2, true, null),
                new Applicant("Éloïse Fournier", "eloise.fournier@exemple.fr", "fr", 4, false, null));
        byte[] photo = demoPhoto();
        for (Applicant a : applicants) {
            var e = journeys.doEnrol(system, template.id(), a.email(), a.name(), a.lang()).enrolment();
            var who = new io.guichet.journeys.JourneyService.Applicant(e.id());
            for (int i = 0; i < a.approvedSteps(); i++) {
                var step = template.steps().get(i);
                if (step.documentRequired()) journeys.doSubmitDocument(who, step.id(), step.key() + ".png", photo);
                journeys.doDecide(system, e.id(), step.id(), true, null);
            }
            var next = template.steps().get(a.approvedSteps());
            if (a.refused() != null) {
                journeys.doSubmitDocument(who, next.id(), "scan-flou.png", photo);
                journeys.doDecide(system, e.id(), next.id(), false, a.refused());
            } else if (a.sent() && next.documentRequired()) {
                journeys.doSubmitDocument(who, next.id(), next.key() + ".png", photo);
            }
            if (a.refused() != null) {
                // asked from the bubble of their page: the console shows their checklist beside the question
                conversations.doStartConversation(people.findContactForDelivery(e.contactId()), "international",
                        "Bonjour, pourquoi mon CAQ a-t-il été refusé? J’ai envoyé le bon document.", "demo-journey-" + e.id(),
                        new io.guichet.inbox.Origin(io.guichet.journeys.JourneyService.ORIGIN_KIND, Long.toString(e.id())));
            }
        }
    }

    /** A small grey "scanned page" for the demo's documents. */
    private static byte[] demoPhoto() {
        var img = new java.awt.image.BufferedImage(240, 320, java.awt.image.BufferedImage.TYPE_INT_RGB);
        var g = img.createGraphics();
        g.setColor(new java.awt.Color(0xF4F1EA));
        g.fillRect(0, 0, 240, 320);
        g.setColor(new java.awt.Color(0x9CA3AF));
        for (int y = 40; y < 300; y += 22) g.fillRect(24, y, 150 + (y % 60), 8);
        g.dispose();
        try (var out = new java.io.ByteArrayOutputStream()) {
            javax.imageio.ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void seedPrivacyDemo(IdentityService identity, PeopleService people, ConsentLedger consent, PrivacyService privacy) {
        Viewer system = new Viewer(Staff.SYSTEM, Set.of());
        Instant now = Instant.now();
        long camille = people.doStartVisitorSession("Camille Bouchard", "camille.bouchard@exemple.qc.ca", "fr").contact().id();
        long liam = people.doStartVisitorSession("Liam O’Connor", "liam.oconnor@example.com", "en").contact().id();
        long ines = people.doStartVisitorSession("Inès Benali", "ines.benali@exemple.qc.ca", "fr").contact().id();
        consent.doRecord(system, camille, ConsentLedger.change("newsletters", "granted", "express", null, null, "form",
                "Je veux recevoir l’infolettre du cégep (une fois par mois).", "I want to receive the college’s newsletter (once a month)."), null);
        consent.doRecord(system, camille, ConsentLedger.change("events", "granted", "implied", "relationship", null, "import",
                "Étudiante inscrite : invitations aux activités du cégep.", null), null);
        consent.doRecord(system, liam, ConsentLedger.change("events", "granted", "implied", "inquiry", now.minus(Duration.ofDays(240)), "form",
                null, "Tell me about the open house."), null); // an inquiry eight months ago: lapsed
        consent.doRecord(system, liam, ConsentLedger.change("newsletters", "granted", "express", null, null, "form",
                null, "Send me the newsletter."), null);
        consent.doRecord(system, liam, ConsentLedger.change("newsletters", "withdrawn", null, null, null, "api", null, null), null);
        consent.doRecord(system, ines, ConsentLedger.change("surveys", "granted", "implied", "inquiry", now.minus(Duration.ofDays(30)), "staff",
                "Puis-je vous écrire pour un court sondage sur votre visite ?", null), null);
        privacy.doSetRule(Staff.SYSTEM, "prospect", "delete", 24);
        privacy.doSetRule(Staff.SYSTEM, "none", "keep", 36);
        for (Staff s : identity.accessAllStaff(Staff.SYSTEM)) {
            if (s.isAdmin()) identity.doSetPrivacyOfficer(Staff.SYSTEM, s.id(), true);
            if (s.role() == Role.SUPERVISOR) {
                privacy.doAuditRead(new Viewer(s, Set.of()), camille, "127.0.0.1");
                privacy.doAuditRead(new Viewer(s, Set.of()), liam, "127.0.0.1");
            }
        }
    }

    /**
     * The inbox's demo: labels, a few conversations to search ("eleve" finds the first), labelled, and one snoozed
     * until its visitor replies. Through the visitor's and the staff's own {@code do*} methods.
     */
    static void seedInboxDemo(PeopleService people, ConversationService conversations, LabelService labels) {
        Viewer system = new Viewer(Staff.SYSTEM, Set.of());
        Label bourse = labels.doCreateLabel(Staff.SYSTEM, "Bourse", "#d4ac0d");
        Label secondaire = labels.doCreateLabel(Staff.SYSTEM, "Élève du secondaire", "#2e86c1");
        Label urgent = labels.doCreateLabel(Staff.SYSTEM, "Urgent – examen", "#c0392b");
        labels.doCreateLabel(Staff.SYSTEM, "Réorientation", "#117a65");
        record Demo(String name, String email, String service, String body, Label label) {
        }
        List<Demo> demos = List.of(
                new Demo("Marc Côté", "marc.cote@exemple.qc.ca", "admissions", "Mon fils est élève de 5e secondaire : peut-il s’inscrire pour l’automne ?", secondaire),
                new Demo("Inès Bérubé", "ines.berube@exemple.qc.ca", "aide-financiere", "Quand arrive le premier versement de la bourse d’études ?", bourse),
                new Demo("Gaël Lafrenière", "gael.lafreniere@exemple.qc.ca", "soutien-informatique", "Je ne vois pas mon examen dans Moodle, il commence dans 10 minutes !", urgent));
        List<Long> ids = new java.util.ArrayList<>();
        for (Demo d : demos) {
            var visitor = people.doStartVisitorSession(d.name(), d.email(), "fr").contact();
            long id = conversations.doStartConversation(visitor, d.service(), d.body(), "demo-" + d.email(), null).conversation().id();
            labels.doLabel(system, id, d.label().id(), true);
            ids.add(id);
        }
        conversations.doSnooze(system, ids.get(1), null); // waiting for the visitor's document
    }

    /**
     * The email channel's demo: an evening question left with an email, answered by Élodie; the visitor is gone, so
     * the reply pass mails her answer a few minutes after the first start (kept in the mail viewer without SMTP) and
     * the console marks the conversation "Sera répondue par courriel".
     */
    static void seedEmailDemo(IdentityService identity, AgentService agents, PeopleService people, ConversationService conversations) {
        Staff elodie = identity.accessAllStaff(Staff.SYSTEM).stream().filter(s -> s.email().equals("elodie.tremblay@cegep-demo.qc.ca"))
                .findFirst().orElseThrow();
        var visitor = people.doStartVisitorSession("Chloé Gauthier", "chloe.gauthier@exemple.qc.ca", "fr").contact();
        long id = conversations.doStartConversation(visitor, "admissions",
                "Bonsoir, est-ce que je peux encore changer mon deuxième choix de programme ?", "demo-courriel", null).conversation().id();
        conversations.doSendAgentMessage(agents.viewer(elodie), id,
                "Bonjour Chloé, oui : jusqu’au 1er mars, dans votre dossier sur le Service régional d’admission (SRAM).", "demo-courriel-1", false);
    }

    /**
     * The conversation's tools: a screenshot the visitor sent to IT support, a note in which Jérôme mentions Noémie
     * about it (unread in her mentions), and an admissions conversation Élodie answered, resolved and the visitor rated.
     */
    static void seedConversationToolsDemo(IdentityService identity, AgentService agents, PeopleService people, ConversationService conversations,
                                          Mentions mentions, Ratings ratings) {
        java.util.Map<String, Viewer> staff = new java.util.HashMap<>();
        for (Staff s : identity.accessAllStaff(Staff.SYSTEM)) staff.put(s.email(), agents.viewer(s));
        Viewer jerome = staff.get("jerome.belanger@cegep-demo.qc.ca"), noemie = staff.get("noemie.cote@cegep-demo.qc.ca");
        Viewer elodie = staff.get("elodie.tremblay@cegep-demo.qc.ca");

        var camille = people.doStartVisitorSession("Camille Ouellet", "camille.ouellet@exemple.qc.ca", "fr").contact();
        long exam = conversations.doStartConversation(camille, "soutien-informatique",
                "Bonjour, mon examen de chimie affiche une erreur quand je clique sur « Commencer ». Voici une capture d’écran.", "demo-exam", null)
                .conversation().id();
        conversations.doSendVisitorAttachment(camille, exam, Upload.checked("capture-erreur-examen.png", errorScreenshot()), "demo-exam-capture");
        mentions.doWriteNote(jerome, exam, "@Noémie Côté peux-tu regarder la capture? Son examen commence à 14 h.", "demo-exam-note",
                List.of(noemie.id()));

        var olivier = people.doStartVisitorSession("Olivier Paquette", "olivier.paquette@exemple.qc.ca", "fr").contact();
        long asked = conversations.doStartConversation(olivier, "admissions",
                "Est-ce que je peux encore m’inscrire en Techniques de l’informatique pour l’automne?", "demo-rated", null).conversation().id();
        conversations.doSendAgentMessage(elodie, asked, "Oui! La date limite du 1er mars est passée, mais le 2e tour est ouvert jusqu’au 1er mai.",
                "demo-rated-answer", false);
        conversations.doResolve(elodie, asked);
        ratings.doRate(olivier, asked, 5, "Réponse claire et rapide, merci!");
    }

    /** A small picture of an error window (a red title bar, a crossed icon, lines of text), drawn without fonts. */
    private static byte[] errorScreenshot() {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(480, 300, java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = img.createGraphics();
        g.setColor(new java.awt.Color(0xF3F4F6));
        g.fillRect(0, 0, 480, 300);
        g.setColor(new java.awt.Color(0xB42318));
        g.fillRect(0, 0, 480, 44);
        g.fillOval(36, 84, 72, 72);
        g.setColor(java.awt.Color.WHITE);
        g.setStroke(new java.awt.BasicStroke(8));
        g.drawLine(56, 104, 88, 136);
        g.drawLine(88, 104, 56, 136);
        g.setColor(new java.awt.Color(0x9CA3AF));
        for (int y = 92; y < 180; y += 26) g.fillRect(136, y, 280 - (y % 52), 12);
        g.setColor(new java.awt.Color(0x1F5FBF));
        g.fillRoundRect(330, 230, 120, 40, 10, 10);
        g.dispose();
        try (java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            javax.imageio.ImageIO.write(img, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Through the same {@code do*} methods as an administrator's screens, as the system actor. */
    private static List<Account> seedDemo(ServiceCatalogue catalogue, AgentService agents) {
        record Svc(String slug, String fr, String en, boolean eveningHours) {
        }
        List<Svc> services = List.of(
                new Svc("admissions", "Admissions", "Admissions", true),
                new Svc("aide-financiere", "Aide financière", "Financial aid", false),
                new Svc("orientation", "Orientation", "Academic guidance", false),
                new Svc("soutien-informatique", "Soutien informatique", "IT support", true),
                new Svc("vie-etudiante", "Vie étudiante", "Student life", false),
                new Svc("international", "International", "International office", false));
        for (Svc s : services) {
            var created = catalogue.doCreateService(Staff.SYSTEM, s.slug(), s.fr(), s.en(), List.of("fr", "en"));
            List<OpeningHours> hours = new ArrayList<>();
            for (int day = 1; day <= 7; day++) {
                if (s.eveningHours()) hours.add(new OpeningHours(day, LocalTime.of(7, 0), LocalTime.of(23, 30)));
                else if (day <= 5) hours.add(new OpeningHours(day, LocalTime.of(8, 30), LocalTime.of(16, 30)));
            }
            catalogue.doUpdateService(Staff.SYSTEM, created.id(), s.fr(), s.en(), List.of("fr", "en"), true, hours);
            if (!s.eveningHours()) { // the offices close for the holidays: the widget then says when they reopen
                java.time.LocalDate christmas = java.time.LocalDate.of(catalogue.today().getYear(), 12, 25);
                if (christmas.isBefore(catalogue.today())) christmas = christmas.plusYears(1);
                catalogue.doAddClosure(Staff.SYSTEM, created.id(), christmas, "Noël");
                catalogue.doAddClosure(Staff.SYSTEM, created.id(), christmas.plusDays(1), "Lendemain de Noël");
            }
        }
        List<Account> accounts = List.of(
                account("elodie.tremblay@cegep-demo.qc.ca", "Élodie Tremblay", Role.AGENT, "admissions", "orientation"),
                account("francois.gagnon@cegep-demo.qc.ca", "François Gagnon", Role.AGENT, "aide-financiere", "admissions"),
                account("noemie.cote@cegep-demo.qc.ca", "Noémie Côté", Role.AGENT, "soutien-informatique"),
                account("jerome.belanger@cegep-demo.qc.ca", "Jérôme Bélanger", Role.SUPERVISOR,
                        "admissions", "aide-financiere", "orientation", "soutien-informatique", "vie-etudiante", "international"));
        for (Account a : accounts) {
            agents.doCreateStaffMember(Staff.SYSTEM, new IdentityService.NewStaff(a.email(), a.name(), a.password(), a.role(), "fr"),
                    new AgentService.Assignment(a.services(), 4));
        }
        return accounts;
    }

    /**
     * A welcome to each demo account and a bulk of registration confirmations, in both languages: without SMTP
     * (the demo's default) they are kept and shown in the mail viewer (/admin/mail).
     */
    private static void seedDemoMail(MailService mail, List<Account> accounts) {
        for (Account a : accounts) {
            mail.doQueue(OutgoingMail.of(a.email(), a.name(), "fr", Purpose.TRANSACTIONAL, null, "Bienvenue dans Guichet, " + a.name(),
                    MailBody.written("Votre compte est **prêt**.\n\n"
                            + "Connectez-vous à la console pour répondre aux questions de vos services : "
                            + String.join(", ", a.services()) + ".")));
        }
        record Guest(String email, String name, String lang) {
        }
        List<Guest> guests = List.of(new Guest("zoe.levesque@example.com", "Zoé Lévesque", "fr"),
                new Guest("maxime.ouellet@example.com", "Maxime Ouellet", "fr"),
                new Guest("priya.raman@example.com", "Priya Raman", "en"));
        mail.doQueueAll(guests.stream().map(g -> g.lang().equals("fr")
                ? OutgoingMail.of(g.email(), g.name(), "fr", Purpose.TRANSACTIONAL, null, "Inscription confirmée : soirée portes ouvertes",
                        MailBody.written("Votre place est réservée pour la **soirée portes ouvertes** du jeudi à 19 h.\n\n"
                                + "- Accueil au pavillon principal\n- Visite des laboratoires\n- Rencontre avec l’aide financière"))
                : OutgoingMail.of(g.email(), g.name(), "en", Purpose.TRANSACTIONAL, null, "Registration confirmed: open house",
                        MailBody.written("Your seat is booked for the **open house** on Thursday at 7 p.m.\n\n"
                                + "- Welcome at the main building\n- Lab tours\n- Meet financial aid"))).toList());
    }

    private static Account account(String email, String name, Role role, String... services) {
        return new Account(email, Tokens.random("").substring(0, 12), name, role, List.of(services));
    }

    private static void write(Path file, List<Account> accounts) {
        StringBuilder text = new StringBuilder();
        for (Account a : accounts) {
            text.append(String.format("    %-36s %-14s %-18s %s%n", a.email(), a.password(), a.name(), a.role().code()));
        }
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, text.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private FirstStart() {
    }
}
