package io.guichet.community.web;

import io.guichet.community.Directory;
import io.guichet.community.Engagement;
import io.guichet.community.Groups;
import io.guichet.community.Listening;
import io.guichet.community.Member;
import io.guichet.community.MemberForm;
import io.guichet.community.Members;
import io.guichet.community.Mentoring;
import io.guichet.community.Pairing;
import io.guichet.community.Post;
import io.guichet.community.RareBirds;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The network's API (docs/api.md, "Community"). A member calls with the header {@value #MEMBER_HEADER} (the token of
 * their confirmation; a header, not a cookie, so no other site can call on their behalf); staff with their session
 * or bearer token. The public sign-up is rate-limited per address.
 */
public final class CommunityApi {
    public static final String MEMBER_HEADER = "X-Community-Member";
    private final Members members;
    private final Directory directory;
    private final Groups groups;
    private final RareBirds rareBirds;
    private final Listening listening;
    private final Mentoring mentoring;
    private final WebKernel web;
    private final ZoneId zone;
    private final RateLimiter signUpsPerIp;

    public CommunityApi(io.guichet.community.Community c, WebKernel web, ZoneId zone, boolean rateLimits) {
        this.members = c.members();
        this.directory = c.directory();
        this.groups = c.groups();
        this.rareBirds = c.rareBirds();
        this.listening = c.listening();
        this.mentoring = c.mentoring();
        this.web = web;
        this.zone = zone;
        this.signUpsPerIp = new RateLimiter(rateLimits, 10);
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/community/members", ctx -> {
            signUpsPerIp.acquire(WebKernel.clientIp(ctx));
            JsonBody b = JsonBody.of(ctx, web.json());
            members.doSignUp(form(b));
            // the same answer whether stored or a robot's: the honeypot tells a robot nothing
            ctx.status(201).json(Map.of("status", "pending"));
        });
        r.get("/api/v1/community/directory", ctx -> {
            Directory.Viewer viewer = viewer(ctx);
            ctx.json(directory.accessDirectory(viewer, Directory.Filter.of(ctx.queryParam("q"), ctx.queryParam("year"), ctx.queryParam("programme"),
                    ctx.queryParam("skill"), ctx.queryParam("city"), ctx.queryParam("willing"))));
        });
        r.post("/api/v1/community/me/visibility", ctx -> {
            Member me = member(ctx).orElseThrow(ApiError::unauthorized);
            JsonBody b = JsonBody.of(ctx, web.json());
            Member m = members.doSetVisibility(me, b.optText("shownToMembers"), b.optText("shownToStaff"), b.bool("hidden", me.hidden()));
            ctx.json(Map.of("shownToMembers", m.shownToMembers(), "shownToStaff", m.shownToStaff(), "hidden", m.hidden()));
        });
        r.delete("/api/v1/community/me", ctx -> {
            members.doLeave(member(ctx).orElseThrow(ApiError::unauthorized), WebKernel.clientIp(ctx));
            ctx.status(204);
        });
        r.get("/api/v1/community/groups", ctx -> {
            viewer(ctx);
            ctx.json(Map.of("groups", groups.findGroups()));
        });
        r.post("/api/v1/community/groups", ctx -> {
            JsonBody b = JsonBody.of(ctx, web.json());
            ctx.status(201).json(groups.doCreateGroup(Authenticated.staff(ctx), b.optText("slug"), b.optText("name"), b.optText("description"), b.optText("kind")));
        });
        r.post("/api/v1/community/groups/{id}/members", ctx -> {
            groups.doJoin(member(ctx).orElseThrow(ApiError::unauthorized), Ids.path(ctx, "id", "Group"));
            ctx.status(204);
        });
        r.get("/api/v1/community/groups/{id}/threads", ctx -> {
            Directory.Viewer v = viewer(ctx);
            Member m = v.memberId() == null ? null : members.findActive(v.memberId()).orElseThrow(ApiError::unauthorized);
            ctx.json(Map.of("threads", groups.accessThreads(m, v.staff(), Ids.path(ctx, "id", "Group"))));
        });
        r.post("/api/v1/community/groups/{id}/threads", ctx -> {
            JsonBody b = JsonBody.of(ctx, web.json());
            Post p = groups.doStartThread(member(ctx).orElseThrow(ApiError::unauthorized), Ids.path(ctx, "id", "Group"), b.optText("title"), b.optText("body"));
            ctx.status(201).json(p);
        });
        r.post("/api/v1/community/threads/{id}/replies", ctx -> {
            JsonBody b = JsonBody.of(ctx, web.json());
            var m = member(ctx);
            Post p = groups.doReply(m.orElse(null), m.isPresent() ? null : Authenticated.staff(ctx), Ids.path(ctx, "id", "Thread"), b.optText("body"));
            ctx.status(201).json(p);
        });
        r.post("/api/v1/community/threads/{id}/lock", ctx -> {
            groups.doLock(Authenticated.staff(ctx), Ids.path(ctx, "id", "Thread"), JsonBody.of(ctx, web.json()).bool("locked", true));
            ctx.status(204);
        });
        r.post("/api/v1/community/posts/{id}/report", ctx -> {
            groups.doReport(member(ctx).orElseThrow(ApiError::unauthorized), Ids.path(ctx, "id", "Post"));
            ctx.status(204);
        });
        r.post("/api/v1/community/posts/{id}/moderation", ctx ->
                ctx.json(groups.doModerate(Authenticated.staff(ctx), Ids.path(ctx, "id", "Post"), JsonBody.of(ctx, web.json()).optText("action"))));
        r.post("/api/v1/community/posts/{id}/helpful", ctx ->
                ctx.json(groups.doMarkHelpful(Authenticated.staff(ctx), Ids.path(ctx, "id", "Post"), JsonBody.of(ctx, web.json()).bool("helpful", true))));
        r.post("/api/v1/community/posts/{id}/capture", ctx -> {
            var a = groups.doCapture(Authenticated.staff(ctx), Ids.path(ctx, "id", "Post"));
            ctx.status(201).json(Map.of("articleId", a.id(), "title", a.title(), "status", a.status().code()));
        });
        r.get("/api/v1/community/rare-birds", ctx -> {
            Staff me = Authenticated.staff(ctx);
            Messages.Localizer t = web.localizer(ctx);
            ctx.json(Map.of("members", rareBirds.accessRareBirds(me, ctx.queryParam("q")).stream().map(b -> bird(t, b)).toList()));
        });
        r.get("/api/v1/community/listening", ctx -> {
            Staff me = Authenticated.staff(ctx);
            ctx.json(listening.accessListening(me, listening.period(ctx.queryParam("from"), ctx.queryParam("to"), LocalDate.now(zone))));
        });
        r.post("/api/v1/community/mentoring/rounds", ctx -> {
            JsonBody b = JsonBody.of(ctx, web.json());
            Integer k = b.optInt("maxMentees");
            ctx.status(201).json(mentoring.doOpenRound(Authenticated.staff(ctx), b.optText("name"), k == null ? 1 : k));
        });
        r.post("/api/v1/community/mentoring/rounds/{id}/participants", ctx -> {
            JsonBody b = JsonBody.of(ctx, web.json());
            ctx.status(201).json(mentoring.doAddParticipant(Authenticated.staff(ctx), Ids.path(ctx, "id", "Round"), new Mentoring.Questionnaire(
                    b.optText("side"), b.optText("name"), b.optText("email"), b.textList("teach"), b.textList("learn"), b.textList("languages"),
                    b.textList("availability"), b.textList("formats"))));
        });
        r.post("/api/v1/community/mentoring/rounds/{id}/proposal", ctx -> {
            Messages.Localizer t = web.localizer(ctx);
            Pairing.Proposal p = mentoring.accessProposal(Authenticated.staff(ctx), Ids.path(ctx, "id", "Round"));
            ctx.json(Map.of("total", p.total(), "pairs", p.pairs().stream().map(x -> pair(t, x)).toList(),
                    "unmatched", p.unmatched().stream().map(u -> Map.of("id", u.id(), "name", u.name())).toList()));
        });
        r.post("/api/v1/community/mentoring/rounds/{id}/pairs", ctx -> {
            JsonBody b = JsonBody.of(ctx, web.json());
            Integer mentor = b.optInt("mentorId"), mentee = b.optInt("menteeId");
            if (mentor == null || mentee == null) throw ApiError.invalid("mentorId", "mentorId and menteeId are required");
            Pairing.Pair p = mentoring.doConfirmPair(Authenticated.staff(ctx), Ids.path(ctx, "id", "Round"), mentor, mentee);
            ctx.status(201).json(pair(web.localizer(ctx), p));
        });
    }

    static MemberForm form(JsonBody b) {
        var y = b.has("graduationYear") ? b.node("graduationYear") : null;
        String typedYear = y == null || y.isNull() ? null : y.isIntegralNumber() || y.isTextual() ? y.asText() : "?"; // "?" is refused as a year
        return new MemberForm(b.optText("name"), b.optText("email"), b.optText("lang"), typedYear, b.optText("programme"), b.optText("city"),
                b.optText("employer"), b.optText("jobTitle"), b.optText("linkedin"), String.join(",", b.textList("skills")), b.textList("willing"),
                b.bool("consentAlumni", false), b.optText("shownToMembers"), b.optText("shownToStaff"), b.optText("website"));
    }

    private java.util.Optional<Member> member(Context ctx) {
        String token = ctx.header(MEMBER_HEADER);
        if (token == null) return java.util.Optional.empty();
        return java.util.Optional.of(members.findBySession(token).orElseThrow(ApiError::unauthorized));
    }

    private Directory.Viewer viewer(Context ctx) {
        return member(ctx).map(Directory.Viewer::member).orElseGet(() -> Directory.Viewer.staff(Authenticated.staff(ctx)));
    }

    static Map<String, Object> bird(Messages.Localizer t, RareBirds.Bird b) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", b.member().id());
        out.put("name", b.member().name());
        out.put("score", b.score().total());
        out.put("rank", b.rank());
        out.put("reason", Engagement.reason(t, b.score(), b.skillsShown()));
        out.put("parts", b.score().parts());
        out.put("matchingPosts", b.matchingPosts());
        return out;
    }

    static Map<String, Object> pair(Messages.Localizer t, Pairing.Pair p) {
        return Map.of("mentor", Map.of("id", p.mentor().id(), "name", p.mentor().name()), "mentee", Map.of("id", p.mentee().id(), "name", p.mentee().name()),
                "score", p.fit().score(), "reasons", p.fit().reasons().stream().map(x -> t.t(x.key(), x.detail())).toList());
    }
}
