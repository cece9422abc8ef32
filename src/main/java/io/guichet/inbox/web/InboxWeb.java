package io.guichet.inbox.web;

import io.guichet.identity.IdentityService;
import io.guichet.inbox.AgentService;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.InboxSettings;
import io.guichet.people.PeopleService;
import io.guichet.platform.Config;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;

/** The inbox's web adapters: its JSON API, the console and admin screens, and the sockets, sharing one JSON writer. */
public final class InboxWeb implements AutoCloseable {
    private final InboxApi api;
    private final ConsoleRoutes console;
    private final Sockets sockets;

    public InboxWeb(ConversationService conversations, AgentService agents, ServiceCatalogue services, IdentityService identity,
                    PeopleService people, Bus bus, WebKernel web, StaffShells shells, Config config, Times times, MeterRegistry meters) {
        InboxJson json = new InboxJson(identity, services, times);
        InboxSettings settings = InboxSettings.from(config);
        this.api = new InboxApi(conversations, agents, services, people, web, json, settings);
        this.console = new ConsoleRoutes(conversations, agents, services, identity, people, web, json, shells, times);
        this.sockets = new Sockets(conversations, agents, identity, people, bus, web, json, settings, meters);
    }

    public void register(JavalinConfig config) {
        api.register(config);
        sockets.register(config);
        console.register(config);
    }

    /** Subscribes the sockets to the bus and starts the presence heartbeat and the routing sweep. */
    public void start() {
        sockets.start();
    }

    @Override
    public void close() {
        sockets.close();
    }
}
