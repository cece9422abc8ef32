package io.guichet.inbox.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Viewer;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.ConversationService.Sent;
import io.guichet.inbox.Mention;
import io.guichet.inbox.Mentions;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.javalin.config.JavalinConfig;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** @mentions in the JSON API (docs/api.md): suggestions while a note is written, one's mentions, reading them. */
final class MentionRoutes {
    private final Mentions mentions;
    private final ConversationService conversations;
    private final IdentityService identity;
    private final InboxJson json;

    MentionRoutes(Mentions mentions, ConversationService conversations, IdentityService identity, InboxJson json) {
        this.mentions = mentions;
        this.conversations = conversations;
        this.identity = identity;
        this.json = json;
    }

    void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/api/v1/conversations/{id}/mentionable", ctx -> ctx.json(Map.of("colleagues",
                mentions.accessMentionable(Authenticated.viewer(ctx), Ids.path(ctx, "id", "Conversation"), ctx.queryParam("q")).stream()
                        .map(c -> Map.of("id", Long.toString(c.id()), "name", c.name())).toList())));
        r.get("/api/v1/me/mentions", ctx -> {
            List<Mention> mine = mentions.accessMentions(Authenticated.viewer(ctx));
            ctx.json(Map.of("mentions", mine.stream().map(this::mention).toList(), "unread", mine.stream().filter(Mention::unread).count()));
        });
        r.post("/api/v1/conversations/{id}/mentions/read", ctx -> {
            mentions.doMarkRead(Authenticated.viewer(ctx), Ids.path(ctx, "id", "Conversation"));
            ctx.status(204);
        });
    }

    private Map<String, Object> mention(Mention m) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", Long.toString(m.id()));
        out.put("conversationId", Long.toString(m.conversationId()));
        out.put("messageId", Long.toString(m.messageId()));
        out.put("by", Map.of("id", Long.toString(m.byStaffId()), "name", identity.staffName(m.byStaffId())));
        out.put("excerpt", m.excerpt());
        out.put("createdAt", json.time(m.createdAt()));
        out.put("unread", m.unread());
        return out;
    }

    /**
     * A staff member's write from the API or the console: a note naming colleagues goes through {@link Mentions}; naming
     * anyone in a reply to the visitor is refused (mentions are for notes, which the visitor never sees).
     */
    static Sent send(Mentions mentions, ConversationService conversations, Viewer viewer, long id, String body, String clientId,
                     boolean internal, List<String> mentioned) {
        if (mentioned.isEmpty()) return conversations.doSendAgentMessage(viewer, id, body, clientId, internal);
        if (!internal) throw ApiError.invalid("mentions", "Only an internal note can mention colleagues");
        return mentions.doWriteNote(viewer, id, body, clientId, mentioned.stream().map(v -> Ids.field("mentions", v)).toList());
    }
}
