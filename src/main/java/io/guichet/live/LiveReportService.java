package io.guichet.live;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.inbox.ConversationService;
import io.guichet.inbox.Origin;
import io.guichet.inbox.Message;
import io.guichet.live.internal.QuestionDao;
import org.jdbi.v3.core.Jdbi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What moderators read of a session: live figures while it runs, and the full report after. */
public final class LiveReportService {
    private final Jdbi jdbi;
    private final ZoneId zone;
    private final LiveSessionService sessions;
    private final ConversationService conversations;

    public LiveReportService(Jdbi jdbi, ZoneId zone, LiveSessionService sessions, ConversationService conversations) {
        this.jdbi = jdbi;
        this.zone = zone;
        this.sessions = sessions;
        this.conversations = conversations;
    }

    public LiveReport.Figures accessFigures(Staff viewer, String slug, int viewers) {
        Access.requireLiveModerator(viewer);
        LiveSession s = sessions.findSession(slug);
        List<Question> questions = jdbi.withHandle(h -> new QuestionDao(h).all(s.id()));
        return figures(s, questions, firstReplies(privateReplies(viewer, s)), viewers);
    }

    public LiveReport.Full accessReport(Staff viewer, String slug) {
        Access.requireLiveModerator(viewer);
        LiveSession s = sessions.findSession(slug);
        List<Question> questions = jdbi.withHandle(h -> new QuestionDao(h).all(s.id()));
        Map<Long, List<Message>> replies = privateReplies(viewer, s);
        TreeMap<ZonedDateTime, Integer> hours = new TreeMap<>();
        for (Question q : questions) {
            hours.merge(q.createdAt().atZone(zone).truncatedTo(java.time.temporal.ChronoUnit.HOURS), 1, Integer::sum);
        }
        List<LiveReport.PerHour> perHour = hours.entrySet().stream()
                .map(e -> new LiveReport.PerHour(e.getKey().toLocalDate().toString(), e.getKey().getHour(), e.getValue())).toList();
        List<Question> topUnanswered = questions.stream().filter(q -> q.onWall() && !q.answered())
                .sorted(Comparator.comparingInt(Question::votes).reversed().thenComparing(Question::createdAt)).limit(10).toList();
        return new LiveReport.Full(s, figures(s, questions, firstReplies(replies), 0), perHour, topUnanswered, questions, replies);
    }

    /** The specialists' replies to the session's private questions, by conversation, oldest first. */
    private Map<Long, List<Message>> privateReplies(Staff viewer, LiveSession s) {
        return conversations.accessRepliesByOrigin(viewer, new Origin(Origin.LIVE, s.slug())).stream()
                .collect(Collectors.groupingBy(Message::conversationId, LinkedHashMap::new, Collectors.toList()));
    }

    private static Map<Long, Instant> firstReplies(Map<Long, List<Message>> replies) {
        Map<Long, Instant> first = new HashMap<>();
        replies.forEach((conversation, list) -> first.put(conversation, list.getFirst().createdAt()));
        return first;
    }

    private LiveReport.Figures figures(LiveSession s, List<Question> questions, Map<Long, Instant> firstReplies, int viewers) {
        List<Question> counted = questions.stream().filter(q -> q.status() != Question.Status.DISMISSED
                && q.status() != Question.Status.MERGED).toList();
        Map<Long, Duration> waits = new HashMap<>();
        for (Question q : counted) {
            Instant answeredAt = q.visibility() == Question.Visibility.PRIVATE ? firstReplies.get(q.conversationId()) : q.answeredAt();
            if (answeredAt != null) waits.put(q.id(), Duration.between(q.createdAt(), answeredAt));
        }
        Map<Long, List<Question>> byService = new LinkedHashMap<>();
        for (Long id : s.serviceIds()) byService.put(id, new ArrayList<>());
        for (Question q : counted) byService.computeIfAbsent(q.serviceId(), k -> new ArrayList<>()).add(q);
        List<LiveReport.PerService> services = byService.entrySet().stream()
                .map(e -> new LiveReport.PerService(e.getKey(), e.getValue().size(),
                        (int) e.getValue().stream().filter(q -> waits.containsKey(q.id())).count(),
                        median(e.getValue().stream().map(q -> waits.get(q.id())).filter(Objects::nonNull).toList())))
                .toList();
        int answered = waits.size();
        return new LiveReport.Figures(viewers, s.peakViewers(), questions.size(),
                (int) questions.stream().filter(q -> q.visibility() == Question.Visibility.PUBLIC).count(),
                (int) questions.stream().filter(q -> q.visibility() == Question.Visibility.PRIVATE).count(),
                (int) questions.stream().filter(q -> q.status() == Question.Status.PENDING).count(),
                answered, counted.isEmpty() ? 0 : Math.round(100f * answered / counted.size()),
                median(List.copyOf(waits.values())), services);
    }

    private static Duration median(List<Duration> values) {
        if (values.isEmpty()) return null;
        List<Duration> sorted = values.stream().sorted().toList();
        int mid = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(mid) : sorted.get(mid - 1).plus(sorted.get(mid)).dividedBy(2);
    }

}
