package io.guichet;

import io.guichet.identity.IdentityService;
import io.guichet.identity.Role;
import io.guichet.identity.Staff;
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
