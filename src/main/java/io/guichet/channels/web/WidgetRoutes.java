package io.guichet.channels.web;

import io.guichet.inbox.InboxService;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;

/** The web chat widget: the embeddable script, its panel (in an iframe) and the demo host page. */
public final class WidgetRoutes {
    private final InboxService inbox;
    private final WebKernel web;

    public WidgetRoutes(InboxService inbox, WebKernel web) {
        this.inbox = inbox;
        this.web = web;
    }

    public void register(JavalinConfig config) {
    }
}
