package io.guichet.community;

import io.guichet.platform.web.Messages;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The engagement score is the sum of parts a person can check, told in French and English with plurals right. */
class EngagementTest {
    static final Instant NOW = Instant.parse("2026-12-03T15:00:00Z");
    static final Messages MESSAGES = new Messages();

    @Test
    void theScoreIsTheSumOfItsPartsAndTheReasonSaysEachInWords() {
        Engagement.Score s = Engagement.score(new Engagement.Activity(30, 12, 1, NOW.minus(Duration.ofDays(3)), List.of("mentor_teacher"),
                List.of("pédagogie numérique")), NOW);
        assertThat(s.total()).isEqualTo(12 * Engagement.PER_HELPFUL + Engagement.PER_MENTORING + Engagement.POSTS_COUNTED * Engagement.PER_POST
                + 10 + Engagement.PER_WILLING);
        assertThat(s.parts().stream().mapToInt(Engagement.Part::points).sum()).isEqualTo(s.total());
        assertThat(Engagement.reason(MESSAGES.in("fr"), s, List.of("pédagogie numérique"))).isEqualTo(
                "12 réponses utiles, 1 mentorat, 30 messages, actif·ve il y a 3 jours, prêt·e à mentorer un·e enseignant·e, compétences\u00a0: pédagogie numérique");
        assertThat(Engagement.reason(MESSAGES.in("en"), s, List.of("pédagogie numérique"))).isEqualTo(
                "12 helpful answers, 1 mentoring, 30 posts, active 3 days ago, willing to mentor a teacher, skills: pédagogie numérique");
    }

    @Test
    void oneIsSingularInBothLanguagesAndZeroIsSingularInFrenchOnly() {
        Engagement.Score one = Engagement.score(new Engagement.Activity(1, 1, 0, NOW, List.of(), List.of()), NOW);
        assertThat(Engagement.reason(MESSAGES.in("fr"), one, List.of())).isEqualTo("1 réponse utile, 1 message, actif·ve il y a 0 jour");
        assertThat(Engagement.reason(MESSAGES.in("en"), one, List.of())).isEqualTo("1 helpful answer, 1 post, active 0 days ago");
        Engagement.Score none = Engagement.score(new Engagement.Activity(0, 0, 0, null, List.of(), List.of()), NOW);
        assertThat(none.total()).isZero();
        assertThat(Engagement.reason(MESSAGES.in("fr"), none, List.of())).isEqualTo("pas encore d’activité");
        Engagement.Score old = Engagement.score(new Engagement.Activity(100, 0, 0, NOW.minus(Duration.ofDays(200)), List.of(), List.of()), NOW);
        assertThat(old.total()).as("posts are capped, an old activity adds nothing").isEqualTo(Engagement.POSTS_COUNTED * Engagement.PER_POST);
    }
}
