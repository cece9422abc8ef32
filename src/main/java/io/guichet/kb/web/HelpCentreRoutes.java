package io.guichet.kb.web;

import io.guichet.kb.Article;
import io.guichet.kb.HelpSignals;
import io.guichet.kb.KbService;
import io.guichet.kb.SearchResult;
import io.guichet.platform.Tokens;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The public help centre: {@code /aide} in French and {@code /help} in English, the language given by
 * the address. Search shows results as the visitor types (htmx) and works without JavaScript.
 */
public final class HelpCentreRoutes {
    private static final int DESCRIPTION_CHARS = 155;
    static final String READER_COOKIE = "guichet_reader";
    private static final Pattern READER = Pattern.compile("[A-Za-z0-9_-]{32}");

    private final KbService kb;
    private final HelpSignals signals;
    private final WebKernel web;
    private final Times times;
    private final RateLimiter searchesPerIp;

    public HelpCentreRoutes(KbService kb, HelpSignals signals, WebKernel web, Times times, boolean rateLimits) {
        this.kb = kb;
        this.signals = signals;
        this.web = web;
        this.times = times;
        this.searchesPerIp = new RateLimiter(rateLimits, KbApi.SEARCHES_PER_MINUTE);
    }

    public void register(JavalinConfig config) {
        for (String lang : List.of("fr", "en")) {
            String base = home(lang);
            config.routes.get(base, ctx -> home(ctx, lang));
            config.routes.get(base + ("fr".equals(lang) ? "/categorie/{slug}" : "/category/{slug}"), ctx -> category(ctx, lang));
            config.routes.get(base + "/{ref}", ctx -> article(ctx, lang));
            config.routes.post(base + "/{ref}/vote", ctx -> vote(ctx, lang));
            config.routes.post(base + "/{ref}/why", ctx -> why(ctx, lang));
        }
    }

    /**
     * The public look of an error page ({@code platform.web.ErrorPages}): the help centre of the page's language,
     * its search box first, a way back to its home and none to the staff login.
     */
    public String errorPage(Context ctx, Localizer t, int status, String heading, String message) {
        String lang = t.lang();
        var page = new KbViews.Public(t, heading, message, home(lang), home(t.other()), home(lang), WebKernel.csrf(ctx), web.brand());
        return web.render("kb/help-error.jte", Map.of("v", new KbViews.ErrorPage(page, status, heading, message)));
    }

    static String home(String lang) {
        return "en".equals(lang) ? "/help" : "/aide";
    }

    private static String categoryUrl(String lang, String slug) {
        return home(lang) + ("fr".equals(lang) ? "/categorie/" : "/category/") + slug;
    }

    private void home(Context ctx, String lang) {
        Localizer t = web.messages().in(lang);
        String q = ctx.queryParam("q");
        String query = q == null ? "" : q.strip();
        List<SearchResult> found = List.of();
        if (!query.isEmpty()) {
            searchesPerIp.acquire(WebKernel.clientIp(ctx));
            if (query.length() > KbService.MAX_QUERY) query = query.substring(0, KbService.MAX_QUERY); // a page never refuses
            found = kb.publicSearch(query, lang, 10);
            if (!WebKernel.isHtmx(ctx)) signals.doRecordSearch(query, lang); // submitted, not typed: counts for the gaps report
        }
        KbViews.Results results = new KbViews.Results(t, query, found);
        if (WebKernel.isHtmx(ctx)) {
            web.renderTo(ctx, "kb/fragments/results.jte", Map.of("v", results));
            return;
        }
        String title = query.isEmpty() ? t.t("kb.help.heading") : t.t("kb.help.resultsTitle", query);
        var page = new KbViews.Public(t, title, t.t("kb.help.description"), home(lang), home(t.other()), home(lang), WebKernel.csrf(ctx), web.brand());
        web.renderTo(ctx, "kb/help-home.jte", Map.of("v", new KbViews.Home(page, query, results, kb.findCategories(lang))));
    }

    private void category(Context ctx, String lang) {
        Localizer t = web.messages().in(lang);
        String slug = ctx.pathParam("slug");
        KbService.Category c = kb.findCategories(lang).stream().filter(x -> x.slug().equals(slug) && x.name() != null)
                .findFirst().orElseThrow(() -> ApiError.notFound("Category"));
        var page = new KbViews.Public(t, c.name(), t.t("kb.help.categoryDescription", c.name()), categoryUrl(lang, slug),
                home(t.other()), home(lang), WebKernel.csrf(ctx), web.brand());
        web.renderTo(ctx, "kb/help-category.jte", Map.of("v", new KbViews.CategoryPage(page, c)));
    }

    /** Where the "was this helpful?" box stands: asked (null), thanked, asking why after a "Non", thanked for the why. */
    private static final List<String> VOTE_STATES = List.of("thanks", "no", "why");

    private void article(Context ctx, String lang) {
        Article a = published(ctx);
        if (!a.path().equals(ctx.path())) { // other language or an old title: the one address
            ctx.redirect(a.path(), io.javalin.http.HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        String voted = ctx.queryParam("voted");
        renderArticle(ctx, a, lang, voted != null && VOTE_STATES.contains(voted) ? voted : null, null);
    }

    private void renderArticle(Context ctx, Article a, String lang, String vote, KbViews.Why why) {
        String html = KbService.html(a.body()).orElseThrow(() -> new ApiError(410, "gone", "This article cannot be displayed"));
        if (reader(ctx) == null) {
            ctx.res().addHeader("Set-Cookie", READER_COOKIE + "=" + Tokens.random("") + "; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly");
        }
        kb.doCountView(a.id());
        Localizer t = web.messages().in(lang);
        String translation = kb.findPublishedTranslation(a).map(Article::path).orElse(null);
        String text = KbService.text(a.body()).replaceAll("\\s+", " ");
        String description = text.length() > DESCRIPTION_CHARS ? text.substring(0, DESCRIPTION_CHARS - 1).strip() + "…" : text;
        var page = new KbViews.Public(t, a.title(), description, a.path(), translation == null ? home(t.other()) : translation,
                home(lang), WebKernel.csrf(ctx), web.brand());
        String categoryName = a.service() == null ? null : kb.serviceName(a.service(), lang);
        String date = times.longDate(a.updatedAt(), t);
        web.renderTo(ctx, "kb/help-article.jte", Map.of("v", new KbViews.ArticlePage(page, a, html, categoryName,
                a.service() == null ? null : categoryUrl(lang, a.service()), date, translation, vote, why)));
    }

    private void vote(Context ctx, String lang) {
        Article a = published(ctx);
        String helpful = ctx.formParam("helpful");
        if (!"yes".equals(helpful) && !"no".equals(helpful)) throw ApiError.invalid("helpful", "helpful must be yes or no");
        searchesPerIp.acquire(WebKernel.clientIp(ctx));
        String reader = reader(ctx);
        if (reader == null) throw ApiError.forbidden("Votes need cookies: reload the page and try again"); // else each request would be a new reader
        kb.doVote(a.id(), reader, "yes".equals(helpful));
        ctx.redirect(a.path() + ("no".equals(helpful) ? "?voted=no#vote" : "?voted=thanks#vote"));
    }

    /** After a "Non": what was missing. A refused answer comes back on the page, next to its field, as typed. */
    private void why(Context ctx, String lang) {
        Article a = published(ctx);
        searchesPerIp.acquire(WebKernel.clientIp(ctx));
        String reader = reader(ctx);
        if (reader == null) throw ApiError.forbidden("Votes need cookies: reload the page and try again");
        String reason = ctx.formParam("reason");
        String comment = ctx.formParam("comment");
        try {
            kb.doExplainVote(a.id(), reader, reason, comment);
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            ctx.status(422);
            renderArticle(ctx, a, lang, "no", new KbViews.Why(reason, comment, e.field(), e.reason()));
            return;
        }
        ctx.redirect(a.path() + "?voted=why#vote");
    }

    /** The reader's id for "was this helpful?", given with the article (random: it names a browser, not a person), or null. */
    private static String reader(Context ctx) {
        String reader = ctx.cookie(READER_COOKIE);
        return reader != null && READER.matcher(reader).matches() ? reader : null;
    }

    /** The article named by {id}-{slug}; drafts and retired articles do not exist for the public. */
    private Article published(Context ctx) {
        String ref = ctx.pathParam("ref");
        int dash = ref.indexOf('-');
        String id = dash < 0 ? ref : ref.substring(0, dash);
        return kb.findPublished(Ids.lookup(id, "Article")).orElseThrow(() -> ApiError.notFound("Article"));
    }
}
