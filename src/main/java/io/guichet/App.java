package io.guichet;

import io.guichet.channels.EmailInbound;
import io.guichet.channels.EmailReplies;
import io.guichet.channels.EmailSettings;
import io.guichet.channels.Channels;
import io.guichet.channels.MessengerInbound;
import io.guichet.channels.MessengerReplies;
import io.guichet.channels.MessengerSettings;
import io.guichet.channels.web.ChannelRoutes;
import io.guichet.channels.web.MessengerHooks;
import io.guichet.channels.web.MessengerPanels;
import io.guichet.inbox.ContactPanels;
import io.guichet.inbox.ConversationActions;
import io.guichet.channels.web.InboundMailRoutes;
import io.guichet.channels.web.ReplyPageRoutes;
import io.guichet.channels.web.WidgetRoutes;
import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.SsoService;
import io.guichet.identity.SsoSettings;
import io.guichet.identity.Staff;
import io.guichet.identity.TwoFactor;
import io.guichet.identity.ApiTokens;
import io.guichet.identity.PasswordResets;
import io.guichet.identity.web.ApiTokenRoutes;
import io.guichet.identity.web.PasswordResetRoutes;
import io.guichet.identity.web.IdentityRoutes;
import io.guichet.identity.web.StaffNavigation;
import io.guichet.inbox.AgentService;
import io.guichet.inbox.ConversationSearch;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.InboxSettings;
import io.guichet.inbox.LabelService;
import io.guichet.inbox.Mentions;
import io.guichet.inbox.RatingRequests;
import io.guichet.inbox.ReportFigures;
import io.guichet.insights.Reports;
import io.guichet.insights.web.InsightsRoutes;
import io.guichet.desk.IncidentFigures;
import io.guichet.inbox.Ratings;
import io.guichet.inbox.web.RatingPage;
import io.guichet.inbox.Transcripts;
import io.guichet.inbox.internal.RoutingPass;
import io.guichet.inbox.web.ConsoleRoutes;
import io.guichet.inbox.web.InboxTools;
import io.guichet.inbox.web.InboxWeb;
import io.guichet.alerts.AlertPush;
import io.guichet.alerts.AlertService;
import io.guichet.alerts.AlertSms;
import io.guichet.alerts.AlertSettings;
import io.guichet.alerts.AlertsDemo;
import io.guichet.alerts.CapDocument;
import io.guichet.alerts.web.AlertApi;
import io.guichet.alerts.web.AlertFrames;
import io.guichet.alerts.web.AlertPublic;
import io.guichet.alerts.web.AlertScreens;
import io.guichet.desk.DeskService;
import io.guichet.desk.DeskSettings;
import io.guichet.desk.web.DeskRoutes;
import io.guichet.desk.web.DeskScreens;
import io.guichet.desk.web.DeskStaffFaculties;
import io.guichet.desk.web.DeskConversationActions;
import io.guichet.desk.web.DeskFrames;
import io.guichet.desk.web.SittingSummaryPage;
import io.guichet.desk.web.CallRoutes;
import io.guichet.desk.DeskCalls;
import io.guichet.desk.CallbackQueue;
import io.guichet.journeys.JourneyPersonalData;
import io.guichet.journeys.JourneyService;
import io.guichet.journeys.JourneySettings;
import io.guichet.journeys.internal.PostgresDocuments;
import io.guichet.journeys.web.JourneyOrigins;
import io.guichet.journeys.web.JourneyPanels;
import io.guichet.journeys.web.JourneyRoutes;
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
import io.guichet.webinars.Invitations;
import io.guichet.webinars.RegistrationQuestions;
import io.guichet.webinars.WebinarLinks;
import io.guichet.webinars.WebinarMails;
import io.guichet.webinars.WebinarService;
import io.guichet.webinars.WebinarReminders;
import io.guichet.webinars.WebinarRooms;
import io.guichet.webinars.WebinarSettings;
import io.guichet.webinars.bbb.BbbClient;
import io.guichet.webinars.bbb.BbbSettings;
import io.guichet.webinars.web.CancelPage;
import io.guichet.webinars.web.ProgrammePages;
import io.guichet.webinars.web.StaffProgrammeForms;
import io.guichet.webinars.web.StaffWebinars;
import io.guichet.webinars.WebinarNumbers;
import io.guichet.webinars.web.JoinCallbacks;
import io.guichet.webinars.web.JoinPage;
import io.guichet.webinars.web.WebinarApi;
import io.guichet.people.ConsentLedger;
import io.guichet.people.ContactDirectory;
import io.guichet.people.ContactExport;
import io.guichet.people.ContactImport;
import io.guichet.people.ContactMail;
import io.guichet.people.ContactMerges;
import io.guichet.people.EmailConfirmations;
import io.guichet.people.ContactTimeline;
import io.guichet.people.PeopleService;
import io.guichet.people.PrivacyService;
import io.guichet.people.web.ContactApi;
import io.guichet.people.web.ContactPages;
import io.guichet.people.web.ImportRoutes;
import io.guichet.people.web.EmailCodeRoutes;
import io.guichet.staffing.StaffingAdvice;
import io.guichet.staffing.StaffingPeriods;
import io.guichet.staffing.Rotas;
import io.guichet.staffing.ShiftFeed;
import io.guichet.staffing.SlotAdvisor;
import io.guichet.staffing.Targets;
import io.guichet.staffing.web.AdviceApi;
import io.guichet.staffing.web.StaffingScreens;
import io.guichet.staffing.web.PeriodScreens;
import io.guichet.staffing.Wallboard;
import io.guichet.staffing.ResponseTimers;
import io.guichet.staffing.web.BreachFrames;
import io.guichet.staffing.web.WallboardRoutes;
import io.guichet.inbox.QueueFigures;
import io.guichet.staffing.web.PeriodApi;
import io.guichet.staffing.web.RotaApi;
import io.guichet.staffing.web.StaffingRoutes;
import io.guichet.people.web.MergeRoutes;
import io.guichet.people.web.MergeScreens;
import io.guichet.people.web.PrivacyRoutes;
import io.guichet.people.web.TimelineRoutes;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.SignedTokens;
import io.guichet.platform.web.StaffErrorPages;
import io.guichet.platform.Brand;
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
    private final InboxTools inboxTools;
    private final LiveQuestionService liveQuestions;
    private final LiveWeb liveWeb;
    private final KbService kb;
    private final PrivacyService privacy;
    private final ContactMail contactMail;
    private final Javalin server;
    private final Metrics metrics;
    private final MailService mail;
    private final EmailReplies emailReplies;
    private final EmailInbound emailInbound;
    private final MessengerInbound messengerInbound;
    private final MessengerReplies messengerReplies;
    private final SsoService sso;
    private final JourneyService journeys;
    private final WebinarRooms webinarRooms;
    private final WebinarReminders webinarReminders;
    private final DeskService desk;
    private final AlertService alerts;
    private final AlertPublic alertPublic;
    private final DeskCalls deskPhones;
    private final WallboardRoutes wallboardRoutes;
    private final ResponseTimers responseTimers;
    private final RatingRequests ratingRequests;

    private App(Config config, Database database, boolean ownsDatabase, Clock clock) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        this.metrics = new Metrics(config.metricsToken());
        database.bindMetrics(metrics.registry());
        NodeId node = NodeId.of(config.nodeName());
        this.bus = new Bus(database, node);
        SsoSettings ssoSettings = SsoSettings.from(config);
        var identity = new IdentityService(database.jdbi(), clock, bus,
                java.time.Duration.ofSeconds(config.settings().integer("GUICHET_LOGIN_WAIT_SECONDS", 15, 1, 300)),
                email -> ssoSettings.localLogin() || !ssoSettings.any() || email.equalsIgnoreCase(ssoSettings.breakGlassEmail()),
                TwoFactor.requiredRoles(config));
        // staffing's periods override the week: the catalogue reads them through its OpeningPeriods port
        var periods = new StaffingPeriods(database.jdbi(), clock, config.timeZone());
        var services = new ServiceCatalogue(database.jdbi(), clock, config.timeZone(), periods);
        var people = new PeopleService(database.jdbi(), ConversationService.contactWork(database.jdbi()), bus);
        // routing asks staffing's skills who may take each conversation (the inbox's RoutingEligibility port); the desk's
        // callbacks take chat capacity (its HeldWork port)
        var skills = new io.guichet.staffing.SkillRouting();
        var routing = new RoutingPass(database.jdbi(), bus, clock, metrics.registry(), people, CallbackQueue.HELD, skills);
        var agents = new AgentService(database.jdbi(), identity, services, routing);
        var conversations = new ConversationService(database.jdbi(), bus, clock, services, routing, metrics.registry(), people);
        var mentions = new Mentions(database.jdbi(), conversations, identity, agents, bus);
        var ratings = new Ratings(database.jdbi(), conversations);
        var contacts = new ContactDirectory(database.jdbi(), people, config.timeZone());
        this.kb = new KbService(database.jdbi(), bus, services, conversations, people);
        var helpSignals = new HelpSignals(database.jdbi(), kb, conversations, clock);
        var liveSessions = new LiveSessionService(database.jdbi(), bus, clock, services);
        this.liveQuestions = new LiveQuestionService(database.jdbi(), bus, liveSessions, services, conversations, kb, people, clock);
        var liveReports = new LiveReportService(database.jdbi(), config.timeZone(), liveSessions, conversations);
        Messages messages = new Messages();
        var consent = new ConsentLedger(database.jdbi(), people, clock);
        MailSettings mailSettings = MailSettings.from(config);
        // the people module's side of mail: consent from the ledger, signed unsubscribe links, outcomes on the timeline
        SignedTokens links = new SignedTokens(identity.serverKey("links"));
        this.contactMail = new ContactMail(consent, people, links, mailSettings.publicUrl(), clock);
        this.privacy = new PrivacyService(database.jdbi(), people, consent, List.of(conversations, liveQuestions, contactMail,
                new JourneyPersonalData(), new io.guichet.community.CommunityPersonalData()), clock, config.timeZone());
        this.mail = new MailService(database.jdbi(), mailSettings, messages, metrics.registry(), node.toString(),
                contactMail, contactMail, contactMail);
        var contactImport = new ContactImport(database.jdbi(), people);
        var labels = new LabelService(database.jdbi(), conversations);
        this.journeys = new JourneyService(database.jdbi(), people, contacts, services, new PostgresDocuments(), mail.outbox(), links,
                mailSettings.publicUrl(), messages, JourneySettings.from(config), clock, config.timeZone());
        this.desk = new DeskService(database.jdbi(), people, contacts, mail.outbox(), links, mailSettings.publicUrl(), messages,
                DeskSettings.from(config), clock, config.timeZone(), bus);
        // emergency alerts: their mails ahead of every queued one, their links signed with every mail link's key
        AlertSettings alertSettings = AlertSettings.from(config);
        this.alerts = new AlertService(database.jdbi(), contacts, people, services, conversations, mail.outbox(), links, mailSettings.publicUrl(),
                messages, alertSettings, clock, bus, new AlertPush(database.jdbi(), identity.serverSecret("alerts-vapid", AlertPush::newKeys),
                mailSettings.publicUrl().startsWith("https://") ? mailSettings.publicUrl() : "mailto:" + mailSettings.from(), alertSettings.pushServices(), clock),
                new AlertSms(database.jdbi(), identity.serverKey("alerts-secrets"), clock, alertSettings.smsFirstRetry()));
        this.deskPhones = new DeskCalls(database.jdbi(), DeskSettings.from(config), clock, bus,
                new CallbackQueue(database.jdbi(), services, DeskSettings.from(config), clock, bus, agents, skills), contacts, desk);
        var apiTokens = new ApiTokens(database.jdbi(), clock, bus);
        var rotas = new Rotas(database.jdbi(), identity, agents, config.timeZone());
        var targets = new Targets(database.jdbi());
        var queueFigures = new QueueFigures(database.jdbi());
        // waiting conversations' first-response timers: flags in the console (the inbox's WaitingTimers port), the leads told of a breach
        this.responseTimers = new ResponseTimers(database.jdbi(), services, targets, queueFigures, bus, clock, config.timeZone());
        boolean seeded = FirstStart.run(config, identity, services, agents, kb, mail, contactImport, contacts);
        if (seeded) {
            FirstStart.seedPrivacyDemo(identity, people, consent, privacy);
            FirstStart.seedInboxDemo(people, conversations, labels);
            FirstStart.seedEmailDemo(identity, agents, people, conversations);
            FirstStart.seedConversationToolsDemo(identity, agents, people, conversations, mentions, ratings);
            io.guichet.inbox.ReportHistoryDemo.doSeed(database.jdbi(), clock); // four weeks for the reports
            FirstStart.seedTokenDemo(apiTokens);
            FirstStart.seedJourneysDemo(journeys, services, people, conversations);
            FirstStart.seedDeskDemo(desk, clock);
            AlertsDemo.seed(alerts);
            io.guichet.desk.DeskPhonesDemo.seed(deskPhones, identity, clock);
            FirstStart.seedStaffingDemo(periods, rotas, targets, services, identity);
        }

        WebKernel web = new WebKernel(messages, identity.serverKey("csrf"), config.trustedProxies(), Brand.from(config.settings()));
        Times times = new Times(config.timeZone());
        this.sso = new SsoService(database.jdbi(), clock, identity, ssoSettings, agents);
        var identityRoutes = new IdentityRoutes(identity, apiTokens, sso, agents, web, config.rateLimits());
        var shells = new StaffNavigation(web, times, identity.twoFactor(), Stream.of(ConsoleRoutes.NAV, InboxTools.NAV, ContactPages.NAV,
                // webinars share the live nights' entry (the top bar is full at 1440 px): a second bar holds both
                LiveWeb.NAV.stream().map(live -> live.withSection(List.of(live, StaffWebinars.NAV))).toList(), KbStaffRoutes.NAV,
                List.of(NavEntry.menu("lead", "nav.lead", Stream.of(StaffingScreens.NAV, PeriodScreens.NAV, WallboardRoutes.NAV, StaffingRoutes.NAV, List.of(DeskScreens.NAV, AlertScreens.NAV), InsightsRoutes.NAV, io.guichet.community.web.CommunityPages.NAV).flatMap(List::stream).toList())), List.of(NavEntry.menu("admin", "nav.admin", Stream.of(ConsoleRoutes.ADMIN_NAV, ApiTokenRoutes.NAV,
                List.of(MailRoutes.<Staff>nav(Access::canReadOutbox)), PrivacyRoutes.NAV, ChannelRoutes.NAV).flatMap(List::stream).toList()))).flatMap(List::stream).toList());
        var mailRoutes = new MailRoutes<>(new MailViewer<Staff>(database.jdbi(), Access::requireOutboxReader), mail,
                Authenticated::staff, web, shells, times);
        var transcripts = new Transcripts(database.jdbi(), conversations, people, identity, services, mail.outbox(), messages, times);
        // the channels (issue 19): Messenger's pages in through the signed webhook, replies out through their queue
        // an administrator is told by mail when a channel falls into error (an expired page token)
        var channelAlarm = new io.guichet.channels.ChannelAlarm(mail.outbox(), messages,
                () -> identity.accessAllStaff(Staff.SYSTEM).stream().filter(s -> s.active() && Access.canAdminister(s)).toList(),
                mailSettings.publicUrl() + "/admin/channels");
        var channelRecords = new Channels(database.jdbi(), identity.serverKey("channel-secrets"), services, clock, channelAlarm);
        var messengerSettings = MessengerSettings.from(config);
        this.messengerInbound = new MessengerInbound(database.jdbi(), channelRecords, conversations, people, contacts, services, messengerSettings, metrics.registry(), clock);
        this.messengerReplies = new MessengerReplies(database.jdbi(), channelRecords, conversations, people, messengerInbound, messengerSettings, metrics.registry(), clock);
        var messengerHooks = new MessengerHooks(messengerInbound, messengerSettings.maxWebhookBytes(), config.rateLimits());
        var channelRoutes = new ChannelRoutes(channelRecords, messengerReplies, services, web, shells, times);
        var privateReplies = new io.guichet.channels.web.PrivateReplies(messengerReplies, web, shells);
        this.inboxWeb = new InboxWeb(conversations, mentions, ratings, transcripts, agents, services, identity, people,
                ContactPanels.all(List.of(new JourneyPanels(journeys, times), new MessengerPanels(messengerReplies, times))), new JourneyOrigins(journeys), new DeskStaffFaculties(desk), ConversationActions.all(List.of(new DeskConversationActions(), privateReplies)), responseTimers, List.of(new DeskFrames(desk, deskPhones, bus), new AlertFrames(alerts, bus), new BreachFrames(bus, services)), bus, web, shells, config, times, metrics.registry());
        this.inboxTools = new InboxTools(new ConversationSearch(database.jdbi(), people), labels,
                conversations, services, identity, people, web, shells, times);
        var servicesApi = new ServicesApi(services, web, agents);
        var tokenRoutes = new ApiTokenRoutes(apiTokens, web, shells, times);
        var resetRoutes = new PasswordResetRoutes(new PasswordResets(database.jdbi(), clock, identity, mail.outbox(), links,
                mailSettings.publicUrl(), messages), web, config.rateLimits());
        var timeline = new ContactTimeline(database.jdbi(), people, identity);
        var merges = new ContactMerges(database.jdbi(), people, clock);
        var timelineRoutes = new TimelineRoutes(timeline, web, times);
        var mergeRoutes = new MergeRoutes(merges, privacy, web, times, clock);
        var staffingRoutes = new StaffingRoutes(new StaffingAdvice(), web, shells);
        var periodApi = new PeriodApi(periods, services, web);
        var rotaApi = new RotaApi(rotas, new ShiftFeed(rotas, services, new SignedTokens(identity.serverKey("shift-feed")),
                java.net.URI.create(mailSettings.publicUrl()).getHost(), clock), services, web, times, mailSettings.publicUrl());
        // the exam hotline's forecast counts the students sitting and its calls (the desk's, through staffing's two ports)
        var deskFigures = new io.guichet.desk.DeskStaffingFigures(database.jdbi(), services, DeskSettings.from(config));
        var advisor = new SlotAdvisor(services, queueFigures, rotas, targets, clock, config.timeZone(), deskFigures, deskFigures);
        var adviceApi = new AdviceApi(advisor, targets, services, web, times);
        var staffingScreens = new StaffingScreens(rotas, advisor, services, web, shells, times);
        var periodScreens = new PeriodScreens(periods, services, web, shells, times);
        this.wallboardRoutes = new WallboardRoutes(new Wallboard(services, queueFigures, targets, responseTimers,
                new SignedTokens(identity.serverKey("wallboard")), clock, config.timeZone()), web, shells, mailSettings.publicUrl(), config.rateLimits());
        // insights: the reports read the inbox's and the desk's figures through their read-only query classes
        var insights = new InsightsRoutes(new Reports(new ReportFigures(database.jdbi()), new IncidentFigures(database.jdbi()), services, targets,
                config.timeZone(), clock), ratings, services, identity, web, shells, times);
        var emailCodeRoutes = new EmailCodeRoutes(new EmailConfirmations(database.jdbi(), people, merges, mail.outbox(), messages, clock),
                people, web, config.rateLimits());
        var mergeScreens = new MergeScreens(timeline, merges, web, shells, times, clock);
        var privacyRoutes = new PrivacyRoutes(people, consent, privacy, contactMail, identity, web, shells, times, config.rateLimits());
        var contactApi = new ContactApi(contacts, web, times);
        var contactPages = new ContactPages(contacts, mergeScreens, privacyRoutes, web, shells, times);
        var widget = new WidgetRoutes(web, times, InboxSettings.from(config).attachmentMaxBytes());
        // the email channel: replies the visitor did not see go by mail, answered through the signed page or by mail
        this.emailReplies = new EmailReplies(database.jdbi(), conversations, people, identity, services, mail.outbox(), messages,
                links, mailSettings, EmailSettings.from(config), clock, messengerReplies::answersByMessenger);
        this.emailInbound = new EmailInbound(database.jdbi(), emailReplies, conversations, people, contacts, mailSettings.from(),
                emailReplies.settings(), metrics.registry());
        var inboundMail = new InboundMailRoutes(emailInbound);
        // satisfaction: a visitor who left is asked by mail, once, with a signed link to the rating page
        this.ratingRequests = new RatingRequests(database.jdbi(), ratings, conversations, people, services, mail.outbox(), messages, links,
                mailSettings.publicUrl(), java.time.Duration.ofMinutes(config.settings().integer("GUICHET_RATING_MAIL_AFTER_MINUTES", 10, 1, 1440)), clock);
        var ratingPage = new RatingPage(ratingRequests, web, config.rateLimits());
        var replyPage = new ReplyPageRoutes(emailReplies, conversations, people, identity, services, web, times, config.rateLimits());
        this.liveWeb = new LiveWeb(liveSessions, liveQuestions, liveReports, services, identity, people, bus, node, web, shells, config, times, metrics.registry(), mailSettings.publicUrl());
        // webinars: the programme and its registrations; their mail links are signed with the same key as every mail link
        var webinarSettings = WebinarSettings.from(config);
        var webinarLinks = new WebinarLinks(links, mailSettings.publicUrl(), clock);
        var webinarMails = new WebinarMails(mail.outbox(), messages, times, webinarLinks, new Invitations(mailSettings.publicUrl()), clock);
        var webinars = new WebinarService(database.jdbi(), clock, config.timeZone(), contacts, consent, people, liveSessions, webinarMails);
        // their video rooms: BigBlueButton when configured, else the link staff pasted
        var bbb = BbbSettings.from(config);
        this.webinarRooms = new WebinarRooms(database.jdbi(), clock, webinars, people, bbb.map(BbbClient::new),
                bbb.map(BbbSettings::secret).orElse(null), webinarLinks, webinarMails);
        this.webinarReminders = new WebinarReminders(database.jdbi(), clock, webinarMails, webinarSettings);
        var joinPage = new JoinPage(webinarRooms, web, times, config.rateLimits());
        var joinCallbacks = new JoinCallbacks(webinarRooms, webinars, webinarLinks, times, config.rateLimits());
        var registrationQuestions = new RegistrationQuestions(database.jdbi(), webinars, contacts);
        var webinarApi = new WebinarApi(webinars, registrationQuestions, webinarLinks, web, webinarSettings.rateLimits(), webinarSettings.registrationsPerMinute());
        var webinarCancel = new CancelPage(webinars, webinarLinks, web, times, config.rateLimits());
        var programme = new ProgrammePages(webinars, registrationQuestions, new Invitations(mailSettings.publicUrl()), web, times, mailSettings.publicUrl(),
                webinarSettings.rateLimits(), webinarSettings.registrationsPerMinute());
        var staffWebinars = new StaffWebinars(webinars, registrationQuestions, new WebinarNumbers(database.jdbi(), config.timeZone(), webinars, contacts, liveReports),
                web, shells, times);
        var staffProgrammeForms = new StaffProgrammeForms(webinars, web, shells, times);
        if (seeded) FirstStart.seedWebinarsDemo(webinars, clock);
        // the alumni network (issue 20): its confirmation links signed with every mail link's key
        var community = io.guichet.community.Community.create(database.jdbi(), contacts, people, consent, privacy, mail.outbox(), links,
                messages, mailSettings.publicUrl(), kb, clock, config.timeZone());
        var communityApi = new io.guichet.community.web.CommunityApi(community, web, config.timeZone(), config.rateLimits());
        var communityPages = new io.guichet.community.web.CommunityPages(community, web, shells, times, config.rateLimits());
        if (seeded) io.guichet.community.AlumniDemo.seed(community);
        var kbApi = new KbApi(kb, helpSignals, web, config.rateLimits());
        var helpCentre = new HelpCentreRoutes(kb, helpSignals, web, times, config.rateLimits());
        web.useErrorPages(helpCentre::errorPage, new StaffErrorPages(shells, web));
        var kbStaff = new KbStaffRoutes(kb, new SavedReplyService(database.jdbi(), services), new SynonymService(database.jdbi(), bus),
                helpSignals, services, identity, web, shells, times);
        var journeyRoutes = new JourneyRoutes(journeys, services, web, shells, times);
        var deskRoutes = new DeskRoutes(desk, web, times, config.rateLimits());
        var deskScreens = new DeskScreens(desk, web, shells, times, clock);
        var deskSummary = new SittingSummaryPage(desk, web, shells, times);
        var deskImport = new io.guichet.desk.web.SittingImportPage(desk, web, shells, times);
        var deskCalls = new CallRoutes(deskPhones, people, identity, web, shells, times, clock, config.rateLimits());
        var alertApi = new AlertApi(alerts, web, times, config.rateLimits());
        var alertScreens = new AlertScreens(alerts, services, web, shells, times);
        this.alertPublic = new AlertPublic(alerts, new CapDocument(mailSettings.host(), mailSettings.publicUrl(), mailSettings.institutionName(),
                config.timeZone()), web, times, clock, bus, config.rateLimits());
        var importRoutes = new ImportRoutes(contactImport, new ContactExport(database.jdbi(), contacts), web, shells, times);
        this.server = web.create(config.port(), List.of(
                metrics::register,
                identityRoutes::register,
                tokenRoutes::register,
                resetRoutes::register,
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
                inboxTools::register,
                widget::register,
                replyPage::register,
                ratingPage::register,
                inboundMail::register,
                messengerHooks::register,
                channelRoutes::register,
                privateReplies::register,
                liveWeb::register,
                webinarApi::register,
                webinarCancel::register,
                programme::register,
                staffWebinars::register,
                staffProgrammeForms::register,
                joinPage::register,
                joinCallbacks::register,
                communityApi::register,
                communityPages::register,
                kbApi::register,
                helpCentre::register,
                kbStaff::register,
                timelineRoutes::register,
                mergeRoutes::register,
                emailCodeRoutes::register,
                staffingRoutes::register,
                periodApi::register,
                rotaApi::register,
                adviceApi::register,
                staffingScreens::register,
                periodScreens::register,
                wallboardRoutes::register,
                insights::register,
                mergeScreens::register,
                mailRoutes::register,
                importRoutes::register,
                privacyRoutes::register,
                journeyRoutes::register,
                deskRoutes::register,
                deskScreens::register,
                deskImport::register, // before the summary's /desk/sittings/{id}
                deskSummary::register,
                deskCalls::register,
                alertApi::register,
                alertPublic::register, // before the screens: /alerts/{id}.cap ahead of /alerts/{id}
                alertScreens::register,
                // After the import's /api/v1/contacts/import and /export, which {id} would otherwise take.
                contactApi::register));
        server.start(config.port());
        inboxWeb.start();
        responseTimers.start();
        inboxTools.start();
        liveWeb.start();
        mail.start();
        emailReplies.start();
        ratingRequests.start();
        emailInbound.start();
        messengerReplies.start();
        privacy.start();
        sso.start();
        journeys.start();
        webinarRooms.start();
        webinarReminders.start();
        desk.start();
        deskPhones.queue().start();
        log.info("Guichet is ready on http://localhost:{}/", server.port());
    }

    /** Starts Guichet on its configured database (embedded when no URL is given). */
    public static App start(Config config) {
        return new App(config, Database.open(config), true, Clock.systemUTC());
    }

    /** Starts another node on a database that is already running and migrated. */
    public static App startOn(Config config, Database database) {
        return startOn(config, database, Clock.systemUTC());
    }

    /** Another node whose time the caller moves (tests of what happens at given times, with no waiting). */
    public static App startOn(Config config, Database database, Clock clock) {
        database.migrate();
        return new App(config, database, false, clock);
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

    /** The email channel (tests run its reply pass at a chosen moment). */
    public EmailReplies emailReplies() {
        return emailReplies;
    }

    /** Messenger's way in (tests process its stored events at a chosen moment). */
    public MessengerInbound messengerInbound() {
        return messengerInbound;
    }

    /** Messenger's way out (tests run its passes at a chosen moment). */
    public MessengerReplies messengerReplies() {
        return messengerReplies;
    }

    /** The one-rating mails (tests run a pass by hand). */
    public RatingRequests ratingRequests() {
        return ratingRequests;
    }

    /** The email channel's way in (tests hand it raw mail). */
    public EmailInbound emailInbound() {
        return emailInbound;
    }

    public Bus bus() {
        return bus;
    }

    /** The consent and timeline ports the mail outbox uses. */
    public ContactMail contactMail() {
        return contactMail;
    }

    /** Single sign-on (tests run the deprovisioning job at a chosen moment). */
    public SsoService sso() {
        return sso;
    }

    /** Erasure, retention and the audit log (tests run the nightly job at a chosen moment). */
    public PrivacyService privacy() {
        return privacy;
    }

    /** The hotline's callback queue (tests run its routing pass when they choose). */
    public CallbackQueue deskCallbacks() {
        return deskPhones.queue();
    }

    /** The exam helpdesk (tests run the escalation pass at a time they choose). */
    public DeskService desk() {
        return desk;
    }

    /** Emergency alerts (tests seed the standard templates). */
    public AlertService alerts() {
        return alerts;
    }

    /** The alerts' public side (tests count the banner sockets). */
    public AlertPublic alertPublic() {
        return alertPublic;
    }

    /** Admission journeys (tests run the reminder pass at a time they choose). */
    public JourneyService journeys() {
        return journeys;
    }

    /** The first-response timers (tests run the breach watch at a time they choose). */
    public ResponseTimers responseTimers() {
        return responseTimers;
    }

    public WebinarRooms webinarRooms() {
        return webinarRooms;
    }

    public WebinarReminders webinarReminders() {
        return webinarReminders;
    }

    @Override
    public void close() {
        log.info("Guichet is stopping");
        emailInbound.close();
        emailReplies.close();
        messengerReplies.close();
        messengerInbound.close();
        ratingRequests.close();
        mail.close();
        inboxWeb.close();
        inboxTools.close();
        liveWeb.close();
        liveQuestions.close();
        privacy.close();
        sso.close();
        journeys.close();
        webinarRooms.close();
        webinarReminders.close();
        desk.close();
        deskPhones.queue().close();
        wallboardRoutes.close();
        responseTimers.close();
        server.stop();
        bus.close();
        kb.close();
        if (ownsDatabase) database.close();
        metrics.close();
    }
}
