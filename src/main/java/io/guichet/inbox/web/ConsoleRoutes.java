package io.guichet.inbox.web;

import io.guichet.identity.IdentityService;
import io.guichet.inbox.InboxService;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;

import java.time.ZoneId;

/** The agent console and the administration screens (services, staff). */
public final class ConsoleRoutes {
    private final InboxService inbox;
    private final IdentityService identity;
    private final PeopleService people;
    private final WebKernel web;
    private final ZoneId zone;

    public ConsoleRoutes(InboxService inbox, IdentityService identity, PeopleService people, WebKernel web, ZoneId zone) {
        this.inbox = inbox;
        this.identity = identity;
        this.people = people;
        this.web = web;
        this.zone = zone;
    }

    public void register(JavalinConfig config) {
    }
}
