package io.guichet.channels.web;

import io.guichet.channels.Channels;
import io.guichet.channels.MessengerReplies;
import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The channels' API ({@code /api/v1/channels}: administrators add a channel and read each one's health; secrets are
 * write-only), a Messenger conversation's state for the console ({@code /api/v1/conversations/{id}/messenger}) and
 * the administrators' screen {@code /admin/channels}.
 */
public final class ChannelRoutes {
    public static final List<NavEntry<Staff>> NAV = List.of(NavEntry.of("channels", "nav.channels", "/admin/channels", Access::canAdminister));
    private static final Set<String> FIELDS = Set.of("kind", "name", "service", "pageId", "pageAccessToken", "appSecret", "verifyToken", "address", "imapUrl");

    private final Channels channels;
    private final MessengerReplies replies;
    private final ServiceCatalogue services;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    public ChannelRoutes(Channels channels, MessengerReplies replies, ServiceCatalogue services, WebKernel web, StaffShells shells, Times times) {
        this.channels = channels;
        this.replies = replies;
        this.services = services;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    /** One channel's card on the admin screen, in the reader's words. */
    public record Row(long id, String kind, String kindLabel, String name, String service, String identifier, boolean healthy, String status,
                      String lastEvent, String lastEventIso, String lastError, String lastErrorAt, String lastErrorIso, int queued, String queuedLabel) {
    }

    public record Page(StaffShell shell, List<Row> rows, String webhookPath) {
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/channels", ctx -> {
            JsonBody b = JsonBody.of(ctx, web.json(), 16 * 1024).only(FIELDS);
            long id = channels.doCreate(Authenticated.staff(ctx), new Channels.NewChannel(b.optText("kind"), b.optText("name"), b.optText("service"),
                    b.optText("pageId"), b.optText("pageAccessToken"), b.optText("appSecret"), b.optText("verifyToken"), b.optText("address"), b.optText("imapUrl")));
            ctx.status(201).json(Map.of("id", Long.toString(id)));
        });
        r.patch("/api/v1/channels/{id}", ctx -> {
            JsonBody b = JsonBody.of(ctx, web.json(), 16 * 1024).only(Set.of("pageAccessToken", "appSecret", "verifyToken"));
            channels.doReplaceSecrets(Authenticated.staff(ctx), Ids.path(ctx, "id", "Channel"), b.optText("pageAccessToken"), b.optText("appSecret"), b.optText("verifyToken"));
            ctx.status(204);
        });
        r.get("/api/v1/channels", ctx -> ctx.json(Map.of("channels", channels.accessAll(Authenticated.staff(ctx)).stream().map(this::json).toList())));
        r.get("/api/v1/conversations/{id}/messenger", ctx -> {
            var state = replies.accessState(Authenticated.viewer(ctx), Ids.path(ctx, "id", "Conversation"));
            if (state.isEmpty()) throw io.guichet.platform.web.ApiError.notFound("Messenger thread");
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("windowOpen", state.get().window().open());
            json.put("windowClosesAt", times.iso(state.get().window().closesAt()));
            json.put("emailInstead", state.get().window().open() ? null : state.get().window().email());
            json.put("deliveries", state.get().deliveries().stream().map(d -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("messageId", Long.toString(d.messageId()));
                m.put("status", d.status());
                m.put("reason", d.reason());
                m.put("attempts", d.attempts());
                return m;
            }).toList());
            ctx.json(json);
        });
        r.post("/api/v1/conversations/{id}/private-reply", ctx -> {
            JsonBody b = JsonBody.of(ctx, web.json(), 16 * 1024).only(Set.of("body", "clientId"));
            var note = replies.doReplyPrivately(Authenticated.viewer(ctx), Ids.path(ctx, "id", "Conversation"), b.text("body"), b.optText("clientId"));
            ctx.status(202).json(Map.of("messageId", Long.toString(note.id()), "status", "stored"));
        });
        r.get("/admin/channels", this::page);
    }

    private Map<String, Object> json(Channels.Channel c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(c.id()));
        json.put("kind", c.kind());
        json.put("name", c.name());
        json.put("service", services.findById(c.serviceId()).slug());
        if (c.pageId() != null) json.put("pageId", c.pageId());
        if (c.address() != null) json.put("address", c.address());
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("status", c.health().status());
        health.put("lastEventAt", c.health().lastEventAt() == null ? null : times.iso(c.health().lastEventAt()));
        health.put("lastError", c.health().lastError());
        health.put("lastErrorAt", c.health().lastErrorAt() == null ? null : times.iso(c.health().lastErrorAt()));
        health.put("queued", c.health().queued());
        json.put("health", health);
        json.put("createdAt", times.iso(c.createdAt()));
        return json;
    }

    private void page(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        List<Row> rows = channels.accessAll(me).stream().map(c -> {
            var h = c.health();
            String error = h.lastError() == null ? null : t.has("channels.error." + errorKey(h.lastError())) ? t.t("channels.error." + errorKey(h.lastError())) : h.lastError();
            return new Row(c.id(), c.kind(), t.t("channels.kind." + c.kind()), c.name(), services.findById(c.serviceId()).name(t.lang()),
                    c.pageId() != null ? c.pageId() : c.address(), "ok".equals(h.status()), t.t("channels.status." + h.status()),
                    h.lastEventAt() == null ? t.t("channels.never") : times.relative(h.lastEventAt(), t), h.lastEventAt() == null ? null : times.iso(h.lastEventAt()),
                    error, h.lastErrorAt() == null ? null : times.relative(h.lastErrorAt(), t), h.lastErrorAt() == null ? null : times.iso(h.lastErrorAt()),
                    h.queued(), t.plural("channels.queued", h.queued()));
        }).toList();
        web.renderTo(ctx, "channels/admin.jte", Map.of("v", new Page(shells.of(ctx, "channels", StaffShell.Assets.NONE), rows, MessengerHooks.PATH)));
    }

    private static String errorKey(String error) {
        return error.startsWith("graph_error_") ? "graph" : error.replaceAll("[^a-z_]", "");
    }
}
