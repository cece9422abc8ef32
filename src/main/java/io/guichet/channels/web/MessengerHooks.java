package io.guichet.channels.web;

import io.guichet.channels.MessengerInbound;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.RequestBodies;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

/**
 * Meta's webhook for Messenger: {@code GET /hooks/messenger} answers the verification handshake, {@code POST} takes
 * the signed events (outside the form tokens: the signature is the only credential). The POST answers 200 as soon as
 * the raw body is stored, before anything in it is processed; a body over the limit is 413 unread.
 */
public final class MessengerHooks {
    public static final String PATH = WebKernel.WEBHOOKS + "messenger";
    private final MessengerInbound inbound;
    private final int maxBytes;
    private final RateLimiter perAddress;

    public MessengerHooks(MessengerInbound inbound, int maxBytes, boolean rateLimits) {
        this.inbound = inbound;
        this.maxBytes = maxBytes;
        this.perAddress = new RateLimiter(rateLimits, 6_000); // Meta batches; a flood from one address is someone else
    }

    public void register(JavalinConfig config) {
        config.routes.get(PATH, this::verify);
        config.routes.post(PATH, this::receive);
    }

    private void verify(Context ctx) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        String challenge = inbound.doVerify(ctx.queryParam("hub.mode"), ctx.queryParam("hub.verify_token"), ctx.queryParam("hub.challenge"));
        ctx.contentType("text/plain; charset=utf-8").result(challenge);
    }

    private void receive(Context ctx) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        byte[] body = RequestBodies.read(ctx, maxBytes, 4L * maxBytes, () -> new ApiError(413, "too_large", "A webhook body is at most " + maxBytes + " bytes"));
        inbound.doReceive(body, ctx.header("X-Hub-Signature-256"));
        ctx.contentType("text/plain; charset=utf-8").result("EVENT_RECEIVED");
    }
}
