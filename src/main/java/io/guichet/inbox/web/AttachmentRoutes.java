package io.guichet.inbox.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.Viewer;
import io.guichet.inbox.Attachment;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.ConversationService.Sent;
import io.guichet.inbox.InboxSettings;
import io.guichet.inbox.Upload;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.FileContent;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.RequestBodies;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Files in conversations (docs/api.md): sent as the raw body of a POST (the name in {@code ?name=}; the declared
 * type is ignored, the content decides), downloaded as an attachment with {@code nosniff}, by staff who may read the
 * conversation and by the visitor with their own token, the same rule as their socket.
 */
final class AttachmentRoutes {
    private final ConversationService conversations;
    private final PeopleService people;
    private final InboxJson json;
    private final int maxBytes;
    private final RateLimiter visitorUploads;
    private final RateLimiter staffUploads;

    AttachmentRoutes(ConversationService conversations, PeopleService people, InboxJson json, InboxSettings settings) {
        this.conversations = conversations;
        this.people = people;
        this.json = json;
        this.maxBytes = settings.attachmentMaxBytes();
        this.visitorUploads = new RateLimiter(settings.rateLimits(), settings.visitorUploadsPerMinute());
        this.staffUploads = new RateLimiter(settings.rateLimits(), settings.staffUploadsPerMinute());
    }

    void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/conversations/{id}/attachments", ctx -> {
            Viewer viewer = Authenticated.viewer(ctx);
            staffUploads.acquire(Long.toString(viewer.id()));
            Upload file = upload(ctx);
            boolean internal = ConsoleRoutes.isTrue(ctx.queryParam("internal"));
            sent(ctx, conversations.doSendAgentAttachment(viewer, id(ctx), file, ctx.queryParam("clientId"), internal), true);
        });
        r.get("/api/v1/attachments/{id}", ctx ->
                conversations.accessAttachment(Authenticated.viewer(ctx), attachmentId(ctx), a -> download(ctx, a)));
        r.post("/api/v1/visitor/conversations/{id}/attachments", ctx -> {
            Contact visitor = visitor(ctx);
            visitorUploads.acquire(Long.toString(visitor.id()));
            Upload file = upload(ctx);
            sent(ctx, conversations.doSendVisitorAttachment(visitor, id(ctx), file, ctx.queryParam("clientId")), false);
        });
        r.get("/api/v1/visitor/attachments/{id}", ctx ->
                conversations.accessVisitorAttachment(visitor(ctx), attachmentId(ctx), a -> download(ctx, a)));
    }

    private void sent(Context ctx, Sent sent, boolean forStaff) {
        ctx.status(sent.duplicate() ? 200 : 201).json(Map.of("message", json.message(sent.message(), forStaff)));
    }

    /** The visitor by their token in the header, or in {@code ?token=} as their socket sends it (an image's address carries no header). */
    private Contact visitor(Context ctx) {
        String token = WebKernel.bearerToken(ctx);
        if (token == null) token = ctx.queryParam("token");
        return people.accessVisitor(token);
    }

    /** The body, at most the configured size (413 with the limit said). */
    private Upload upload(Context ctx) {
        byte[] bytes = RequestBodies.read(ctx, maxBytes, 2L * maxBytes,
                () -> ApiError.tooLarge("The file is larger than " + maxBytes / (1024 * 1024) + " MB"));
        return Upload.checked(ctx.queryParam("name"), bytes);
    }

    /** Headers of a download: always an attachment (never shown in the page), the type the content proved, no sniffing. */
    private static OutputStream download(Context ctx, Attachment a) {
        // The bytes of an id never change; the reader's right is checked on every request that reaches us.
        FileContent.downloadHeaders(ctx, a.contentType(), a.size(), a.name(), "private, max-age=600");
        try {
            return ctx.res().getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long id(Context ctx) {
        return Ids.path(ctx, "id", "Conversation");
    }

    private static long attachmentId(Context ctx) {
        return Ids.path(ctx, "id", "Attachment");
    }
}
