package io.guichet.live.web;

import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.live.LiveSettings;
import io.guichet.platform.NodeId;
import io.guichet.services.ServiceCatalogue;
import io.guichet.live.LiveQuestionService;
import io.guichet.live.LiveReportService;
import io.guichet.live.LiveSessionService;
import io.guichet.people.PeopleService;
import io.guichet.platform.Config;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/** The live module's web adapters, wired together: the JSON API, the WebSocket, and the screens. */
public final class LiveWeb implements AutoCloseable {
    /** The live sessions' entry in the staff navigation: supervisors run them. */
    public static final List<NavEntry<Staff>> NAV = List.of(NavEntry.of("live", "nav.live", "/live", Staff::isSupervisor));

    private final LiveSockets sockets;
    private final LiveApi api;
    private final LiveScreens screens;

    public LiveWeb(LiveSessionService sessions, LiveQuestionService questions, LiveReportService reports, ServiceCatalogue services,
                   IdentityService identity, PeopleService people, Bus bus, NodeId node, WebKernel web, StaffShells shells, Config config,
                   Times times, MeterRegistry meters, String publicUrl) {
        LiveJson json = new LiveJson(services, times, identity::staffName);
        LiveSettings settings = LiveSettings.from(config);
        this.sockets = new LiveSockets(sessions, questions, identity, people, bus, node, web, json, settings, meters);
        this.api = new LiveApi(sessions, questions, reports, identity, people, web, json, sockets, settings);
        this.screens = new LiveScreens(sessions, questions, reports, services, identity, web, sockets, shells, times, publicUrl);
    }

    public void register(JavalinConfig config) {
        api.register(config);
        sockets.register(config);
        screens.register(config);
    }

    /** Subscribes to the bus and starts the timers (people present, phase changes on schedule). */
    public void start() {
        sockets.start();
    }

    @Override
    public void close() {
        sockets.close();
    }
}
