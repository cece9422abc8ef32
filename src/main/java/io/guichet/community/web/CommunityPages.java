package io.guichet.community.web;

import io.guichet.community.Community;
import io.guichet.community.Engagement;
import io.guichet.community.Group;
import io.guichet.community.GroupThread;
import io.guichet.community.Listening;
import io.guichet.community.Member;
import io.guichet.community.MemberForm;
import io.guichet.community.Members;
import io.guichet.community.Post;
import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.Markdown;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The network's pages. Public: the sign-up {@code /anciens} (French) and {@code /alumni} (English), phone first; the
 * confirmation link {@code /link/anciens/confirmer} (which opens the member's pages with a cookie); a group
 * {@code /anciens/groupes/{id}} with its threads, joining and replying. Staff, under the "Pilotage" menu: the rare
 * birds {@code /community}, listening {@code /community/listening}, a group with its moderation and capture
 * {@code /community/groups/{id}}.
 */
public final class CommunityPages {
    public static final String MEMBER_COOKIE = "guichet_member";
    static final NavEntry<Staff> BIRDS = NavEntry.of("community", "nav.community", "/community", Access::canRunCommunity);
    public static final List<NavEntry<Staff>> NAV = List.of(BIRDS.withSection(List.of(BIRDS,
            NavEntry.of("community-listening", "nav.community.listening", "/community/listening", Access::canRunCommunity))));
    private static final FormErrors ERRORS = new FormErrors("community-join", Set.of("name", "email", "graduationYear", "programme", "city",
            "employer", "jobTitle", "linkedin", "skills", "willing", "shownToMembers", "shownToStaff"), Map.of());
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/community/community.css"), List.of());

    private final Community c;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;
    private final RateLimiter signUpsPerIp;

    public CommunityPages(Community c, WebKernel web, StaffShells shells, Times times, boolean rateLimits) {
        this.c = c;
        this.web = web;
        this.shells = shells;
        this.times = times;
        this.signUpsPerIp = new RateLimiter(rateLimits, 10);
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/anciens", ctx -> join(ctx, Messages.FR, Map.of(), Map.of(), false, 200));
        r.get("/alumni", ctx -> join(ctx, Messages.EN, Map.of(), Map.of(), false, 200));
        r.post("/anciens", ctx -> signUp(ctx, Messages.FR));
        r.post("/alumni", ctx -> signUp(ctx, Messages.EN));
        r.get("/link/anciens/confirmer", this::confirm);
        r.get("/anciens/groupes/{id}", this::groupPage);
        r.post("/anciens/groupes/{id}/rejoindre", ctx -> {
            long id = Ids.path(ctx, "id", "Group");
            c.groups().doJoin(member(ctx), id);
            ctx.redirect("/anciens/groupes/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
        });
        r.post("/anciens/fils/{id}/reponses", ctx -> {
            long thread = Ids.path(ctx, "id", "Thread");
            Member me = member(ctx);
            Post p = c.groups().doReply(me, null, thread, ctx.formParam("body"));
            long group = c.groups().accessThread(me, null, p.threadId()).groupId();
            ctx.redirect("/anciens/groupes/" + group + "#post-" + p.id(), io.javalin.http.HttpStatus.SEE_OTHER);
        });
        r.get("/community", this::birdsPage);
        r.get("/community/listening", this::listeningPage);
        r.get("/community/groups/{id}", this::staffGroupPage);
        r.post("/community/posts/{id}/capture", ctx -> {
            var a = c.groups().doCapture(Authenticated.forPage(ctx), Ids.path(ctx, "id", "Post"));
            ctx.redirect("/kb/articles/" + a.id(), io.javalin.http.HttpStatus.SEE_OTHER);
        });
    }

    private CommunityViews.Public pub(Localizer t, String title) {
        return new CommunityViews.Public(t, title, Messages.FR.equals(t.lang()) ? "/alumni" : "/anciens");
    }

    // ---- joining -------------------------------------------------------------------------------------------------

    private void join(Context ctx, String lang, Map<String, String> typed, Map<String, String> errors, boolean sent, int status) {
        Localizer t = web.messages().in(lang);
        List<String> willing = ctx.formParams("willing");
        List<CommunityViews.Option> w = Member.WILLING.stream().map(x -> new CommunityViews.Option(x, t.t("community.willing." + x), willing.contains(x))).toList();
        String sm = typed.getOrDefault("shownToMembers", "profile"), ss = typed.getOrDefault("shownToStaff", "contact");
        ctx.status(status);
        web.renderTo(ctx, "community/join.jte", Map.of("v", new CommunityViews.JoinPage(pub(t, t.t("community.join.title")),
                Messages.FR.equals(lang) ? "/anciens" : "/alumni", WebKernel.csrf(ctx), typed, w, levels(t, sm), levels(t, ss),
                "on".equals(typed.get("consent")), errors, sent)));
    }

    private static List<CommunityViews.Option> levels(Localizer t, String chosen) {
        return Member.VISIBILITY.stream().map(x -> new CommunityViews.Option(x, t.t("community.visibility." + x), x.equals(chosen))).toList();
    }

    private void signUp(Context ctx, String lang) {
        signUpsPerIp.acquire(WebKernel.clientIp(ctx));
        Map<String, String> typed = new LinkedHashMap<>();
        for (String f : List.of("name", "email", "graduationYear", "programme", "city", "employer", "jobTitle", "linkedin", "skills",
                "shownToMembers", "shownToStaff", "consent")) {
            String v = ctx.formParam(f);
            if (v != null) typed.put(f, v);
        }
        Localizer t = web.messages().in(lang);
        try {
            c.members().doSignUp(new MemberForm(typed.get("name"), typed.get("email"), lang, typed.get("graduationYear"), typed.get("programme"),
                    typed.get("city"), typed.get("employer"), typed.get("jobTitle"), typed.get("linkedin"), typed.get("skills"), ctx.formParams("willing"),
                    "on".equals(typed.get("consent")), typed.get("shownToMembers"), typed.get("shownToStaff"), ctx.formParam("website")));
            join(ctx, lang, Map.of(), Map.of(), true, 201);
        } catch (ApiError e) {
            if (e.status() == 429) throw e;
            join(ctx, lang, typed, ERRORS.all(e, t), false, e.status());
        }
    }

    private void confirm(Context ctx) {
        Members.Confirmed done = c.members().doConfirm(ctx.queryParam("t"));
        ctx.res().addHeader("Set-Cookie", MEMBER_COOKIE + "=" + done.session() + "; Path=/anciens; Max-Age=" + Members.SESSION_FOR.toSeconds()
                + "; SameSite=Lax; HttpOnly" + WebKernel.secureFlag(ctx));
        Localizer t = web.messages().in(done.member().lang());
        web.renderTo(ctx, "community/welcome.jte", Map.of("v", new CommunityViews.Welcome(pub(t, t.t("community.welcome.title")),
                done.member().name(), WebKernel.csrf(ctx), groupLinks(t, done.member()))));
    }

    private List<CommunityViews.GroupLink> groupLinks(Localizer t, Member m) {
        List<Long> mine = m == null ? List.of() : c.groups().findGroupsOf(m);
        return c.groups().findGroups().stream().map(g -> new CommunityViews.GroupLink(g.id(), g.name(), t.plural("community.group.members", g.members()),
                mine.contains(g.id()))).toList();
    }

    private Optional<Member> memberOrEmpty(Context ctx) {
        String token = ctx.cookie(MEMBER_COOKIE);
        return token == null ? Optional.empty() : c.members().findBySession(token);
    }

    private Member member(Context ctx) {
        return memberOrEmpty(ctx).orElseThrow(ApiError::unauthorized);
    }

    // ---- a group, as a member reads it ---------------------------------------------------------------------------

    private void groupPage(Context ctx) {
        Member me = member(ctx);
        Localizer t = web.messages().in(me.lang());
        Group g = c.groups().findGroup(Ids.path(ctx, "id", "Group"));
        List<CommunityViews.ThreadView> threads = threads(t, c.groups().accessThreads(me, null, g.id()));
        web.renderTo(ctx, "community/group.jte", Map.of("v", new CommunityViews.GroupPage(pub(t, g.name()), WebKernel.csrf(ctx), g.id(), g.name(),
                g.description(), c.groups().findGroupsOf(me).contains(g.id()), threads)));
    }

    private List<CommunityViews.ThreadView> threads(Localizer t, List<GroupThread> threads) {
        List<CommunityViews.ThreadView> out = new ArrayList<>();
        for (GroupThread th : threads) {
            List<CommunityViews.PostView> posts = th.posts().stream().map(p -> post(t, p)).toList();
            out.add(new CommunityViews.ThreadView(th.id(), th.title(), th.locked(), posts.getFirst(), posts.subList(1, posts.size())));
        }
        return out;
    }

    private CommunityViews.PostView post(Localizer t, Post p) {
        String html;
        try {
            html = Markdown.html(p.body());
        } catch (Markdown.Unrenderable e) {
            html = "";
        }
        return new CommunityViews.PostView(p.id(), p.authorName().isEmpty() ? t.t("community.post.former") : p.authorName(), html,
                times.dateTime(p.createdAt(), t), "held".equals(p.status()), "hidden".equals(p.status()), p.helpful(), p.reports(), p.articleId());
    }

    // ---- staff ---------------------------------------------------------------------------------------------------

    private void birdsPage(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireCommunity(me);
        Localizer t = web.localizer(ctx);
        String q = ctx.queryParam("q");
        List<CommunityViews.BirdRow> birds = c.rareBirds().accessRareBirds(me, q).stream()
                .map(b -> new CommunityViews.BirdRow(b.member().id(), b.member().name(), b.rank(), Engagement.reason(t, b.score(), b.skillsShown()))).toList();
        web.renderTo(ctx, "community/birds.jte", Map.of("v", new CommunityViews.BirdsPage(shells.of(ctx, "community", ASSETS), q == null ? "" : q, birds,
                groupLinks(t, null))));
    }

    private void staffGroupPage(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireCommunity(me);
        Localizer t = web.localizer(ctx);
        Group g = c.groups().findGroup(Ids.path(ctx, "id", "Group"));
        web.renderTo(ctx, "community/staff-group.jte", Map.of("v", new CommunityViews.StaffGroupPage(shells.of(ctx, "community", ASSETS), g.id(),
                g.name(), threads(t, c.groups().accessThreads(null, me, g.id())))));
    }

    private void listeningPage(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireCommunity(me);
        Localizer t = web.localizer(ctx);
        Map<String, String> errors = new LinkedHashMap<>();
        Listening.Period p;
        try {
            p = c.listening().period(ctx.queryParam("from"), ctx.queryParam("to"), LocalDate.now(c.zone()));
        } catch (ApiError e) {
            errors.put("from", t.t("community.listening.badPeriod"));
            p = c.listening().period(null, null, LocalDate.now(c.zone()));
        }
        Listening.Report r = c.listening().accessListening(me, p);
        List<CommunityViews.QuestionRow> questions = r.questions().stream().limit(30).map(q -> new CommunityViews.QuestionRow(q.groupId(), q.group(), q.title(),
                t.plural("community.listening.replies", q.replies()), q.answered())).toList();
        web.renderTo(ctx, "community/listening.jte", Map.of("v", new CommunityViews.ListeningPage(shells.of(ctx, "community-listening", ASSETS),
                p.from().toString(), p.to().toString(), errors, bars(r.terms()), bars(r.phrases()), bars(r.newThisWeek()), questions,
                t.plural("community.listening.unanswered", r.unanswered()), bars(r.activeMembers()),
                bars(r.growth().stream().map(g -> new Listening.Count(g.name(), g.joined())).toList()))));
    }

    private static List<CommunityViews.Bar> bars(List<Listening.Count> counts) {
        int max = counts.stream().mapToInt(Listening.Count::count).max().orElse(1);
        return counts.stream().map(x -> new CommunityViews.Bar(x.value(), x.count(), max == 0 ? 0 : Math.round(100f * x.count() / max))).toList();
    }
}
