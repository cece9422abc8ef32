package io.guichet.kb.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import io.guichet.kb.Article;
import io.guichet.kb.HelpSignals;
import io.guichet.kb.KbService;
import io.guichet.kb.SavedReply;
import io.guichet.kb.SavedReplyService;
import io.guichet.kb.SearchResult;
import io.guichet.kb.SynonymService;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/*
 * Over 300 lines: the help centre's staff screens (articles with preview and history, saved replies,
 * synonyms, gaps) share one form vocabulary; the public pages and the JSON API are apart.
 */
/**
 * Staff screens of the help centre: articles (write, preview, publish, translate, retire), saved
 * replies, synonyms, the gaps report; and what the agent console loads from here: suggested
 * articles for a conversation, saved replies for the {@code /name} shortcut, "make an article".
 */
public final class KbStaffRoutes {
    /** The help centre's entry in the staff navigation, with its screens as the section's own bar. */
    public static final List<NavEntry<Staff>> NAV = List.of(NavEntry.<Staff>of("kb", "nav.kb", "/kb/articles", Access::isStaff)
            .withSection(List.of(
                    NavEntry.of("kb.articles", "kb.nav.articles", "/kb/articles", Access::isStaff),
                    NavEntry.of("kb.replies", "kb.nav.replies", "/kb/replies", Access::isStaff),
                    NavEntry.of("kb.gaps", "kb.nav.gaps", "/kb/gaps", Access::isStaff),
                    NavEntry.of("kb.synonyms", "kb.nav.synonyms", "/kb/synonyms", Access::isStaff),
                    new NavEntry<>("kb.public", "kb.nav.public", HelpCentreRoutes::home, Access::isStaff, List.of()))));
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/kb/staff.css"), List.of());
    private static final FormErrors ARTICLE_ERRORS = new FormErrors("kb-article", Set.of("title", "body", "lang", "service", "tags"),
            Map.of("too_large", "body", "unknown_service", "service"));
    private static final FormErrors REPLY_ERRORS = new FormErrors("kb-reply", Set.of("name", "body", "service"),
            Map.of("name_taken", "name", "forbidden", "service", "unknown_service", "service"));
    private static final FormErrors SYNONYM_ERRORS = new FormErrors("kb-synonyms", Set.of("rules"), Map.of());

    private final KbService kb;
    private final SavedReplyService replies;
    private final SynonymService synonyms;
    private final HelpSignals signals;
    private final ServiceCatalogue services;
    private final IdentityService identity;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    public KbStaffRoutes(KbService kb, SavedReplyService replies, SynonymService synonyms, HelpSignals signals,
                         ServiceCatalogue services, IdentityService identity, WebKernel web, StaffShells shells, Times times) {
        this.kb = kb;
        this.replies = replies;
        this.synonyms = synonyms;
        this.signals = signals;
        this.services = services;
        this.identity = identity;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/kb", ctx -> {
            Authenticated.forPage(ctx);
            ctx.redirect("/kb/articles");
        });
        r.get("/kb/articles", this::articles);
        r.get("/kb/articles/new", ctx -> newArticle(ctx, null));
        r.post("/kb/articles", this::create);
        r.get("/kb/articles/{id}", ctx -> edit(ctx, null));
        r.post("/kb/articles/{id}", this::update);
        r.post("/kb/preview", ctx -> {
            Authenticated.forPage(ctx);
            String body = ctx.formParam("body");
            web.renderTo(ctx, "kb/fragments/preview.jte", Map.of("t", web.localizer(ctx), "html",
                    body == null || body.isBlank() ? "" : KbService.html(body).orElse(null)));
        });
        r.get("/kb/replies", ctx -> replies(ctx, null, null));
        r.post("/kb/replies", this::createReply);
        r.post("/kb/replies/{id}/delete", ctx -> {
            replies.doDeleteSavedReply(Authenticated.forPage(ctx), Ids.path(ctx, "id", "Saved reply"));
            ctx.redirect("/kb/replies?deleted=1");
        });
        r.get("/kb/replies.json", this::repliesJson);
        r.get("/kb/synonyms", ctx -> synonyms(ctx, null, null, null));
        r.post("/kb/synonyms", this::saveSynonyms);
        r.get("/kb/gaps", this::gaps);
        r.get("/kb/console/suggestions", this::suggestions);
        r.post("/kb/capture/conversation/{id}", ctx -> {
            Article draft = kb.doDraftFromConversation(Authenticated.viewerForPage(ctx), Ids.field("conversation", ctx.pathParam("id")));
            ctx.redirect("/kb/articles/" + draft.id());
        });
    }

    private StaffShell shell(Context ctx, String active) {
        return shells.of(ctx, "kb." + active, ASSETS);
    }

    // ---------------------------------------------------------------- articles

    private void articles(Context ctx) {
        Viewer me = Authenticated.viewerForPage(ctx);
        Localizer t = web.localizer(ctx);
        String lang = "fr".equals(ctx.queryParam("lang")) || "en".equals(ctx.queryParam("lang")) ? ctx.queryParam("lang") : null;
        Article.Status status = Article.Status.fromCode(ctx.queryParam("status"));
        String q = Fields.optional("q", ctx.queryParam("q"), 200);
        boolean untranslated = ctx.queryParam("untranslated") != null;
        int page = ctx.queryParam("page") != null && ctx.queryParam("page").matches("[1-9][0-9]{0,5}") ? Integer.parseInt(ctx.queryParam("page")) : 1;
        KbService.ArticleList list = kb.accessArticleList(me, new KbService.ArticleQuery(q, lang, status, untranslated, page));
        List<KbViews.ArticleRow> rows = list.rows().stream().map(p -> {
            Article any = p.fr() != null ? p.fr() : p.en();
            return new KbViews.ArticleRow(cell(p.fr(), p.en(), t), cell(p.en(), p.fr(), t), kb.serviceName(any.service(), t.lang()),
                    times.date(p.updated(), t),
                    p.both().mapToLong(Article::views).sum(), p.both().mapToInt(Article::helpfulYes).sum(), p.both().mapToInt(Article::helpfulNo).sum());
        }).toList();
        web.renderTo(ctx, "kb/articles.jte", Map.of("v", new KbViews.ArticlesPage(shell(ctx, "articles"), rows, list.total(), list.page(),
                list.pages(), q == null ? "" : q, lang == null ? "" : lang, status == null ? "" : status.code(), untranslated, null)));
    }

    /** A version's cell, or the "translate" offer when only the other language exists (and is not retired). */
    private static KbViews.ArticleCell cell(Article a, Article other, Localizer t) {
        if (a != null) {
            return new KbViews.ArticleCell(a.id(), a.title(), a.status().code(), t.t("kb.status." + a.status().code()), KbService.displayable(a.body()), null);
        }
        return new KbViews.ArticleCell(null, null, null, null, true, other.status() == Article.Status.RETIRED ? null : other.id());
    }

    private void newArticle(Context ctx, KbViews.ArticleForm failed) {
        Viewer me = Authenticated.viewerForPage(ctx);
        KbViews.ArticleForm form = failed;
        if (form == null) {
            Long translate = ctx.queryParam("translate") == null ? null : Ids.field("translate", ctx.queryParam("translate"));
            if (translate != null) {
                Article original = kb.accessArticle(me, translate);
                form = new KbViews.ArticleForm(0, original.title(), original.body(), "fr".equals(original.lang()) ? "en" : "fr",
                        original.service(), String.join(", ", original.tags()), "draft", original.id(), null, null);
            } else {
                String title = ctx.queryParam("title") == null ? "" : ctx.queryParam("title"); // from the gaps report
                String lang = "en".equals(ctx.queryParam("lang")) || "fr".equals(ctx.queryParam("lang")) ? ctx.queryParam("lang") : web.localizer(ctx).lang();
                form = new KbViews.ArticleForm(0, title, "", lang, null, "", "draft", null, null, null);
            }
        }
        renderEdit(ctx, me, form, null, null);
    }

    private void create(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        KbViews.ArticleForm typed = typed(ctx, 0);
        try {
            Article a = kb.doCreateArticle(me, input(typed, ctx.formParam("action")));
            ctx.redirect("/kb/articles/" + a.id() + "?saved=1");
        } catch (ApiError e) {
            ctx.status(e.status() == 413 ? 413 : 422);
            newArticle(ctx, failed(typed, e, web.localizer(ctx)));
        }
    }

    private void edit(Context ctx, KbViews.ArticleForm failed) {
        Viewer me = Authenticated.viewerForPage(ctx);
        long id = Ids.path(ctx, "id", "Article");
        Article a = kb.accessArticle(me, id);
        KbViews.ArticleForm form = failed != null ? failed : new KbViews.ArticleForm(a.id(), a.title(), a.body(), a.lang(),
                a.service(), String.join(", ", a.tags()), a.status().code(), null, null, null);
        String notice = ctx.queryParam("saved") != null ? web.localizer(ctx).t("kb.edit.saved") : null;
        renderEdit(ctx, me, form, a, notice);
    }

    private void update(Context ctx) {
        Viewer me = Authenticated.viewerForPage(ctx);
        long id = Ids.path(ctx, "id", "Article");
        KbViews.ArticleForm typed = typed(ctx, id);
        try {
            kb.doUpdateArticle(me, id, input(typed, ctx.formParam("action")));
            ctx.redirect("/kb/articles/" + id + "?saved=1");
        } catch (ApiError e) {
            if (e.status() == 404) throw e;
            ctx.status(e.status() == 413 ? 413 : 422);
            edit(ctx, failed(typed, e, web.localizer(ctx)));
        }
    }

    private void renderEdit(Context ctx, Viewer me, KbViews.ArticleForm form, Article a, String notice) {
        Localizer t = web.localizer(ctx);
        List<KbViews.Option> choices = new ArrayList<>();
        for (ServiceQueue s : services.findActive()) choices.add(new KbViews.Option(s.slug(), s.name(t.lang())));
        List<KbViews.RevisionRow> revisions = a == null ? List.of() : kb.accessRevisions(me, a.id()).stream()
                .map(r -> new KbViews.RevisionRow(r.number(), r.authorId() == null ? "—" : identity.staffName(r.authorId()),
                        times.dateTime(r.createdAt(), t),
                        t.t("kb.status." + r.status().code()), r.title(), r.body()))
                .toList();
        String sourceLabel = null;
        String sourceUrl = null;
        String translationUrl = null;
        String translateUrl = null;
        String stats = null;
        if (a != null) {
            if ("conversation".equals(a.sourceKind())) {
                sourceLabel = t.t("kb.edit.sourceConversation", a.sourceRef());
                sourceUrl = "/console/c/" + a.sourceRef();
            } else if ("live".equals(a.sourceKind())) {
                String slug = a.sourceRef().substring(0, a.sourceRef().indexOf('/'));
                sourceLabel = t.t("kb.edit.sourceLive", slug, a.sourceRef().substring(slug.length() + 1));
                sourceUrl = "/live/" + slug + "/moderate";
            } else if (a.sourceKind() != null) {
                sourceLabel = t.t("kb.edit.sourceOther", a.sourceKind(), a.sourceRef());
            }
            var translation = kb.accessTranslation(me, a);
            translationUrl = translation.map(x -> "/kb/articles/" + x.id()).orElse(null);
            if (translation.isEmpty()) translateUrl = "/kb/articles/new?translate=" + a.id();
            stats = t.t("kb.edit.stats", a.views(), a.helpfulYes(), a.helpfulNo());
        }
        String preview = form.body() == null || form.body().isBlank() ? "" : KbService.html(form.body()).orElse(null);
        web.renderTo(ctx, "kb/article-edit.jte", Map.of("v", new KbViews.EditPage(shell(ctx, "articles"), Access.canPublishArticles(me.staff()), form,
                preview, choices, revisions, sourceLabel, sourceUrl, translationUrl, translateUrl,
                a != null && a.published() ? a.path() : null, stats, notice)));
    }

    private static KbViews.ArticleForm typed(Context ctx, long id) {
        String translationOf = ctx.formParam("translationOf");
        return new KbViews.ArticleForm(id, nz(ctx.formParam("title")), nz(ctx.formParam("body")), nz(ctx.formParam("lang")),
                ctx.formParam("service"), nz(ctx.formParam("tags")), nz(ctx.formParam("status")),
                translationOf == null || translationOf.isBlank() ? null : Ids.field("translationOf", translationOf), null, null);
    }

    /** The form's button says what to do: save as draft, publish, retire. */
    private static KbService.ArticleInput input(KbViews.ArticleForm f, String action) {
        String status = switch (action == null ? "" : action) {
            case "publish" -> "published";
            case "retire" -> "retired";
            default -> "draft";
        };
        List<String> tags = Arrays.stream(f.tags().split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        return new KbService.ArticleInput(f.title(), f.body(), f.lang(), status,
                f.service() == null || f.service().isBlank() ? null : f.service(), tags, f.translationOf());
    }

    private static KbViews.ArticleForm failed(KbViews.ArticleForm f, ApiError e, Localizer t) {
        FormErrors.Shown error = ARTICLE_ERRORS.of(e, t);
        return new KbViews.ArticleForm(f.id(), f.title(), f.body(), f.lang(), f.service(), f.tags(), f.status(),
                f.translationOf(), error.field(), error.message());
    }

    // ---------------------------------------------------------------- saved replies

    private void replies(Context ctx, KbViews.ReplyForm failed, String notice) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        List<KbViews.Option> choices = new ArrayList<>();
        for (ServiceQueue s : services.findActive()) choices.add(new KbViews.Option(s.slug(), s.name(t.lang())));
        if (notice == null && ctx.queryParam("saved") != null) notice = t.t("kb.replies.saved");
        if (notice == null && ctx.queryParam("deleted") != null) notice = t.t("kb.replies.deleted");
        KbViews.ReplyForm form = failed != null ? failed : new KbViews.ReplyForm("", "", "", null, null);
        web.renderTo(ctx, "kb/replies.jte", Map.of("v", new KbViews.RepliesPage(shell(ctx, "replies"), me.id(),
                replies.accessSavedReplies(Authenticated.viewer(ctx)), choices, Access.canPublishArticles(me), form, notice)));
    }

    private void createReply(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        String service = ctx.formParam("service");
        try {
            replies.doCreateSavedReply(me, ctx.formParam("name"), ctx.formParam("body"), service == null || service.isBlank() ? null : service);
            ctx.redirect("/kb/replies?saved=1");
        } catch (ApiError e) {
            ctx.status(422);
            FormErrors.Shown error = REPLY_ERRORS.of(e, web.localizer(ctx));
            replies(ctx, new KbViews.ReplyForm(nz(ctx.formParam("name")), nz(ctx.formParam("body")), nz(service),
                    error.field(), error.message()), null);
        }
    }

    /** For the console's {@code /name} shortcut: the viewer's replies whose name starts with {@code q}. */
    private void repliesJson(Context ctx) {
        Staff me = Authenticated.staff(ctx);
        String q = ctx.queryParam("q") == null ? "" : ctx.queryParam("q").strip().toLowerCase(java.util.Locale.ROOT);
        List<Map<String, Object>> out = new ArrayList<>();
        for (SavedReply r : replies.accessSavedReplies(Authenticated.viewer(ctx))) {
            if (!r.name().startsWith(q)) continue;
            out.add(Map.of("name", r.name(), "body", r.body(), "scope",
                    r.personal() ? web.localizer(ctx).t("kb.replies.personal") : kb.serviceName(r.service(), web.localizer(ctx).lang())));
        }
        ctx.header("Cache-Control", "no-store");
        ctx.json(Map.of("replies", out));
    }

    // ---------------------------------------------------------------- synonyms and gaps

    private void synonyms(Context ctx, String errorLang, String error, Map<String, String> typed) {
        Staff me = Authenticated.forPage(ctx);
        String notice = ctx.queryParam("saved") != null ? web.localizer(ctx).t("kb.synonyms.saved") : null;
        String fr = typed != null && typed.containsKey("fr") ? typed.get("fr") : synonyms.accessSynonyms(me, "fr");
        String en = typed != null && typed.containsKey("en") ? typed.get("en") : synonyms.accessSynonyms(me, "en");
        web.renderTo(ctx, "kb/synonyms.jte", Map.of("v", new KbViews.SynonymsPage(shell(ctx, "synonyms"), fr, en,
                me.isSupervisor(), errorLang, error, notice)));
    }

    private void saveSynonyms(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        String lang = ctx.formParam("lang");
        String rules = ctx.formParam("rules");
        try {
            synonyms.doSaveSynonyms(me, lang, rules);
            ctx.redirect("/kb/synonyms?saved=1");
        } catch (ApiError e) {
            if (e.status() == 403) throw e;
            ctx.status(422);
            synonyms(ctx, lang, SYNONYM_ERRORS.of(e, web.localizer(ctx)).message(), Map.of("fr".equals(lang) ? "fr" : "en", nz(rules)));
        }
    }

    private void gaps(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        int days = "7".equals(ctx.queryParam("days")) ? 7 : "90".equals(ctx.queryParam("days")) ? 90 : 30;
        web.renderTo(ctx, "kb/gaps.jte", Map.of("v", new KbViews.GapsPage(shell(ctx, "gaps"), days,
                signals.accessGaps(me, days), signals.accessUnhelpful(me, days), signals.accessDeflection(me, days))));
    }

    // ---------------------------------------------------------------- for the console

    /** Articles matching the visitor's messages, each with its link and text ready to insert in the reply. */
    private void suggestions(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        long conversation = Ids.field("conversation", ctx.queryParam("conversation"));
        String origin = ctx.scheme() + "://" + ctx.host();
        List<KbViews.Suggestion> items = new ArrayList<>();
        for (SearchResult r : signals.accessSuggestionsFor(Authenticated.viewer(ctx), conversation)) {
            kb.findPublished(r.id()).ifPresent(a -> items.add(new KbViews.Suggestion(a.title(), origin + a.path(),
                    a.title() + "\n\n" + KbService.text(a.body()), r)));
        }
        web.renderTo(ctx, "kb/fragments/suggestions.jte", Map.of("v", new KbViews.Suggestions(web.localizer(ctx), items)));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
