package io.guichet.channels.web;

import io.guichet.channels.EmailReplies;
import io.guichet.identity.IdentityService;
import io.guichet.inbox.Authors;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Message;
import io.guichet.people.Contact;
import io.guichet.people.PeopleService;
import io.guichet.platform.Tokens;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The visitor's page of a conversation, reached by the signed link of a reply mail: the thread as the widget shows
 * it and a form to answer, which lands in the conversation as a widget message would (routed, seen live by staff).
 * Reading it counts as seeing the replies (none is mailed again). A tampered or expired link gets a page that says
 * so in both languages; both the page and the answers are rate-limited per address.
 */
public final class ReplyPageRoutes {
    private static final int PAGES_PER_MINUTE = 30;

    private final EmailReplies replies;
    private final ConversationService conversations;
    private final PeopleService people;
    private final Authors authors;
    private final ServiceCatalogue services;
    private final WebKernel web;
    private final Times times;
    private final RateLimiter perAddress;

    public ReplyPageRoutes(EmailReplies replies, ConversationService conversations, PeopleService people, IdentityService identity,
                           ServiceCatalogue services, WebKernel web, Times times, boolean rateLimits) {
        this.replies = replies;
        this.conversations = conversations;
        this.people = people;
        this.authors = new Authors(identity, services);
        this.services = services;
        this.web = web;
        this.times = times;
        this.perAddress = new RateLimiter(rateLimits, PAGES_PER_MINUTE);
    }

    /** One message as the visitor reads it; {@code mine} is theirs. */
    public record Line(boolean mine, String author, String body, String time, String timeIso) {
    }

    /** The page: {@code bad} when the link is not valid (nothing else is then shown). */
    public record Page(Localizer t, String action, String otherLang, boolean bad, String serviceName, List<Line> lines,
                       String clientId, String body, String error, boolean sent) {
    }

    public void register(JavalinConfig config) {
        config.routes.get(EmailReplies.PATH + "{token}", this::page);
        config.routes.post(EmailReplies.PATH + "{token}", this::answer);
    }

    private void page(Context ctx) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        Optional<Linked> linked = linked(ctx);
        if (linked.isEmpty()) {
            bad(ctx);
            return;
        }
        render(ctx, linked.get(), null, null, "1".equals(ctx.queryParam("sent")));
    }

    private void answer(Context ctx) {
        perAddress.acquire(WebKernel.clientIp(ctx));
        Optional<Linked> linked = linked(ctx);
        if (linked.isEmpty()) {
            bad(ctx);
            return;
        }
        String body = ctx.formParam("body");
        try {
            conversations.doSendVisitorMessage(linked.get().contact(), linked.get().conversation().id(), body, ctx.formParam("clientId"));
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            ctx.status(422);
            render(ctx, linked.get(), body, lang(ctx, linked.get()).t("channels.page.error." + ("body".equals(e.field()) ? "body" : "other")), false);
            return;
        }
        ctx.redirect(ctx.path() + "?sent=1&lang=" + lang(ctx, linked.get()).lang() + "#answer", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private record Linked(Conversation conversation, Contact contact) {
    }

    private Optional<Linked> linked(Context ctx) {
        return replies.findLinkedConversation(ctx.pathParam("token"))
                .flatMap(conversations::findForDelivery)
                .flatMap(c -> Optional.ofNullable(people.findContactForDelivery(c.contactId())).map(contact -> new Linked(c, contact)));
    }

    private Localizer lang(Context ctx, Linked linked) {
        String asked = ctx.queryParam("lang");
        return web.messages().in(Messages.isSupported(asked) ? asked : linked.conversation().lang());
    }

    private void render(Context ctx, Linked linked, String body, String error, boolean sent) {
        Localizer t = lang(ctx, linked);
        Conversation c = linked.conversation();
        List<Message> messages = conversations.accessVisitorMessages(linked.contact(), c.id(), 0);
        if (!messages.isEmpty()) conversations.doMarkToldVisitor(c.id(), messages.getLast().seq()); // read here: not mailed again
        Authors.Named authors = this.authors.of(c, messages, t);
        List<Line> lines = messages.stream().filter(m -> m.author() != Message.Author.SYSTEM)
                .map(m -> new Line(m.author() == Message.Author.VISITOR, authors.of(m), m.body(), times.dateTime(m.createdAt(), t), times.iso(m.createdAt())))
                .toList();
        ctx.header("Referrer-Policy", "no-referrer"); // the token is in the address
        web.renderTo(ctx, "channels/reply.jte", Map.of("v", new Page(t, ctx.path(), "fr".equals(t.lang()) ? "en" : "fr", false,
                services.findById(c.serviceId()).name(t.lang()), lines, Tokens.random("p"), body == null ? "" : body, error, sent)));
    }

    private void bad(Context ctx) {
        Localizer t = web.localizer(ctx);
        ctx.status(400).header("Referrer-Policy", "no-referrer");
        web.renderTo(ctx, "channels/reply.jte", Map.of("v", new Page(t, ctx.path(), "fr".equals(t.lang()) ? "en" : "fr", true,
                null, List.of(), null, "", null, false)));
    }
}
