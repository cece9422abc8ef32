package io.guichet.inbox.web;

import io.guichet.identity.IdentityService;
import io.guichet.inbox.AgentService;
import io.guichet.inbox.ContactPanels;
import io.guichet.inbox.StaffFaculties;
import io.guichet.inbox.ConversationActions;
import io.guichet.inbox.ModuleFrames;
import io.guichet.inbox.WaitingTimers;
import java.util.List;
import io.guichet.inbox.ConversationOrigins;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.InboxSettings;
import io.guichet.inbox.Mentions;
import io.guichet.inbox.Ratings;
import io.guichet.inbox.Transcripts;
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
    private final AttachmentRoutes attachments;
    private final MentionRoutes mentionRoutes;
    private final RatingRoutes ratingRoutes;

    public InboxWeb(ConversationService conversations, Mentions mentions, Ratings ratings, Transcripts transcripts, AgentService agents, ServiceCatalogue services, IdentityService identity,
                    PeopleService people, ContactPanels panels, ConversationOrigins origins, StaffFaculties faculties, ConversationActions actions, WaitingTimers timers, List<ModuleFrames> frames, Bus bus, WebKernel web, StaffShells shells, Config config, Times times, MeterRegistry meters) {
        InboxJson json = new InboxJson(identity, services, times);
        InboxSettings settings = InboxSettings.from(config);
        this.api = new InboxApi(conversations, mentions, ratings, agents, people, origins, web, json, settings);
        this.console = new ConsoleRoutes(conversations, mentions, ratings, agents, services, identity, people, panels, origins, faculties, actions, timers, web, json, shells, times,
                settings.attachmentMaxBytes(), frames.stream().map(ModuleFrames::consoleAssets).toList());
        this.sockets = new Sockets(conversations, agents, identity, people, bus, web, json, settings, meters, frames);
        this.attachments = new AttachmentRoutes(conversations, people, json, settings);
        this.mentionRoutes = new MentionRoutes(mentions, conversations, identity, json);
        this.ratingRoutes = new RatingRoutes(ratings, transcripts, people, services, web, json, times, settings.transcriptsPerMinute(), settings.rateLimits());
    }

    public void register(JavalinConfig config) {
        api.register(config);
        attachments.register(config);
        mentionRoutes.register(config);
        ratingRoutes.register(config);
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
