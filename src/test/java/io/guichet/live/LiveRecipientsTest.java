package io.guichet.live;

import io.guichet.live.LiveRecipients.ForViewers;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** What the wall's viewers get for each state of a question, with no database. */
class LiveRecipientsTest {
    static final Instant ASKED = Instant.parse("2026-03-01T23:00:00Z");
    static final Instant PUBLISHED_AT = Instant.parse("2026-03-01T23:01:00Z");

    static Question question(Question.Visibility visibility, Question.Status status, Instant publishedAt) {
        return new Question(42, 7, 500, visibility, null, "Zoé", "Y a-t-il des bourses d’études à l’étranger?",
                "Y a-t-il des bourses d’études à l’étranger?", status, null, false, 0, 0, null, null, null, null,
                visibility == Question.Visibility.PRIVATE ? 77L : null, ASKED, publishedAt);
    }

    @Test
    void aPendingQuestionIsNotShownOnTheWall() {
        assertThat(LiveRecipients.ofQuestion(question(Question.Visibility.PUBLIC, Question.Status.PENDING, null))).isEqualTo(ForViewers.NOTHING);
    }

    @Test
    void aPublishedQuestionIsShown() {
        assertThat(LiveRecipients.ofQuestion(question(Question.Visibility.PUBLIC, Question.Status.PUBLISHED, PUBLISHED_AT))).isEqualTo(ForViewers.SHOW);
    }

    @Test
    void aQuestionDismissedAfterItWasPublishedLeavesTheWall() {
        assertThat(LiveRecipients.ofQuestion(question(Question.Visibility.PUBLIC, Question.Status.DISMISSED, PUBLISHED_AT))).isEqualTo(ForViewers.REMOVE);
    }

    @Test
    void aQuestionDismissedBeforeItWasPublishedWasNeverThere() {
        assertThat(LiveRecipients.ofQuestion(question(Question.Visibility.PUBLIC, Question.Status.DISMISSED, null))).isEqualTo(ForViewers.NOTHING);
    }

    @Test
    void aQuestionMergedAfterItWasPublishedLeavesTheWall() {
        assertThat(LiveRecipients.ofQuestion(question(Question.Visibility.PUBLIC, Question.Status.MERGED, PUBLISHED_AT))).isEqualTo(ForViewers.REMOVE);
    }

    @Test
    void aPrivateQuestionNeverReachesTheWall() {
        assertThat(LiveRecipients.ofQuestion(question(Question.Visibility.PRIVATE, Question.Status.PRIVATE, null))).isEqualTo(ForViewers.NOTHING);
    }

    @Test
    void aPrivateQuestionNeverReachesTheWallEvenWithAPublicationTime() {
        assertThat(LiveRecipients.ofQuestion(question(Question.Visibility.PRIVATE, Question.Status.PRIVATE, PUBLISHED_AT))).isEqualTo(ForViewers.NOTHING);
    }
}
