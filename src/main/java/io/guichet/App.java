package io.guichet;

import io.guichet.channels.web.WidgetRoutes;
import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.identity.web.IdentityRoutes;
import io.guichet.identity.web.StaffNavigation;
import io.guichet.inbox.AgentService;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.internal.RoutingPass;
import io.guichet.inbox.web.ConsoleRoutes;
import io.guichet.inbox.web.InboxWeb;
import io.guichet.kb.HelpSignals;
import io.guichet.kb.KbService;
import io.guichet.kb.SavedReplyService;
import io.guichet.kb.SynonymService;
import io.guichet.kb.web.HelpCentreRoutes;
import io.guichet.kb.web.KbApi;
import io.guichet.kb.web.KbStaffRoutes;
import io.guichet.live.LiveQuestionService;
import io.guichet.live.LiveReportService;
import io.guichet.live.LiveSessionService;
import io.guichet.live.web.LiveWeb;
import io.guichet.people.ConsentLedger;
import io.guichet.people.ContactDirectory;
import io.guichet.people.ContactExport;
import io.guichet.people.ContactImport;
import io.guichet.people.ContactMail;
import io.guichet.people.ContactMerges;
import io.guichet.people.ContactTimeline;
import io.guichet.people.PeopleService;
import io.guichet.people.PrivacyService;
import io.guichet.people.web.ContactApi;
import io.guichet.people.web.ContactPages;
import io.guichet.people.web.ImportRoutes;
import io.guichet.people.web.MergeRoutes;
import io.guichet.people.web.MergeScreens;
import io.guichet.people.web.PrivacyRoutes;
import io.guichet.people.web.TimelineRoutes;
import io.guichet.platform.web.SignedTokens;
import io.guichet.platform.Config;
import io.guichet.platform.NodeId;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.db.Database;
import io.guichet.platform.mail.MailService;
import io.guichet.platform.mail.MailSettings;
import io.guichet.platform.mail.MailViewer;
import io.guichet.platform.mail.web.MailRoutes;
import io.guichet.platform.metrics.Metrics;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.web.ServicesApi;
import io.javalin.Javalin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The composition root: builds the database, the services and the routes, and holds no logic. */
public final class App implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(App.class);

    private final Database database;
    private final boolean ownsDatabase;
    private final Bus bus;
    private final InboxWeb inboxWeb;
    private final LiveQuestionService liveQuestions;
    private final LiveWeb liveWeb;
    private final KbService kb;
    private final PrivacyService privacy;
    private final ContactMail contactMail;
    private final Javalin server;
    private final Metrics metrics;
    private final MailService mail;

    private App(Config config, Database database, boolean ownsDatabase) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        Clock clock = Clock.systemUTC();
        this.metrics = new Metrics(config.metricsToken());
        database.bindMetrics(metrics.registry());
        NodeId node = NodeId.of(config.nodeName());
        this.bus = new Bus(database, node);
        var identity = new IdentityService(database.jdbi(), clock, bus,
                java.time.Duration.ofSeconds(config.settings().integer("GUICHET_LOGIN_WAIT_SECONDS", 15, 1, 300)));
        var services = new ServiceCatalogue(database.jdbi(), clock, config.timeZone());
        var people = new PeopleService(database.jdbi(), ConversationService.contactWork(database.jdbi()));
        var routing = new RoutingPass(database.jdbi(), bus, clock, metrics.registry(), people);
        var agents = new AgentService(database.jdbi(), identity, services, routing);
        var conversations = new ConversationService(database.jdbi(), bus, clock, services, routing, metrics.registry(), people);
        var contacts = new ContactDirectory(database.jdbi(), people, config.timeZone());
        this.kb = new KbService(database.jdbi(), bus, services, conversations, people);
        var helpSignals = new HelpSignals(database.jdbi(), kb, conversations, clock);
        var liveSessions = new LiveSessionService(database.jdbi(), bus, clock, services);
        this.liveQuestions = new LiveQuestionService(database.jdbi(), bus, liveSessions, services, conversations, kb, people, clock);
        var liveReports = new LiveReportService(database.jdbi(), config.timeZone(), liveSessions, conversations);
        Messages messages = new Messages();
        var consent = new ConsentLedger(database.jdbi(), people, clock);
        this.privacy = new PrivacyService(database.jdbi(), people, consent, List.of(conversations, liveQuestions), clock, config.timeZone());
        MailSettings mailSettings = MailSettings.from(config);
        // the people module's side of mail: consent from the ledger, signed unsubscribe links, outcomes on the timeline
        this.contactMail = new ContactMail(consent, people, new SignedTokens(identity.serverKey("links")), mailSettings.publicUrl(), clock);
        this.mail = new MailService(database.jdbi(), mailSettings, messages, metrics.registry(), node.toString(),
                contactMail, contactMail, contactMail);
        var contactImport = new ContactImport(database.jdbi(), people);
        if (FirstStart.run(config, identity, services, agents, kb, mail, contactImport, contacts)) FirstStart.seedPrivacyDemo(identity, people, consent, privacy);

        WebKernel web = new WebKernel(messages, identity.serverKey("csrf"), config.trustedProxies());
        Times times = new Times(config.timeZone());
        var identityRoutes = new IdentityRoutes(identity, agents, web, config.rateLimits());
        var shells = new StaffNavigation(web, times, Stream.of(ConsoleRoutes.NAV, ContactPages.NAV, LiveWeb.NAV, KbStaffRoutes.NAV,
                ImportRoutes.NAV, ConsoleRoutes.ADMIN_NAV, List.of(MailRoutes.<Staff>nav(Access::canReadOutbox)), PrivacyRoutes.NAV).flatMap(List::stream).toList());
        var mailRoutes = new MailRoutes<>(new MailViewer<Staff>(database.jdbi(), Access::requireOutboxReader), mail,
                Authenticated::staff, web, shells, times);
        this.inboxWeb = new InboxWeb(conversations, agents, services, identity, people, bus, web, shells, config, times, metrics.registry());
        var servicesApi = new ServicesApi(services, web);
        var timeline = new ContactTimeline(database.jdbi(), people, identity);
        var merges = new ContactMerges(database.jdbi(), people, clock);
        var timelineRoutes = new TimelineRoutes(timeline, web, times);
        var mergeRoutes = new MergeRoutes(merges, privacy, web, times, clock);
        var mergeScreens = new MergeScreens(timeline, merges, web, shells, times, clock);
        var privacyRoutes = new PrivacyRoutes(people, consent, privacy, contactMail, identity, web, shells, times, config.rateLimits());
        var contactApi = new ContactApi(contacts, web, times);
        var contactPages = new ContactPages(contacts, mergeScreens, privacyRoutes, web, shells, times);
        var widget = new WidgetRoutes(web, times);
        this.liveWeb = new LiveWeb(liveSessions, liveQuestions, liveReports, services, identity, people, bus, node, web, shells, config, times, metrics.registry());
        var kbApi = new KbApi(kb, helpSignals, web, config.rateLimits());
        var helpCentre = new HelpCentreRoutes(kb, helpSignals, web, times, config.rateLimits());
        var kbStaff = new KbStaffRoutes(kb, new SavedReplyService(database.jdbi(), services), new SynonymService(database.jdbi(), bus),
                helpSignals, services, identity, web, shells, times);
        var importRoutes = new ImportRoutes(contactImport, new ContactExport(database.jdbi(), contacts), web, shells, times);
        this.server = web.create(config.port(), List.of(
                metrics::register,
                identityRoutes::register,
                cfg -> cfg.routes.get("/health", ctx -> {
                    boolean up = database.isReachable();
                    Map<String, Object> health = new java.util.LinkedHashMap<>(Map.of("status", up ? "ok" : "unavailable"));
                    if (metrics.mayRead(ctx) || Access.canReadOutbox(Authenticated.orNull(ctx))) health.put("mail", mail.healthDetails());
                    ctx.status(up ? 200 : 503).json(health);
                }),
                cfg -> cfg.routes.get("/", ctx -> ctx.redirect("/console")),
                servicesApi::register,
                contactPages::register,
                inboxWeb::register,
                widget::register,
                liveWeb::register,
                kbApi::register,
                helpCentre::register,
                kbStaff::register,
                timelineRoutes::register,
                mergeRoutes::register,
                mergeScreens::register,
                mailRoutes::register,
                importRoutes::register,
                privacyRoutes::register,
                // After the import's /api/v1/contacts/import and /export, which {id} would otherwise take.
                contactApi::register));
        server.start(config.port());
        inboxWeb.start();
        liveWeb.start();
        mail.start();
        privacy.start();
        log.info("Guichet is ready on http://localhost:{}/", server.port());
    }

    /** Starts Guichet on its configured database (embedded when no URL is given). */
    public static App start(Config config) {
        return new App(config, Database.open(config), true);
    }

    /** Starts another node on a database that is already running and migrated. */
    public static App startOn(Config config, Database database) {
        database.migrate();
        return new App(config, database, false);
    }

    public int port() {
        return server.port();
    }

    public Database database() {
        return database;
    }

    public MailService mail() {
        return mail;
    }

    /** The consent and timeline ports the mail outbox uses. */
    public ContactMail contactMail() {
        return contactMail;
    }

    /** Erasure, retention and the audit log (tests run the nightly job at a chosen moment). */
    public PrivacyService privacy() {
        return privacy;
    }

    @Override
    public void close() {
        log.info("Guichet is stopping");
        mail.close();
        inboxWeb.close();
        liveWeb.close();
        liveQuestions.close();
        privacy.close();
        server.stop();
        bus.close();
        kb.close();
        if (ownsDatabase) database.close();
        metrics.close();
    }
}
