package io.guichet.inbox.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.ConversationQuery;
import io.guichet.inbox.ConversationSearch;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Snooze;
import io.guichet.inbox.Label;
import io.guichet.inbox.LabelService;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The inbox's search, labels and their report, and snooze in the JSON API (docs/api.md), and the snooze timer. */
public final class InboxTools implements AutoCloseable {
    /** How often each node looks for snoozes whose time has come: the lateness a returning conversation may have. */
    private static final int SNOOZE_CHECK_SECONDS = 5;
    /** The search screen's entry in the staff navigation: every staff member has one. */
    public static final List<NavEntry<io.guichet.identity.Staff>> NAV = List.of(NavEntry.of("search", "nav.search", "/console/search", io.guichet.identity.Access::isStaff));
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(InboxTools.class);
    private final java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("snooze-timer").factory());
    private final ConversationSearch search;
    private final LabelService labels;
    private final ServiceCatalogue services;
    private final PeopleService people;
    private final WebKernel web;
    private final Times times;
    private final StaffShells shells;
    private final InboxJson json;

    private final ConversationService conversations;

    public InboxTools(ConversationSearch search, LabelService labels, ConversationService conversations, ServiceCatalogue services, IdentityService identity,
                      PeopleService people, WebKernel web, StaffShells shells, Times times) {
        this.search = search;
        this.conversations = conversations;
        this.labels = labels;
        this.services = services;
        this.people = people;
        this.web = web;
        this.times = times;
        this.shells = shells;
        this.json = new InboxJson(identity, services, times);
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/console/search", this::searchScreen);
        r.get("/api/v1/conversations", this::searchConversations);
        r.get("/api/v1/labels", ctx -> ctx.json(Map.of("labels", labels.accessLabels(Authenticated.staff(ctx)).stream().map(InboxTools::label).toList())));
        r.post("/api/v1/labels", ctx -> {
            JsonBody body = JsonBody.of(ctx, web.json());
            ctx.status(201).json(label(labels.doCreateLabel(Authenticated.staff(ctx), body.optText("name"), body.optText("colour"))));
        });
        r.put("/api/v1/labels/{id}", ctx -> {
            JsonBody body = JsonBody.of(ctx, web.json());
            ctx.json(label(labels.doUpdateLabel(Authenticated.staff(ctx), Ids.path(ctx, "id", "Label"), body.optText("name"), body.optText("colour"))));
        });
        r.delete("/api/v1/labels/{id}", ctx -> {
            labels.doDeleteLabel(Authenticated.staff(ctx), Ids.path(ctx, "id", "Label"));
            ctx.status(204);
        });
        r.put("/api/v1/conversations/{id}/labels/{label}", ctx -> labelled(ctx, true));
        r.delete("/api/v1/conversations/{id}/labels/{label}", ctx -> labelled(ctx, false));
        r.get("/api/v1/reports/labels", this::labelReport);
        r.post("/api/v1/conversations/{id}/snooze", ctx -> {
            JsonBody body = JsonBody.of(ctx, web.json());
            Viewer viewer = Authenticated.viewer(ctx);
            long id = Ids.path(ctx, "id", "Conversation");
            snoozed(ctx, viewer, conversations.doSnooze(viewer, id, until(body.optText("until"))));
        });
        r.delete("/api/v1/conversations/{id}/snooze", ctx -> {
            Viewer viewer = Authenticated.viewer(ctx);
            snoozed(ctx, viewer, conversations.doWake(viewer, Ids.path(ctx, "id", "Conversation")));
        });
    }

    // ---------------------------------------------------------------- the console's search screen

    /** The full page, or its results alone to htmx; the address carries the filters, so it can be shared and reloaded. */
    private void searchScreen(Context ctx) {
        Viewer viewer = Authenticated.viewerForPage(ctx);
        if (!WebKernel.isHtmx(ctx) && ctx.queryParamMap().values().stream().anyMatch(v -> v.isEmpty() || v.getFirst().isBlank())) {
            // The form sent without htmx (not loaded yet, or off): its empty fields leave the address it is shared by.
            ctx.redirect(address(ctx), io.javalin.http.HttpStatus.SEE_OTHER);
            return;
        }
        Localizer t = web.localizer(ctx);
        String field = null, error = null;
        ConversationQuery query = ConversationQuery.EVERYTHING;
        ConversationSearch.Page page = new ConversationSearch.Page(List.of(), null);
        try {
            query = SearchParams.parse(ctx::queryParam, services, times.zone(), viewer.id());
            page = search.accessSearch(viewer, query, ctx.queryParam("cursor"), ConversationSearch.PAGE_DEFAULT);
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            field = e.field() == null ? "q" : e.field();
            error = t.t("inbox.search.invalid." + (SEARCH_FIELDS.contains(field) ? field : "q"));
        }
        List<Label> all = labels.accessLabels(viewer.staff());
        Map<Long, Label> byId = new HashMap<>();
        all.forEach(l -> byId.put(l.id(), l));
        Map<Long, String> names = new HashMap<>();
        List<Long> contactIds = page.conversations().stream().map(f -> f.conversation().contactId()).distinct().toList();
        if (!contactIds.isEmpty()) people.accessContacts(viewer, contactIds).forEach(c -> names.put(c.id(), c.displayName(t)));
        List<SearchViews.Hit> hits = page.conversations().stream().map(f -> {
            Conversation c = f.conversation();
            String snoozed = f.snooze() == null ? null
                    : f.snooze().untilReply() ? t.t("inbox.search.snoozedReply") : t.t("inbox.search.snoozedUntil", times.dateTime(f.snooze().until(), t));
            return new SearchViews.Hit(c.id(), names.getOrDefault(c.contactId(), t.t("inbox.search.someone")), services.findById(c.serviceId()).name(t.lang()),
                    t.t("console.status." + c.status().code()), snoozed,
                    f.labelIds().stream().map(byId::get).filter(java.util.Objects::nonNull).map(l -> new SearchViews.Chip(l.name(), l.colour())).toList(),
                    c.preview() == null ? "" : c.preview(), times.relative(c.lastMessageAt(), t), times.iso(c.lastMessageAt()));
        }).toList();
        boolean searched = error == null && !query.isEmpty();
        // A choice inside a choice is not one MessageFormat can read (its '|' ends the outer case): more pages, another sentence.
        String summary = error != null ? error
                : t.t(!searched ? "inbox.search.latest" : page.next() == null ? "inbox.search.found" : "inbox.search.foundMore", hits.size());
        String next = page.next() == null ? null : "/console/search?" + queryString(ctx, page.next());
        SearchViews.Results results = new SearchViews.Results(t, hits, next, searched, summary);
        ctx.header("Vary", "HX-Request"); // one address, two answers: the page, or its results alone to htmx
        if (WebKernel.isHtmx(ctx) && !"true".equals(ctx.header("HX-History-Restore-Request"))) {
            // htmx would push the request's address, every empty field in it.
            ctx.header("HX-Push-Url", address(ctx));
            web.renderTo(ctx, "inbox/search/results.jte", Map.of("v", results));
            return;
        }
        String service = ctx.queryParam("service"), status = ctx.queryParam("status"), channel = ctx.queryParam("channel"), label = ctx.queryParam("label");
        List<SearchViews.Choice> serviceChoices = new ArrayList<>(List.of(new SearchViews.Choice("", t.t("inbox.search.any"), false)));
        services.findAll().stream().filter(x -> x.active()).sorted(java.util.Comparator.comparing(x -> x.name(t.lang()), java.text.Collator.getInstance(t.locale())))
                .forEach(x -> serviceChoices.add(new SearchViews.Choice(x.slug(), x.name(t.lang()), x.slug().equals(service))));
        List<SearchViews.Choice> statusChoices = new ArrayList<>(List.of(new SearchViews.Choice("", t.t("inbox.search.any"), false)));
        SearchParams.STATUSES.forEach(x -> statusChoices.add(new SearchViews.Choice(x, t.t("inbox.search.status." + x), x.equals(status))));
        List<SearchViews.Choice> channelChoices = new ArrayList<>(List.of(new SearchViews.Choice("", t.t("inbox.search.any"), false)));
        SearchParams.CHANNELS.forEach(x -> channelChoices.add(new SearchViews.Choice(x, t.t("inbox.search.channel." + x), x.equals(channel))));
        List<SearchViews.Choice> labelChoices = new ArrayList<>(List.of(new SearchViews.Choice("", t.t("inbox.search.any"), false)));
        all.forEach(l -> labelChoices.add(new SearchViews.Choice(Long.toString(l.id()), l.name(), Long.toString(l.id()).equals(label))));
        boolean more = java.util.stream.Stream.of("service", "status", "channel", "label", "from", "to")
                .anyMatch(p -> ctx.queryParam(p) != null && !ctx.queryParam(p).isBlank());
        SearchViews.Form form = new SearchViews.Form(value(ctx, "q"), serviceChoices, statusChoices, channelChoices, labelChoices,
                value(ctx, "from"), value(ctx, "to"), more || (field != null && !"q".equals(field)), field, error);
        web.renderTo(ctx, "inbox/search.jte", Map.of("v", new SearchViews.SearchPage(shells.of(ctx, "search", ASSETS), form, results)));
    }

    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/inbox/tools.css"), List.of());
    private static final List<String> SEARCH_FIELDS = List.of("q", "from", "to", "cursor");

    private static String value(Context ctx, String param) {
        String v = ctx.queryParam(param);
        return v == null ? "" : v;
    }

    /** The current filters with the next page's cursor. */
    /** This search's address: the filters given, not every empty field of the form. */
    private static String address(Context ctx) {
        String query = queryString(ctx, ctx.queryParam("cursor"));
        return "/console/search" + (query.isEmpty() ? "" : "?" + query);
    }

    /** The filters given (blank ones left out), then the cursor when there is one. */
    private static String queryString(Context ctx, String cursor) {
        java.util.StringJoiner out = new java.util.StringJoiner("&");
        for (var e : ctx.queryParamMap().entrySet()) {
            if (e.getKey().equals("cursor") || e.getValue().isEmpty() || e.getValue().getFirst().isBlank()) continue;
            out.add(java.net.URLEncoder.encode(e.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                    + java.net.URLEncoder.encode(e.getValue().getFirst(), java.nio.charset.StandardCharsets.UTF_8));
        }
        if (cursor != null) out.add("cursor=" + java.net.URLEncoder.encode(cursor, java.nio.charset.StandardCharsets.UTF_8));
        return out.toString();
    }

    /** Starts the timer that brings snoozed conversations back when their time comes. */
    public void start() {
        timer.scheduleWithFixedDelay(() -> {
            try {
                conversations.doWakeDueSnoozes();
            } catch (RuntimeException e) {
                log.warn("Snooze pass failed: {}", e.getMessage());
            }
        }, SNOOZE_CHECK_SECONDS, SNOOZE_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    private void snoozed(Context ctx, Viewer viewer, Conversation c) {
        Map<String, Object> one = json.conversation(c, null);
        var snooze = conversations.accessSnooze(viewer, c.id());
        one.put("snoozed", snooze.isPresent());
        snooze.map(Snooze::until).ifPresent(u -> one.put("snoozedUntil", json.time(u)));
        ctx.json(one);
    }

    /** An ISO-8601 time with its offset; absent means until the visitor's reply. */
    private static Instant until(String value) {
        if (value == null) return null;
        try {
            return java.time.OffsetDateTime.parse(value).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            throw ApiError.invalid("until", "until must be a date and time with its offset (ISO-8601)");
        }
    }

    private void searchConversations(Context ctx) {
        Viewer viewer = Authenticated.viewer(ctx);
        ConversationQuery query = SearchParams.parse(ctx::queryParam, services, times.zone(), viewer.id());
        ConversationSearch.Page page = search.accessSearch(viewer, query, ctx.queryParam("cursor"), SearchParams.limit(ctx.queryParam("limit")));
        Map<Long, Contact> contacts = new HashMap<>();
        List<Long> contactIds = page.conversations().stream().map(f -> f.conversation().contactId()).distinct().toList();
        if (!contactIds.isEmpty()) people.accessContacts(viewer, contactIds).forEach(c -> contacts.put(c.id(), c));
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("conversations", page.conversations().stream().map(f -> {
            Conversation c = f.conversation();
            Map<String, Object> one = json.conversation(c, contacts.get(c.contactId()));
            one.put("snoozed", f.snooze() != null);
            if (f.snooze() != null && f.snooze().until() != null) one.put("snoozedUntil", json.time(f.snooze().until()));
            one.put("labels", f.labelIds().stream().map(String::valueOf).toList());
            return one;
        }).toList());
        result.put("next", page.next());
        ctx.json(result);
    }

    private void labelled(Context ctx, boolean on) {
        List<Label> now = labels.doLabel(Authenticated.viewer(ctx), Ids.path(ctx, "id", "Conversation"), Ids.path(ctx, "label", "Label"), on);
        ctx.json(Map.of("labels", now.stream().map(InboxTools::label).toList()));
    }

    /** A report's days, {@code ?from=&to=} (both included, the last 30 days unless told), and their instants in the zone. */
    record Period(LocalDate from, LocalDate to, Instant start, Instant end) {
        static Period of(Context ctx, java.time.ZoneId zone) {
            LocalDate asked = SearchParams.date("to", ctx.queryParam("to"));
            LocalDate to = asked == null ? LocalDate.now(zone) : asked;
            LocalDate since = SearchParams.date("from", ctx.queryParam("from"));
            LocalDate from = since == null ? to.minusDays(29) : since;
            if (to.isBefore(from)) throw ApiError.invalid("to", "to must not be before from");
            return new Period(from, to, from.atStartOfDay(zone).toInstant(), to.plusDays(1).atStartOfDay(zone).toInstant());
        }
    }

    private void labelReport(Context ctx) {
        Period p = Period.of(ctx, times.zone());
        var rows = labels.accessLabelReport(Authenticated.staff(ctx), p.start(), p.end());
        ctx.json(Map.of("from", p.from().toString(), "to", p.to().toString(), "labels", rows.stream().map(c -> {
            Map<String, Object> one = label(c.label());
            one.put("conversations", c.conversations());
            one.put("resolved", c.resolved());
            return one;
        }).toList()));
    }

    static Map<String, Object> label(Label l) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(l.id()));
        json.put("name", l.name());
        json.put("colour", l.colour());
        return json;
    }
}
