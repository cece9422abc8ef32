package io.guichet.live;

import io.guichet.inbox.Message;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The figures of a live session, for the moderation console while it runs and the report after. */
public final class LiveReport {
    private LiveReport() {
    }

    /**
     * {@code answeredPercent} counts answered questions among those not dismissed or merged; a private
     * question is answered once a specialist replied. {@code medianFirstAnswer} is null before any answer.
     */
    public record Figures(int viewers, int peakViewers, int asked, int publicQuestions, int privateQuestions, int pending,
                          int answered, int answeredPercent, Duration medianFirstAnswer, List<PerService> services) {
    }

    /** {@code serviceId} null gathers public questions asked without choosing a service. */
    public record PerService(Long serviceId, int asked, int answered, Duration medianFirstAnswer) {
    }

    /** {@code hour} is the local start of the hour, e.g. 19 for 19:00–19:59 (institution time zone). */
    public record PerHour(String day, int hour, int asked) {
    }

    /** Everything after the session: figures, distributions, the most-voted unanswered questions, and every question with the specialists' private replies. */
    public record Full(LiveSession session, Figures figures, List<PerHour> perHour, List<Question> topUnanswered,
                       List<Question> questions, Map<Long, List<Message>> privateReplies) {
    }
}
