package io.guichet.kb.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.kb.Article;
import io.guichet.kb.HelpSignals;
import io.guichet.kb.KbService;
import io.guichet.kb.SearchResult;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The help centre's JSON API (docs/api.md): public search and widget events, staff article writes. */
public final class KbApi {
    /** Searches a minute per IP: results come as people type, and a campus shares few addresses. */
    static final int SEARCHES_PER_MINUTE = 300;
    private static final int EVENTS_PER_MINUTE = 60;
    /** A 200 KB article, escaped in JSON, with room for the other fields. */
    private static final int MAX_ARTICLE_REQUEST = 512 * 1024;

    private final KbService kb;
    private final HelpSignals signals;
    private final WebKernel web;
    private final RateLimiter searchesPerIp;
    private final RateLimiter eventsPerIp;

    public KbApi(KbService kb, HelpSignals signals, WebKernel web, boolean rateLimits) {
        this.kb = kb;
        this.signals = signals;
        this.web = web;
        this.searchesPerIp = new RateLimiter(rateLimits, SEARCHES_PER_MINUTE);
        this.eventsPerIp = new RateLimiter(rateLimits, EVENTS_PER_MINUTE);
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/api/v1/kb/search", this::search);
        r.post("/api/v1/kb/articles", ctx -> {
            Article a = kb.doCreateArticle(Authenticated.staff(ctx), input(ctx));
            ctx.status(201).json(Map.of("id", Long.toString(a.id()), "url", a.path()));
        });
        r.put("/api/v1/kb/articles/{id}", ctx -> {
            Viewer editor = Authenticated.viewer(ctx);
            ctx.json(article(kb.doUpdateArticle(editor, id(ctx), input(ctx))));
        });
        r.get("/api/v1/kb/articles/{id}", ctx -> {
            Article a = optionalStaff(ctx) != null ? kb.accessArticle(Authenticated.viewer(ctx), id(ctx))
                    : kb.findPublished(id(ctx)).orElseThrow(() -> ApiError.notFound("Article"));
            ctx.json(article(a));
        });
        r.post("/api/v1/kb/events", this::event);
    }

    private void search(Context ctx) {
        searchesPerIp.acquire(WebKernel.clientIp(ctx));
        String limit = ctx.queryParam("limit");
        int n;
        try {
            n = limit == null ? 5 : Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            throw ApiError.invalid("limit", "limit must be a whole number");
        }
        List<SearchResult> results = kb.publicSearch(ctx.queryParam("q"), ctx.queryParam("lang"), n);
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("results", results.stream().map(KbApi::result).toList()));
    }

    static Map<String, Object> result(SearchResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(r.id()));
        m.put("title", r.title());
        m.put("snippet", r.snippet().text());
        m.put("highlights", r.snippet().marks().stream().map(k -> List.of(k.start(), k.end())).toList());
        m.put("score", r.score());
        m.put("url", r.path());
        return m;
    }

    private void event(Context ctx) {
        eventsPerIp.acquire(WebKernel.clientIp(ctx));
        JsonBody body = JsonBody.of(ctx, web.json());
        String article = body.optText("articleId");
        signals.doRecordWidgetEvent(body.text("visitorKey"), body.text("kind"), article == null ? null : Ids.field("articleId", article),
                body.optText("question"), body.optText("lang"));
        ctx.status(204);
    }

    private KbService.ArticleInput input(Context ctx) {
        JsonBody body = JsonBody.of(ctx, web.json(), MAX_ARTICLE_REQUEST);
        String translationOf = body.optText("translationOf");
        return new KbService.ArticleInput(body.optText("title"), body.optText("body"), body.optText("lang"),
                body.optText("status"), body.optText("service"), body.textList("tags"),
                translationOf == null ? null : Ids.field("translationOf", translationOf));
    }

    private static Map<String, Object> article(Article a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(a.id()));
        m.put("lang", a.lang());
        m.put("title", a.title());
        m.put("body", a.body());
        m.put("html", KbService.html(a.body()).orElse(null)); // null: saved before nesting was bounded
        m.put("status", a.status().code());
        m.put("service", a.service());
        m.put("tags", a.tags());
        m.put("url", a.path());
        m.put("revision", a.revision());
        m.put("views", a.views());
        m.put("helpful", Map.of("yes", a.helpfulYes(), "no", a.helpfulNo()));
        m.put("source", a.sourceKind() == null ? null : Map.of("kind", a.sourceKind(), "ref", a.sourceRef()));
        m.put("updatedAt", a.updatedAt());
        return m;
    }

    /** Staff see drafts too; anyone else only published articles. */
    private static Staff optionalStaff(Context ctx) {
        try {
            return Authenticated.staff(ctx);
        } catch (ApiError notSignedIn) {
            return null;
        }
    }

    private static long id(Context ctx) {
        return Ids.path(ctx, "id", "Article");
    }
}
