package io.guichet.live.web;

import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.inbox.InboxService;
import io.guichet.live.LiveService;
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

    public LiveWeb(LiveService live, InboxService inbox, IdentityService identity, PeopleService people, Bus bus,
                   WebKernel web, StaffShells shells, Config config, MeterRegistry meters) {
        Times times = new Times(config.timeZone());
        LiveJson json = new LiveJson(inbox, times);
        this.sockets = new LiveSockets(live, identity, bus, web, json, meters);
        this.api = new LiveApi(live, identity, people, web, json, sockets, config);
        this.screens = new LiveScreens(live, inbox, web, sockets, shells, times);
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
