package io.guichet.channels.web;

import io.guichet.channels.EmailInbound;
import io.guichet.identity.Authenticated;
import io.guichet.platform.web.Ids;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The raw inbound mails of a conversation, for staff who may read it: what the visitor's mail client really sent,
 * quoted history and all (the conversation shows its new text only).
 */
public final class InboundMailRoutes {
    private final EmailInbound inbound;

    public InboundMailRoutes(EmailInbound inbound) {
        this.inbound = inbound;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/api/v1/conversations/{id}/inbound-mail", this::list);
        config.routes.get("/api/v1/inbound-mail/{id}", this::raw);
    }

    private void list(Context ctx) {
        var mails = inbound.accessOfConversation(Authenticated.viewer(ctx), Ids.path(ctx, "id", "Conversation")).stream().map(m -> {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("id", Long.toString(m.id()));
            json.put("messageId", m.messageId());
            json.put("status", m.status());
            json.put("reason", m.reason());
            return json;
        }).toList();
        ctx.json(Map.of("mails", mails));
    }

    /** As stored, as text: never rendered (a mail's HTML could hold anything). */
    private void raw(Context ctx) {
        EmailInbound.Raw mail = inbound.accessRaw(Authenticated.viewer(ctx), Ids.path(ctx, "id", "Inbound mail"));
        ctx.header("Content-Type", "text/plain; charset=utf-8");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Disposition", "inline; filename=\"mail-" + mail.id() + ".eml\"");
        ctx.result(mail.raw());
    }
}
