package io.guichet.community;

import io.guichet.community.internal.MemberDao;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.kb.TextTerms;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

import java.text.Collator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The directory members and staff search. Full text is kb's French analyser (so "pedagogie" finds "Pédagogie
 * numérique" and "l'École" finds "école"), applied in Java and matched in PostgreSQL on the words stored with each
 * member ({@code terms}, GIN-indexed). We query PostgreSQL rather than keep a Lucene index because a member who hides
 * their profile must vanish from every node's searches at once: a row changed in one transaction does that with no
 * index to update on each node and no notice that could be lost.
 *
 * <p>Each member decides what is seen: another member sees what {@code shownToMembers} allows, staff what
 * {@code shownToStaff} allows (name; profile; contact adds email and LinkedIn). A "name only" member is found by
 * their name alone and counts in no facet, so a filter on a year or a programme reveals nothing of them.
 */
public final class Directory {
    public static final int PAGE = 50, MAX_QUERY = 200;
    public static final List<String> FACETS = List.of("year", "programme", "city", "skill", "willing");

    private final Jdbi jdbi;

    public Directory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Who searches: a member (their id) or staff. */
    public record Viewer(Long memberId, Staff staff) {
        public static Viewer member(Member m) {
            return new Viewer(m.id(), null);
        }

        public static Viewer staff(Staff s) {
            Access.requireStaff(s);
            return new Viewer(null, s);
        }

        String shownColumn() {
            return staff != null ? "shown_to_staff" : "shown_to_members";
        }
    }

    public record Filter(String q, Integer year, String programme, String skill, String city, String willing) {
        public static Filter of(String q, String year, String programme, String skill, String city, String willing) {
            Integer y = null;
            if (year != null && !year.isBlank()) {
                try {
                    y = Integer.parseInt(year.strip());
                } catch (NumberFormatException e) {
                    throw ApiError.invalid("year", "year is a number such as 2015");
                }
            }
            if (willing != null && !willing.isBlank() && !Member.WILLING.contains(willing)) throw ApiError.invalid("willing", "willing is among " + Member.WILLING);
            return new Filter(Fields.optional("q", q, MAX_QUERY), y, Fields.optional("programme", programme, 120), Fields.optional("skill", skill, 40),
                    Fields.optional("city", city, 120), willing == null || willing.isBlank() ? null : willing);
        }
    }

    /** One member as this viewer may see them: what they did not allow is null. */
    public record Entry(long id, String name, Integer year, String programme, String city, String employer, String jobTitle,
                        List<String> skills, List<String> willing, String email, String linkedin) {
    }

    public record Facet(String value, int count) {
    }

    public record Result(List<Entry> members, int total, Map<String, List<Facet>> facets) {
    }

    public Result accessDirectory(Viewer viewer, Filter f) {
        List<String> words = f.q() == null ? List.of() : TextTerms.of("fr", f.q()).stream().distinct().toList();
        boolean askedWords = f.q() != null;
        String shown = viewer.shownColumn();
        String where = " " + """
                 FROM community_members m WHERE m.status = 'active' AND NOT m.hidden AND m.id <> :me
                   AND (:noWords OR (m.%1$s = 'name' AND m.name_terms @> :words::text[]) OR (m.%1$s <> 'name' AND m.terms @> :words::text[]))
                   AND (:year IS NULL OR (m.%1$s <> 'name' AND m.graduation_year = :year))
                   AND (:programme IS NULL OR (m.%1$s <> 'name' AND lower(m.programme) = lower(:programme)))
                   AND (:city IS NULL OR (m.%1$s <> 'name' AND lower(m.city) = lower(:city)))
                   AND (:skill IS NULL OR (m.%1$s <> 'name' AND m.skills @> ARRAY[:skill]::text[]))
                   AND (:willing IS NULL OR (m.%1$s <> 'name' AND m.willing @> ARRAY[:willing]::text[]))""".formatted(shown);
        if (askedWords && words.isEmpty()) return new Result(List.of(), 0, Map.of()); // only stop words: nothing to look for
        return jdbi.withHandle(h -> {
            List<Entry> page = bind(h.createQuery("SELECT " + MemberDao.COLUMNS.replace("m.created_at", "m.created_at") + where
                    + " ORDER BY lower(m.name), m.id LIMIT " + PAGE), viewer, f, words).map(MemberDao.MEMBER).list()
                    .stream().map(m -> entry(m, staffSees(viewer) ? m.shownToStaff() : m.shownToMembers())).sorted(byName()).toList();
            int total = bind(h.createQuery("SELECT count(*)" + where), viewer, f, words).mapTo(Integer.class).one();
            Map<String, List<Facet>> facets = new LinkedHashMap<>();
            String visible = " AND m." + shown + " <> 'name'";
            facets.put("year", facet(bind(h.createQuery("SELECT m.graduation_year::text AS v, count(*) AS n" + where + visible
                    + " GROUP BY 1 ORDER BY 1 DESC LIMIT 30"), viewer, f, words)));
            facets.put("programme", facet(bind(h.createQuery("SELECT m.programme AS v, count(*) AS n" + where + visible
                    + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20"), viewer, f, words)));
            facets.put("city", facet(bind(h.createQuery("SELECT m.city AS v, count(*) AS n" + where + visible
                    + " AND m.city IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20"), viewer, f, words)));
            facets.put("skill", facet(bind(h.createQuery("SELECT s AS v, count(*) AS n" + where.replace("FROM community_members m", "FROM community_members m, unnest(m.skills) s")
                    + visible + " GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20"), viewer, f, words)));
            facets.put("willing", facet(bind(h.createQuery("SELECT w AS v, count(*) AS n" + where.replace("FROM community_members m", "FROM community_members m, unnest(m.willing) w")
                    + visible + " GROUP BY 1 ORDER BY 2 DESC, 1"), viewer, f, words)));
            return new Result(page, total, facets);
        });
    }

    private static boolean staffSees(Viewer v) {
        return v.staff() != null;
    }

    private static Query bind(Query q, Viewer viewer, Directory.Filter f, List<String> words) {
        return q.bind("me", viewer.memberId() == null ? -1L : viewer.memberId()).bind("noWords", words.isEmpty())
                .bindArray("words", String.class, words).bind("year", f.year()).bind("programme", f.programme()).bind("city", f.city())
                .bind("skill", f.skill()).bind("willing", f.willing());
    }

    private static List<Facet> facet(Query q) {
        return q.map((rs, ctx) -> new Facet(rs.getString("v"), rs.getInt("n"))).list();
    }

    /** What a level shows: name; profile adds year, programme, city, work, skills, willingness; contact adds email and LinkedIn. */
    static Entry entry(Member m, String level) {
        boolean profile = !"name".equals(level), contact = "contact".equals(level);
        return new Entry(m.id(), m.name(), profile ? m.graduationYear() : null, profile ? m.programme() : null, profile ? m.city() : null,
                profile ? m.employer() : null, profile ? m.jobTitle() : null, profile ? m.skills() : List.of(), profile ? m.willing() : List.of(),
                contact ? m.email() : null, contact ? m.linkedin() : null);
    }

    static Comparator<Entry> byName() {
        Collator french = Collator.getInstance(Locale.CANADA_FRENCH);
        french.setStrength(Collator.PRIMARY);
        return Comparator.comparing(Entry::name, french);
    }

    static List<Entry> copy(List<Entry> in) {
        return new ArrayList<>(in);
    }
}
