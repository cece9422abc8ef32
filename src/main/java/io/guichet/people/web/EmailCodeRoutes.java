package io.guichet.people.web;

import io.guichet.people.Contact;
import io.guichet.people.EmailConfirmations;
import io.guichet.people.PeopleService;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.Map;

/** The chat visitor confirms their email with a mailed code (docs/api.md, "Visitor: confirming an email"). */
public final class EmailCodeRoutes {
    /** Per address of the client: guessing codes across many visitor sessions stays slow. */
    private static final int TRIES_PER_MINUTE = 10;

    private final EmailConfirmations confirmations;
    private final PeopleService people;
    private final WebKernel web;
    private final RateLimiter perIp;

    public EmailCodeRoutes(EmailConfirmations confirmations, PeopleService people, WebKernel web, boolean rateLimits) {
        this.confirmations = confirmations;
        this.people = people;
        this.web = web;
        this.perIp = new RateLimiter(rateLimits, TRIES_PER_MINUTE);
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/visitor/email/code", ctx -> {
            Contact visitor = visitor(ctx);
            perIp.acquire(WebKernel.clientIp(ctx));
            var sent = confirmations.doSendCode(visitor, JsonBody.of(ctx, web.json()).optText("email"));
            ctx.status(202).json(Map.of("email", sent.email(), "expiresAt", sent.expiresAt().toString()));
        });
        r.post("/api/v1/visitor/email/confirm", ctx -> {
            Contact visitor = visitor(ctx);
            perIp.acquire(WebKernel.clientIp(ctx));
            var confirmed = confirmations.doConfirm(visitor, JsonBody.of(ctx, web.json()).text("code"));
            ctx.json(Map.of("confirmed", true, "email", confirmed.email()));
        });
    }

    private Contact visitor(Context ctx) {
        return people.accessVisitor(WebKernel.bearerToken(ctx));
    }
}
