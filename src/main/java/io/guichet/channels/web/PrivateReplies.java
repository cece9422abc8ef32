package io.guichet.channels.web;

import io.guichet.channels.MessengerReplies;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Viewer;
import io.guichet.inbox.ConversationActions;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;

import java.util.List;
import java.util.Map;

/**
 * "Reply in private" from the console (the inbox's {@link ConversationActions} port): on a page comment's conversation,
 * a link to a short form that sends Messenger's one private reply to the comment's author, then back to the thread.
 */
public final class PrivateReplies implements ConversationActions {
    private final MessengerReplies replies;
    private final WebKernel web;
    private final StaffShells shells;

    public PrivateReplies(MessengerReplies replies, WebKernel web, StaffShells shells) {
        this.replies = replies;
        this.web = web;
        this.shells = shells;
    }

    @Override
    public List<Action> actionsFor(Viewer viewer, long conversationId, long contactId, Localizer t) {
        try {
            return replies.mayReplyPrivately(viewer, conversationId)
                    ? List.of(new Action(t.t("channels.private.action"), path(conversationId))) : List.of();
        } catch (ApiError notTheirs) {
            return List.of();
        }
    }

    private static String path(long conversationId) {
        return "/channels/conversations/" + conversationId + "/private-reply";
    }

    /** {@code error}: what to mend, null on a fresh form; {@code sent}: the comment had its private reply already. */
    /** {@code clientId}: the form's idempotency key, so that a double click sends one reply. */
    public record Page(StaffShell s, String action, String back, String body, String error, boolean sent, String clientId) {
    }

    public void register(JavalinConfig config) {
        config.routes.get("/channels/conversations/{id}/private-reply", ctx -> form(ctx, "", null, 200, java.util.UUID.randomUUID().toString()));
        config.routes.post("/channels/conversations/{id}/private-reply", this::send);
    }

    private void form(Context ctx, String body, String error, int status, String clientId) {
        Viewer me = Authenticated.viewerForPage(ctx);
        long id = Ids.path(ctx, "id", "Conversation");
        boolean open = replies.mayReplyPrivately(me, id); // 404 for a conversation the agent may not read
        ctx.status(open || error != null ? status : 409);
        web.renderTo(ctx, "channels/private-reply.jte", Map.of("v", new Page(shells.of(ctx, "console", StaffShell.Assets.NONE), path(id), "/console/c/" + id, body, error, !open, clientId)));
    }

    private void send(Context ctx) {
        Viewer me = Authenticated.viewerForPage(ctx);
        long id = Ids.path(ctx, "id", "Conversation");
        String body = ctx.formParam("body") == null ? "" : ctx.formParam("body");
        String clientId = ctx.formParam("clientId") == null || ctx.formParam("clientId").isBlank() ? java.util.UUID.randomUUID().toString() : ctx.formParam("clientId");
        Localizer t = web.localizer(ctx);
        try {
            replies.doReplyPrivately(me, id, body, clientId);
            ctx.redirect("/console/c/" + id, HttpStatus.SEE_OTHER);
        } catch (ApiError e) {
            if (e.status() == 409) {
                form(ctx, body, null, 409, clientId);
                return;
            }
            if (e.status() != 422) throw e;
            form(ctx, body, t.t(body.isBlank() ? "channels.private.empty" : "channels.private.invalid"), 422, clientId);
        }
    }
}
