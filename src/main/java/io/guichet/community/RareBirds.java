package io.guichet.community;

import io.guichet.community.internal.MemberDao;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.kb.TextTerms;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/**
 * The "rare birds": members by engagement score, or those who answer a need ("who could show teachers how to run a
 * class group online?"), ranked by the words of the need found in their profile and in their posts, then by score.
 * Staff see a member as the member allowed staff to: a "name only" member is found by name alone and shows no skill.
 * Hidden and departed members are never listed.
 */
public final class RareBirds {
    public static final int LIMIT = 50, PROFILE_MATCH = 15, POST_MATCH = 3, POSTS_MATCHED = 10;

    private final Jdbi jdbi;
    private final Clock clock;

    public RareBirds(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A member found, their score and its parts, and how much the need's words matched. */
    public record Bird(Member member, Engagement.Score score, int profileWords, int matchingPosts, int rank, List<String> skillsShown) {
    }

    public List<Bird> accessRareBirds(Staff staff, String need) {
        Access.requireCommunity(staff);
        String q = Fields.optional("q", need, Directory.MAX_QUERY);
        List<String> words = q == null ? List.of() : TextTerms.of("fr", q).stream().distinct().toList();
        return jdbi.withHandle(h -> h.createQuery("""
                SELECT %s,
                    (SELECT count(*) FROM community_posts p WHERE p.member_id = m.id AND p.status = 'visible') AS posts,
                    (SELECT count(*) FROM community_posts p WHERE p.member_id = m.id AND p.status = 'visible' AND p.helpful) AS helpful,
                    (SELECT max(p.created_at) FROM community_posts p WHERE p.member_id = m.id AND p.status = 'visible') AS last_post,
                    (SELECT count(*) FROM community_pairs pr JOIN community_participants pa ON pa.id = pr.mentor_id
                      WHERE pa.contact_id = m.contact_id) AS mentoring,
                    cardinality(ARRAY(SELECT unnest(CASE WHEN m.shown_to_staff = 'name' THEN m.name_terms ELSE m.terms END)
                                      INTERSECT SELECT unnest(:words::text[]))) AS profile_words,
                    CASE WHEN cardinality(:words::text[]) = 0 THEN 0 ELSE
                      (SELECT count(*) FROM (SELECT 1 FROM community_posts p WHERE p.member_id = m.id AND p.status = 'visible'
                        AND p.terms && :words::text[] LIMIT %d) x) END AS matching_posts
                FROM community_members m WHERE m.status = 'active' AND NOT m.hidden""".formatted(MemberDao.COLUMNS, POSTS_MATCHED))
                .bindArray("words", String.class, words)
                .map((rs, ctx) -> {
                    Member m = MemberDao.MEMBER.map(rs, ctx);
                    boolean profile = !"name".equals(m.shownToStaff());
                    Timestamp last = rs.getTimestamp("last_post");
                    Engagement.Score s = Engagement.score(new Engagement.Activity(rs.getInt("posts"), rs.getInt("helpful"), rs.getInt("mentoring"),
                            last == null ? null : last.toInstant(), profile ? m.willing() : List.of(), m.skills()), clock.instant());
                    int pw = rs.getInt("profile_words"), mp = rs.getInt("matching_posts");
                    return new Bird(m, s, pw, mp, s.total() + pw * PROFILE_MATCH + mp * POST_MATCH, profile ? m.skills() : List.of());
                }).list())
                .stream().filter(b -> words.isEmpty() || b.profileWords() > 0 || b.matchingPosts() > 0)
                .sorted(Comparator.comparingInt(Bird::rank).reversed().thenComparing(b -> b.member().id())).limit(LIMIT).toList();
    }
}
