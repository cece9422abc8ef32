package io.guichet.community;

import io.guichet.platform.web.Messages;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A member's engagement score, explainable as Discourse's trust levels are: each part is a number a person can check
 * and says its share of the score. Helpful answers count most (the school needs them), then mentoring done, what the
 * member declared willing to do, posts (capped: volume alone is not engagement), and recency.
 */
public final class Engagement {
    public static final int PER_HELPFUL = 10, PER_MENTORING = 8, PER_WILLING = 5, PER_POST = 2, POSTS_COUNTED = 25;

    private Engagement() {
    }

    /** What the score is made of. */
    public record Activity(int posts, int helpful, int mentoring, Instant lastPost, List<String> willing, List<String> skills) {
    }

    /** One part of the score: its message key (plural by {@code count}), its count and its points. */
    public record Part(String key, long count, int points) {
    }

    public record Score(int total, List<Part> parts) {
    }

    public static Score score(Activity a, Instant now) {
        List<Part> parts = new ArrayList<>();
        if (a.helpful() > 0) parts.add(new Part("community.reason.helpful", a.helpful(), a.helpful() * PER_HELPFUL));
        if (a.mentoring() > 0) parts.add(new Part("community.reason.mentoring", a.mentoring(), a.mentoring() * PER_MENTORING));
        if (a.posts() > 0) parts.add(new Part("community.reason.posts", a.posts(), Math.min(a.posts(), POSTS_COUNTED) * PER_POST));
        if (a.lastPost() != null) {
            long days = Math.max(0, Duration.between(a.lastPost(), now).toDays());
            int points = days <= 7 ? 10 : days <= 30 ? 5 : days <= 90 ? 2 : 0;
            parts.add(new Part("community.reason.recent", days, points));
        }
        for (String w : Member.WILLING) if (a.willing().contains(w)) parts.add(new Part("community.reason.willing." + w, 1, PER_WILLING));
        return new Score(parts.stream().mapToInt(Part::points).sum(), parts);
    }

    /** The reason in words: "12 réponses utiles, 30 messages, prêt·e à mentorer un·e enseignant·e, compétences : pédagogie numérique". */
    public static String reason(Messages.Localizer t, Score s, List<String> skills) {
        List<String> words = new ArrayList<>();
        for (Part p : s.parts()) words.add(p.key().startsWith("community.reason.willing.") ? t.t(p.key()) : t.plural(p.key(), p.count()));
        if (!skills.isEmpty()) words.add(t.t("community.reason.skills", String.join(", ", skills)));
        return words.isEmpty() ? t.t("community.reason.none") : String.join(", ", words);
    }
}
