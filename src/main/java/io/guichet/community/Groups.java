package io.guichet.community;

import io.guichet.community.internal.GroupDao;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.kb.Article;
import io.guichet.kb.KbService;
import io.guichet.kb.TextTerms;
import io.guichet.people.PeopleService;
import io.guichet.people.TimelineEntry;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Jdbi;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Groups, their threads and replies, moderation and capture. Any active member reads the groups; posting takes
 * joining the group. A post is Markdown, shown through {@code platform.Markdown} (commonmark, then the sanitiser). A
 * new member's post with a link waits for a moderator ({@code held}) until they have {@value #TRUSTED_AFTER} posts
 * seen by all. Members report; staff hide, show, lock, mark helpful, and capture a reply with its question into a
 * help-centre draft (kb's capture), told on both contacts' timelines.
 */
public final class Groups {
    public static final int MAX_TITLE = 160, MAX_BODY = 10_000, MAX_DESCRIPTION = 500, TRUSTED_AFTER = 3, THREADS_SHOWN = 50;
    private static final Pattern LINK = Pattern.compile("(?i)(https?://|www\\.|\\]\\()");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,59}");

    private final Jdbi jdbi;
    private final KbService kb;
    private final PeopleService people;
    private final Clock clock;

    public Groups(Jdbi jdbi, KbService kb, PeopleService people, Clock clock) {
        this.jdbi = jdbi;
        this.kb = kb;
        this.people = people;
        this.clock = clock;
    }

    public Group doCreateGroup(Staff staff, String slug, String name, String description, String kind) {
        Access.requireCommunity(staff);
        String s = Fields.required("slug", slug, 60);
        if (!SLUG.matcher(s).matches()) throw ApiError.invalid("slug", "slug is lower-case letters, digits and dashes");
        String n = Fields.required("name", name, 120);
        String d = java.util.Objects.requireNonNullElse(Fields.optionalText("description", description, MAX_DESCRIPTION), "");
        String k = kind == null ? "topic" : kind;
        if (!Group.KINDS.contains(k)) throw ApiError.invalid("kind", "kind is among " + Group.KINDS);
        long id = jdbi.inTransaction(h -> new GroupDao(h).insertGroup(s, n, d, k, clock.instant()));
        return findGroup(id);
    }

    public List<Group> findGroups() {
        return jdbi.withHandle(h -> new GroupDao(h).groups());
    }

    public Group findGroup(long id) {
        return jdbi.withHandle(h -> new GroupDao(h).group(id)).orElseThrow(() -> ApiError.notFound("Group"));
    }

    public List<Long> findGroupsOf(Member m) {
        return jdbi.withHandle(h -> new GroupDao(h).groupsOf(m.id()));
    }

    public void doJoin(Member m, long groupId) {
        findGroup(groupId);
        jdbi.useTransaction(h -> new GroupDao(h).join(groupId, m.id(), clock.instant()));
    }

    /** The threads of a group, newest first, each with the posts this reader sees (a member: visible ones and their own). */
    public List<GroupThread> accessThreads(Member reader, Staff staff, long groupId) {
        requireReader(reader, staff);
        findGroup(groupId);
        return jdbi.withHandle(h -> {
            GroupDao dao = new GroupDao(h);
            List<GroupThread> out = new ArrayList<>();
            for (GroupDao.ThreadRow t : dao.threads(groupId, THREADS_SHOWN)) {
                List<Post> posts = dao.posts(t.id()).stream().filter(p -> staff != null || p.visible()
                        || (reader != null && reader.id() == (p.memberId() == null ? -1 : p.memberId()) && "held".equals(p.status()))).toList();
                if (posts.isEmpty() || !posts.getFirst().opening()) continue; // a hidden question hides its thread from members
                out.add(new GroupThread(t.id(), t.groupId(), t.title(), t.locked(), t.createdAt(), posts));
            }
            return out;
        });
    }

    public GroupThread accessThread(Member reader, Staff staff, long threadId) {
        requireReader(reader, staff);
        GroupDao.ThreadRow row = jdbi.withHandle(h -> new GroupDao(h).thread(threadId)).orElseThrow(() -> ApiError.notFound("Thread"));
        return accessThreads(reader, staff, row.groupId()).stream().filter(t -> t.id() == threadId).findFirst()
                .orElseThrow(() -> ApiError.notFound("Thread"));
    }

    private static void requireReader(Member reader, Staff staff) {
        if (staff != null) Access.requireStaff(staff);
        else if (reader == null || !reader.active()) throw ApiError.unauthorized();
    }

    /** A member opens a thread in a group they joined: the question is its first post. */
    public Post doStartThread(Member m, long groupId, String title, String body) {
        String t = Fields.required("title", title, MAX_TITLE);
        String b = Fields.requiredText("body", body, MAX_BODY);
        return jdbi.inTransaction(h -> {
            GroupDao dao = new GroupDao(h);
            if (dao.group(groupId).isEmpty()) throw ApiError.notFound("Group");
            if (!dao.isIn(groupId, m.id())) throw ApiError.forbidden("Join the group to post in it");
            long thread = dao.insertThread(groupId, t, clock.instant());
            long id = dao.insertPost(thread, m.id(), null, null, true, b, statusFor(dao, m, b), terms(t + "\n" + b), clock.instant());
            return dao.post(id).orElseThrow();
        });
    }

    /** A reply by a member of the group, or by staff (who need not join); a locked thread takes none. */
    public Post doReply(Member m, Staff staff, long threadId, String body) {
        String b = Fields.requiredText("body", body, MAX_BODY);
        if (staff != null) Access.requireCommunity(staff);
        return jdbi.inTransaction(h -> {
            GroupDao dao = new GroupDao(h);
            GroupDao.ThreadRow t = dao.thread(threadId).orElseThrow(() -> ApiError.notFound("Thread"));
            if (t.locked()) throw ApiError.conflict("locked", "This thread is locked");
            if (staff == null && !dao.isIn(t.groupId(), m.id())) throw ApiError.forbidden("Join the group to reply in it");
            String status = staff != null ? "visible" : statusFor(dao, m, b);
            long id = dao.insertPost(threadId, staff == null ? m.id() : null, staff == null ? null : staff.id(), staff == null ? null : staff.name(),
                    false, b, status, terms(b), clock.instant());
            return dao.post(id).orElseThrow();
        });
    }

    /** A new member's links wait for a moderator: spam arrives with links from fresh accounts. */
    private static String statusFor(GroupDao dao, Member m, String body) {
        return LINK.matcher(body).find() && dao.visiblePostsBy(m.id()) < TRUSTED_AFTER ? "held" : "visible";
    }

    static List<String> terms(String text) {
        return TextTerms.of("fr", io.guichet.platform.Markdown.text(text));
    }

    public void doReport(Member m, long postId) {
        jdbi.useTransaction(h -> {
            GroupDao dao = new GroupDao(h);
            Post p = dao.post(postId).filter(Post::visible).orElseThrow(() -> ApiError.notFound("Post"));
            if (p.memberId() != null && p.memberId() == m.id()) throw ApiError.conflict("own_post", "You cannot report your own post");
            dao.report(postId);
        });
    }

    /** Staff: show (a held or reported post), hide. */
    public Post doModerate(Staff staff, long postId, String action) {
        Access.requireCommunity(staff);
        String status = switch (action == null ? "" : action) {
            case "show" -> "visible";
            case "hide" -> "hidden";
            default -> throw ApiError.invalid("action", "action is show or hide");
        };
        return jdbi.inTransaction(h -> {
            GroupDao dao = new GroupDao(h);
            dao.post(postId).orElseThrow(() -> ApiError.notFound("Post"));
            dao.setStatus(postId, status);
            if ("visible".equals(status)) h.createUpdate("UPDATE community_posts SET reports = 0 WHERE id = :id").bind("id", postId).execute();
            return dao.post(postId).orElseThrow();
        });
    }

    public void doLock(Staff staff, long threadId, boolean locked) {
        Access.requireCommunity(staff);
        jdbi.useTransaction(h -> {
            GroupDao dao = new GroupDao(h);
            dao.thread(threadId).orElseThrow(() -> ApiError.notFound("Thread"));
            dao.lock(threadId, locked);
        });
    }

    public Post doMarkHelpful(Staff staff, long postId, boolean helpful) {
        Access.requireCommunity(staff);
        return jdbi.inTransaction(h -> {
            GroupDao dao = new GroupDao(h);
            Post p = dao.post(postId).orElseThrow(() -> ApiError.notFound("Post"));
            if (p.opening()) throw ApiError.conflict("not_a_reply", "Only a reply can be marked helpful");
            dao.helpful(postId, helpful);
            return dao.post(postId).orElseThrow();
        });
    }

    public List<Post> accessAwaiting(Staff staff) {
        Access.requireCommunity(staff);
        return jdbi.withHandle(h -> new GroupDao(h).awaiting(100));
    }

    /**
     * A reply and the question of its thread become a help-centre draft (kb's capture, linked to the post as
     * {@code community_post}); the same reply again opens the same draft. The asker's and the answerer's timelines say so.
     */
    public Article doCapture(Staff staff, long postId) {
        Access.requireCommunity(staff);
        record Source(Post question, Post answer, String title) {
        }
        Source s = jdbi.withHandle(h -> {
            GroupDao dao = new GroupDao(h);
            Post answer = dao.post(postId).filter(p -> !p.opening()).orElseThrow(() -> ApiError.notFound("Reply"));
            if (!answer.visible()) throw ApiError.conflict("not_visible", "Show the reply before capturing it");
            List<Post> posts = dao.posts(answer.threadId());
            return new Source(posts.getFirst(), answer, dao.thread(answer.threadId()).orElseThrow().title());
        });
        Instant now = clock.instant();
        Article draft = kb.doDraftFromSource(staff, "community_post", Long.toString(postId), s.title() + "\n\n" + s.question().body(),
                s.answer().body(), staff.lang(), null, (h, articleId) -> {
                    GroupDao dao = new GroupDao(h);
                    dao.captured(postId, articleId);
                    Map<String, String> params = Map.of("title", s.title());
                    dao.contactOf(s.question().memberId()).ifPresent(c -> people.doRecord(h, new TimelineEntry(c, now, "community",
                            "community.question_captured", params, "article", Long.toString(articleId), staff.id())));
                    dao.contactOf(s.answer().memberId()).ifPresent(c -> people.doRecord(h, new TimelineEntry(c, now, "community",
                            "community.answer_captured", params, "article", Long.toString(articleId), staff.id())));
                });
        return draft;
    }
}
