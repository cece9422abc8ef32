package io.guichet.inbox.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.inbox.AgentSettings;
import io.guichet.inbox.Conversation;
import io.guichet.identity.Access;
import io.guichet.identity.Viewer;
import io.guichet.inbox.AgentService;
import io.guichet.inbox.ContactPanels;
import io.guichet.inbox.StaffFaculties;
import io.guichet.inbox.ConversationActions;
import io.guichet.inbox.WaitingTimers;
import io.guichet.inbox.ConversationOrigins;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Origin;
import io.guichet.services.ServiceCatalogue;
import io.guichet.inbox.Mention;
import io.guichet.inbox.Mentions;
import io.guichet.inbox.Ratings;
import io.guichet.inbox.Message;
import io.guichet.services.ServiceQueue;
import io.guichet.inbox.web.ConsoleViews.ConsolePage;
import io.guichet.inbox.web.ConsoleViews.ContactCard;
import io.guichet.inbox.web.ConsoleViews.ContactConv;
import io.guichet.inbox.web.ConsoleViews.Item;
import io.guichet.inbox.web.ConsoleViews.Lists;
import io.guichet.inbox.web.ConsoleViews.MentionItem;
import io.guichet.inbox.web.ConsoleViews.Msg;
import io.guichet.inbox.web.ConsoleViews.Option;
import io.guichet.inbox.web.ConsoleViews.Presence;
import io.guichet.inbox.web.ConsoleViews.Tab;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * Over 300 lines: the console is one screen with its fragments (lists, thread, contact card, transfer
 * choices) whose view records are built here; the admin screens are apart (AdminRoutes).
 */
/** The agent console and the administration screens (services, staff). */
public final class ConsoleRoutes {
    /** The console's entry in the staff navigation: every staff member has one. */
    public static final List<NavEntry<Staff>> NAV = List.of(NavEntry.of("console", "nav.console", "/console", Access::isStaff));
    /** The administration screens' entries: admins only. */
    public static final List<NavEntry<Staff>> ADMIN_NAV = List.of(
            NavEntry.of("services", "nav.services", "/admin/services", Staff::isAdmin),
            NavEntry.of("staff", "nav.staff", "/admin/staff", Staff::isAdmin));
    /** The console also carries the help centre's suggestions and saved replies. */
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/kb/staff.css", "/static/inbox/thread-tools.css"),
            List.of("/static/console.js", "/static/kb/assist.js"));
    private static final int RESOLVED_SHOWN = 50;
    /** The console's own assets and the scripts of other modules' frames ({@code ModuleFrames.consoleScripts}). */
    private final StaffShell.Assets assets;

    private final ConversationService conversations;
    private final Mentions mentions;
    private final Ratings ratings;
    private final AgentService agents;
    private final ServiceCatalogue services;
    private final IdentityService identity;
    private final PeopleService people;
    private final ContactPanels panels;
    private final ConversationOrigins origins;
    private final ConversationActions actions;
    private final WaitingTimers timers;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;
    private final InboxJson json;
    private final AdminRoutes admin;
    private final int maxFileBytes;

    public ConsoleRoutes(ConversationService conversations, Mentions mentions, Ratings ratings, AgentService agents, ServiceCatalogue services,
                         IdentityService identity, PeopleService people, ContactPanels panels, ConversationOrigins origins, StaffFaculties faculties, ConversationActions actions,
                         WaitingTimers timers, WebKernel web, InboxJson json, StaffShells shells, Times times,
                         int maxFileBytes, List<StaffShell.Assets> moduleAssets) {
        this.maxFileBytes = maxFileBytes;
        this.assets = new StaffShell.Assets(
                java.util.stream.Stream.concat(ASSETS.stylesheets().stream(), moduleAssets.stream().flatMap(a -> a.stylesheets().stream())).toList(),
                java.util.stream.Stream.concat(ASSETS.scripts().stream(), moduleAssets.stream().flatMap(a -> a.scripts().stream())).toList());
        this.conversations = conversations;
        this.mentions = mentions;
        this.ratings = ratings;
        this.agents = agents;
        this.services = services;
        this.identity = identity;
        this.people = people;
        this.panels = panels;
        this.origins = origins;
        this.actions = actions;
        this.timers = timers;
        this.web = web;
        this.shells = shells;
        this.times = times;
        this.json = json;
        this.admin = new AdminRoutes(services, agents, identity, faculties, web, times, this);
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/console", ctx -> page(ctx, 0));
        r.get("/console/list", this::list);
        r.get("/console/c/{id}", this::conversation);
        r.post("/console/c/{id}/messages", this::send);
        r.post("/console/c/{id}/resolve", ctx -> change(ctx, "resolve"));
        r.post("/console/c/{id}/reopen", ctx -> change(ctx, "reopen"));
        r.post("/console/c/{id}/transfer", ctx -> change(ctx, "transfer"));
        r.get("/console/presence", ctx -> {
            Staff me = Authenticated.forPage(ctx);
            web.renderTo(ctx, "inbox/fragments/presence.jte", Map.of("p", presence(ctx, me)));
        });
        r.post("/console/presence", this::setPresence);
        admin.register(config);
    }

    // ---------------------------------------------------------------- handlers

    private void page(Context ctx, long selected) {
        if (!Access.isStaff(Authenticated.forPage(ctx))) { // a faculty account has no console: it lands on the first page it may open
            ctx.redirect(shells.home(ctx));
            return;
        }
        Viewer me = Authenticated.viewerForPage(ctx);
        Localizer t = web.localizer(ctx);
        String view = view(ctx, me);
        ConsoleViews.Thread thread = selected == 0 ? null : opened(ctx, me, t, selected, false);
        Lists lists = lists(me, t, view, selected);
        web.renderTo(ctx, "inbox/console.jte", Map.of("v",
                new ConsolePage(shells.of(ctx, "console", assets), presence(ctx, me.staff()), lists, thread)));
    }

    private void list(Context ctx) {
        Viewer me = Authenticated.viewerForPage(ctx);
        if (!WebKernel.isHtmx(ctx)) {
            ctx.redirect("/console?view=" + view(ctx, me));
            return;
        }
        long selected = Ids.orZero(ctx.queryParam("selected"));
        web.renderTo(ctx, "inbox/fragments/lists.jte", Map.of("v", lists(me, web.localizer(ctx), view(ctx, me), selected)));
    }

    private void conversation(Context ctx) {
        long id = id(ctx);
        if (!WebKernel.isHtmx(ctx)) {
            page(ctx, id);
            return;
        }
        Viewer me = Authenticated.viewerForPage(ctx);
        renderThread(ctx, opened(ctx, me, web.localizer(ctx), id, true));
    }

    /** The conversation as its reader opens it: its mentions of them are read from now on. */
    private ConsoleViews.Thread opened(Context ctx, Viewer me, Localizer t, long id, boolean oob) {
        ConsoleViews.Thread thread = thread(ctx, me, t, id, null, oob);
        mentions.doMarkRead(me, id);
        return thread;
    }

    private void renderThread(Context ctx, ConsoleViews.Thread thread) {
        web.renderTo(ctx, "inbox/fragments/thread.jte", Map.of("v", thread));
    }

    private void send(Context ctx) {
        Viewer me = Authenticated.viewerForPage(ctx);
        long id = id(ctx);
        boolean internal = isTrue(ctx.formParam("internal"));
        String clientId = ctx.formParam("clientId");
        if (clientId == null || clientId.isBlank()) clientId = "form-" + java.util.UUID.randomUUID();
        String named = ctx.formParam("mentions");
        List<String> mentioned = named == null || named.isBlank() ? List.of() : List.of(named.split(","));
        ConversationService.Sent sent = MentionRoutes.send(mentions, conversations, me, id, ctx.formParam("body"), clientId, internal, mentioned);
        if (wantsJson(ctx)) {
            ctx.header("Cache-Control", "no-store");
            ctx.json(Map.of("message", json.message(sent.message(), true), "duplicate", sent.duplicate()));
        } else {
            ctx.redirect("/console/c/" + id);
        }
    }

    private void change(Context ctx, String action) {
        Viewer me = Authenticated.viewerForPage(ctx);
        Localizer t = web.localizer(ctx);
        long id = id(ctx);
        String error = null;
        try {
            switch (action) {
                case "resolve" -> conversations.doResolve(me, id);
                case "reopen" -> conversations.doReopen(me, id);
                default -> {
                    String to = ctx.formParam("to");
                    if (to == null || to.isBlank()) throw ApiError.invalid("to", "Choose where to transfer");
                    if (to.startsWith("agent:")) conversations.doTransfer(me, id, Ids.orZero(to.substring(6)), null);
                    else if (to.startsWith("service:")) conversations.doTransfer(me, id, null, to.substring(8));
                    else throw ApiError.invalid("to", "Choose where to transfer");
                }
            }
        } catch (ApiError e) {
            if (!WebKernel.isHtmx(ctx) || e.status() == 404) throw e;
            error = "transfer".equals(action) ? t.t("console.transfer.failed") : t.t("console.action.failed");
        }
        Conversation now = conversations.findForDelivery(id).orElseThrow(() -> ApiError.notFound("Conversation"));
        if (!Access.canReadServiceWork(me, now.serviceId(), now.assigneeId())) {
            // Transferred out of the viewer's services: nothing of it is theirs to show any more.
            if (WebKernel.isHtmx(ctx)) ctx.header("HX-Redirect", "/console");
            else ctx.redirect("/console");
            return;
        }
        if (WebKernel.isHtmx(ctx)) renderThread(ctx, thread(ctx, me, t, id, error, true));
        else ctx.redirect("/console/c/" + id);
    }

    private void setPresence(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        agents.doSetPresence(me, isTrue(ctx.formParam("available")));
        if (WebKernel.isHtmx(ctx)) web.renderTo(ctx, "inbox/fragments/presence.jte", Map.of("p", presence(ctx, me)));
        else ctx.redirect("/console");
    }

    // ---------------------------------------------------------------- views

    /** The frame of the administration screens, which share the console's top bar. */
    StaffShell adminShell(Context ctx, String active) {
        return adminShell(ctx, active, StaffShell.Assets.NONE);
    }

    StaffShell adminShell(Context ctx, String active, StaffShell.Assets assets) {
        return shells.of(ctx, active, assets);
    }

    Presence presence(Context ctx, Staff me) {
        AgentSettings a = agents.findAgent(me.id());
        return new Presence(web.localizer(ctx), WebKernel.csrf(ctx), a.wantsAvailable(), a.openCount(), a.maxConcurrent());
    }

    private static String view(Context ctx, Viewer me) {
        String v = ctx.queryParam("view");
        if ("waiting".equals(v) || "resolved".equals(v) || "mentions".equals(v)) return v;
        if ("all".equals(v) && Access.canSupervise(me.staff())) return v;
        return "mine";
    }

    private Lists lists(Viewer me, Localizer t, String view, long selected) {
        List<Conversation> mine = sorted(conversations.accessConversations(me, Conversation.Status.OPEN, me.id(), null), false);
        List<Conversation> waiting = sorted(conversations.accessConversations(me, Conversation.Status.WAITING, null, null), true);
        List<Conversation> all = null;
        if (Access.canSupervise(me.staff())) {
            all = new ArrayList<>(conversations.accessConversations(me, Conversation.Status.OPEN, null, null));
            all.addAll(waiting);
            all = sorted(all, false);
        }
        List<Conversation> resolved = "resolved".equals(view)
                ? sorted(conversations.accessConversations(me, Conversation.Status.RESOLVED, null, null), false).stream().limit(RESOLVED_SHOWN).toList()
                : List.of();
        List<Tab> tabs = new ArrayList<>();
        tabs.add(new Tab("mine", t.t("console.tab.mine"), mine.size(), "mine".equals(view)));
        tabs.add(new Tab("waiting", t.t("console.tab.waiting"), waiting.size(), "waiting".equals(view)));
        if (all != null) tabs.add(new Tab("all", t.t("console.tab.all"), all.size(), "all".equals(view)));
        tabs.add(new Tab("resolved", t.t("console.tab.resolved"), -1, "resolved".equals(view)));
        List<Mention> myMentions = mentions.accessMentions(me);
        tabs.add(new Tab("mentions", t.t("console.mention.tab"), (int) myMentions.stream().filter(Mention::unread).count(), "mentions".equals(view)));
        List<Conversation> shown = switch (view) {
            case "waiting" -> waiting;
            case "all" -> all;
            case "resolved" -> resolved;
            case "mentions" -> List.of();
            default -> mine;
        };
        Map<Long, Contact> contacts = new HashMap<>();
        Map<Long, WaitingTimers.Timer> timed = new HashMap<>();
        for (Conversation c : shown) {
            if (c.status() == Conversation.Status.WAITING) timers.timerOf(c.serviceId(), c.queuedAt()).ifPresent(x -> timed.put(c.id(), x));
        }
        // late first, then soon late, each in the list's own order: what needs a hand now is on top
        shown = shown.stream().sorted(Comparator.comparingInt(c -> -urgency(timed.get(c.id())))).toList();
        List<Item> items = shown.stream().map(c -> {
            WaitingTimers.Timer timer = timed.get(c.id());
            String flag = timer == null || timer.level() == WaitingTimers.Level.ON_TIME ? null : timer.level().code();
            return new Item(c.id(), contact(me, c.contactId(), contacts).displayName(t),
                    services.findById(c.serviceId()).name(t.lang()), c.preview() == null ? "" : c.preview(),
                    times.relative(c.lastMessageAt(), t), times.iso(c.lastMessageAt()), c.status().code(), c.lastSeq(), c.id() == selected,
                    c.assigneeId() == null ? null : identity.staffName(c.assigneeId()), c.byEmail(contact(me, c.contactId(), contacts)), c.channel(),
                    flag, flag == null ? null : t.t("console.timer." + flag, timer.targetSeconds()),
                    timer == null || timer.nextAt() == null ? null : times.iso(timer.nextAt()));
        }).toList();
        List<MentionItem> mentionItems = !"mentions".equals(view) ? List.of() : myMentions.stream().map(m -> new MentionItem(m.conversationId(),
                contact(me, m.contactId(), contacts).displayName(t), t.t("console.mention.by", identity.staffName(m.byStaffId())), m.excerpt(),
                times.relative(m.createdAt(), t), times.iso(m.createdAt()), m.unread(), m.conversationId() == selected)).toList();
        return new Lists(t, view, tabs, items, t.t("mentions".equals(view) ? "console.mention.empty" : "console.empty." + view), selected, mentionItems);
    }

    private static int urgency(WaitingTimers.Timer timer) {
        return timer == null ? 0 : timer.level().ordinal();
    }

    private static List<Conversation> sorted(List<Conversation> list, boolean oldestFirst) {
        Comparator<Conversation> byTime = Comparator.comparing(c -> c.lastMessageAt() == null ? c.createdAt() : c.lastMessageAt());
        return list.stream().sorted(oldestFirst ? byTime : byTime.reversed()).toList();
    }

    private Contact contact(Viewer me, long contactId, Map<Long, Contact> cache) {
        return cache.computeIfAbsent(contactId, id -> people.accessContact(me, id));
    }

    ConsoleViews.Thread thread(Context ctx, Viewer me, Localizer t, long id, String error, boolean oob) {
        Conversation c = conversations.accessConversation(me, id);
        Contact contact = people.accessContact(me, c.contactId());
        ServiceQueue service = services.findById(c.serviceId());
        List<Msg> messages = conversations.accessMessages(me, id, 0).stream().map(m -> msg(m, t)).toList();
        boolean open = c.status() != Conversation.Status.RESOLVED;
        boolean canTransfer = open && Access.canHandOver(me, c.assigneeId());
        List<Option> agentChoices = new ArrayList<>();
        List<Option> serviceChoices = new ArrayList<>();
        if (canTransfer) {
            for (Staff s : identity.accessAllStaff(me.staff())) {
                if (!s.active() || (c.assigneeId() != null && c.assigneeId() == s.id())) continue;
                AgentSettings a = agents.findAgent(s.id());
                if (!a.serviceIds().contains(c.serviceId())) continue;
                String state = a.available() ? t.t("console.presence.available") : t.t("console.presence.away");
                agentChoices.add(new Option("agent:" + s.id(), s.name() + " — " + state + " (" + a.openCount() + "/" + a.maxConcurrent() + ")"));
            }
            for (ServiceQueue s : services.findAll()) {
                if (s.active() && s.id() != c.serviceId()) serviceChoices.add(new Option("service:" + s.slug(), s.name(t.lang())));
            }
        }
        List<ContactConv> history = conversations.accessVisitorConversations(contact).stream()
                .filter(x -> Access.canReadServiceWork(me, x.serviceId(), x.assigneeId()))
                .map(x -> new ContactConv(x.id(), services.findById(x.serviceId()).name(t.lang()),
                        t.t("console.status." + x.status().code()), times.date(x.createdAt(), t), x.id() == c.id()))
                .toList();
        ContactCard card = new ContactCard(t, contact.id(), contact.displayName(t), contact.email(),
                contact.lang() == null ? null : t.t("console.lang." + ("en".equals(contact.lang()) ? "en" : "fr")),
                times.dateTime(contact.createdAt(), t), history, panels.panelsOf(me, contact.id(), t), actions.actionsFor(me, c.id(), contact.id(), t), WebKernel.csrf(ctx), "/console/c/" + c.id(), oob);
        return new ConsoleViews.Thread(t, WebKernel.csrf(ctx), c.id(), contact.displayName(t), service.name(t.lang()),
                c.status().code(), t.t("console.status." + c.status().code()),
                c.assigneeId() == null ? null : identity.staffName(c.assigneeId()), messages, c.lastSeq(), Access.canActOn(me, c.serviceId(), c.assigneeId()), canTransfer,
                agentChoices, serviceChoices, error, card, c.origin() != null && Origin.LIVE.equals(c.origin().kind()) ? c.origin().ref() : null,
                c.origin() == null ? null : origins.shown(me, c.origin(), t).orElse(null),
                c.byEmail(contact), maxFileBytes, ratings.accessRating(me, c.id()).orElse(null), c.channel());
    }

    private Msg msg(Message m, Localizer t) {
        String kind = switch (m.author()) {
            case VISITOR -> "visitor";
            case SYSTEM -> "system";
            case AGENT -> m.internal() ? "note" : "agent";
        };
        String author = m.authorStaffId() == null ? null : identity.staffName(m.authorStaffId());
        String body = m.author() == Message.Author.SYSTEM ? systemText(m.body(), author, t) : m.body();
        return new Msg(m.id(), m.seq(), kind, author, body, times.messageTime(m.createdAt(), t), times.iso(m.createdAt()), m.attachment(), m.clientId());
    }

    private String systemText(String body, String actor, Localizer t) {
        String who = actor == null ? "—" : actor;
        if ("resolved".equals(body)) return t.t("console.sys.resolved", who);
        if ("reopened".equals(body)) return t.t("console.sys.reopened", who);
        if (ConversationService.SNOOZED_UNTIL_REPLY.equals(body)) return t.t("console.sys.snoozedUntilReply", who);
        if (body.startsWith(ConversationService.SNOOZED_UNTIL)) {
            return t.t("console.sys.snoozed", who, times.dateTime(java.time.Instant.parse(body.substring(ConversationService.SNOOZED_UNTIL.length())), t));
        }
        if (ConversationService.SNOOZE_RETURNED.equals(body)) return t.t("console.sys.snoozeReturned");
        if (body.startsWith("transferred:service:")) {
            String slug = body.substring("transferred:service:".length());
            String name = services.nameOf(slug, t.lang());
            return t.t("console.sys.transferredService", who, name);
        }
        if (body.startsWith("transferred:agent:")) {
            long to = Ids.orZero(body.substring("transferred:agent:".length()));
            return t.t("console.sys.transferredAgent", who, identity.staffName(to));
        }
        return body;
    }

    // ---------------------------------------------------------------- helpers

    private static boolean wantsJson(Context ctx) {
        String accept = ctx.header("Accept");
        return accept != null && accept.contains("application/json");
    }

    static boolean isTrue(String v) {
        return "true".equals(v) || "on".equals(v) || "1".equals(v);
    }

    private static long id(Context ctx) {
        return Ids.path(ctx, "id", "Conversation");
    }
}
