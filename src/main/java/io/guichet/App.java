package io.guichet;

import io.guichet.channels.web.WidgetRoutes;
import io.guichet.identity.IdentityService;
import io.guichet.identity.web.IdentityRoutes;
import io.guichet.identity.web.StaffNavigation;
import io.guichet.inbox.InboxService;
import io.guichet.inbox.web.ConsoleRoutes;
import io.guichet.inbox.web.InboxApi;
import io.guichet.inbox.web.Sockets;
import io.guichet.live.LiveService;
import io.guichet.live.web.LiveWeb;
import io.guichet.kb.KbService;
import io.guichet.kb.web.HelpCentreRoutes;
import io.guichet.kb.web.KbApi;
import io.guichet.kb.web.KbStaffRoutes;
import io.guichet.people.PeopleService;
import io.guichet.platform.Config;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.db.Database;
import io.guichet.platform.metrics.Metrics;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
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
    private final Sockets sockets;
    private final LiveService live;
    private final LiveWeb liveWeb;
    private final KbService kb;
    private final Javalin server;
    private final Metrics metrics;

    private App(Config config, Database database, boolean ownsDatabase) {
        this.database = database;
        this.ownsDatabase = ownsDatabase;
        Clock clock = Clock.systemUTC();
        this.metrics = new Metrics(config.metricsToken());
        database.bindMetrics(metrics.registry());
        this.bus = new Bus(database);
        var identity = new IdentityService(database.jdbi(), clock);
        var people = new PeopleService(database.jdbi());
        var inbox = new InboxService(database.jdbi(), bus, clock, config.timeZone(), metrics.registry());
        this.live = new LiveService(database.jdbi(), bus, clock, config.timeZone(), inbox);
        this.kb = new KbService(database.jdbi(), bus, inbox, live, clock);
        FirstStart.run(config, identity, inbox, kb);

        WebKernel web = new WebKernel(new Messages());
        Times times = new Times(config.timeZone());
        this.sockets = new Sockets(inbox, identity, people, bus, web, config.timeZone(), metrics.registry());
        var identityRoutes = new IdentityRoutes(identity, web, config.rateLimits());
        var shells = new StaffNavigation(web, times, Stream.of(ConsoleRoutes.NAV, LiveWeb.NAV, KbStaffRoutes.NAV,
                ConsoleRoutes.ADMIN_NAV).flatMap(List::stream).toList());
        var inboxApi = new InboxApi(inbox, identity, people, web, config);
        var console = new ConsoleRoutes(inbox, identity, people, web, shells, times);
        var widget = new WidgetRoutes(inbox, web, times);
        this.liveWeb = new LiveWeb(live, inbox, identity, people, bus, web, shells, config, metrics.registry());
        var kbApi = new KbApi(kb, web, config.rateLimits());
        var helpCentre = new HelpCentreRoutes(kb, web, times, config.rateLimits());
        var kbStaff = new KbStaffRoutes(kb, inbox, identity, web, shells, times);
        this.server = web.create(List.of(
                metrics::register,
                identityRoutes::register,
                cfg -> cfg.routes.get("/health", ctx -> {
                    boolean up = database.isReachable();
                    ctx.status(up ? 200 : 503).json(Map.of("status", up ? "ok" : "unavailable"));
                }),
                cfg -> cfg.routes.get("/", ctx -> ctx.redirect("/console")),
                inboxApi::register,
                sockets::register,
                console::register,
                widget::register,
                liveWeb::register,
                kbApi::register,
                helpCentre::register,
                kbStaff::register));
        server.start(config.port());
        sockets.start();
        liveWeb.start();
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

    @Override
    public void close() {
        log.info("Guichet is stopping");
        sockets.close();
        liveWeb.close();
        live.close();
        server.stop();
        bus.close();
        kb.close();
        if (ownsDatabase) database.close();
        metrics.close();
    }
}
