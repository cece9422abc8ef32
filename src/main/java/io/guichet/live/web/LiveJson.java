package io.guichet.live.web;

import io.guichet.services.ServiceCatalogue;
import io.guichet.live.LiveReport;
import io.guichet.live.LiveSession;
import io.guichet.live.Question;
import io.guichet.platform.web.Elision;
import io.guichet.platform.web.Times;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/** The JSON shapes of the live module, shared by the HTTP API and the WebSocket: ids are strings, times ISO-8601 with offset. */
final class LiveJson {
    private final ServiceCatalogue services;
    private final Times times;
    private final LongFunction<String> staffNames;

    LiveJson(ServiceCatalogue services, Times times, LongFunction<String> staffNames) {
        this.services = services;
        this.times = times;
        this.staffNames = staffNames;
    }

    OffsetDateTime time(Instant instant) {
        return times.offset(instant);
    }

    String spreadsheetTime(Instant instant) {
        return times.spreadsheet(instant);
    }

    Map<String, Object> session(LiveSession s, LiveSession.Phase phase) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(s.id()));
        json.put("slug", s.slug());
        json.put("titleFr", s.titleFr());
        json.put("titleEn", s.titleEn());
        json.put("descriptionFr", s.descriptionFr());
        json.put("descriptionEn", s.descriptionEn());
        json.put("startsAt", time(s.startsAt()));
        json.put("endsAt", time(s.endsAt()));
        json.put("phase", phase.code());
        json.put("moderation", s.preModeration() ? "pre" : "post");
        json.put("anonymous", s.allowAnonymous());
        json.put("services", s.serviceIds().stream().map(services::findById)
                .map(q -> Map.of("slug", q.slug(), "nameFr", q.nameFr(), "nameEn", q.nameEn())).toList());
        json.put("highlightedId", s.highlightedQuestionId() == null ? null : Long.toString(s.highlightedQuestionId()));
        return json;
    }

    /** A question as everyone sees it on the wall: never who asked (beyond the name they chose to show). */
    Map<String, Object> question(Question q, Long highlightedId) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(q.id()));
        json.put("body", q.body());
        json.put("votes", q.votes());
        json.put("rev", q.voteRev());
        json.put("status", q.status().code());
        if (q.answer() != null) {
            json.put("answer", q.answer());
            json.put("answeredAt", time(q.answeredAt()));
            if (q.answeredBy() != null) {
                // Frames go to every viewer whatever their language: the French form travels elided ("d’Élodie").
                String name = staffNames.apply(q.answeredBy());
                json.put("answeredBy", name);
                json.put("answeredByDe", Elision.de(name));
            }
        }
        json.put("highlighted", highlightedId != null && highlightedId == q.id());
        json.put("authorName", q.authorName());
        json.put("service", q.serviceId() == null ? null : serviceSlug(q.serviceId()));
        json.put("advance", q.advance());
        json.put("createdAt", time(q.createdAt()));
        return json;
    }

    /** What moderators see besides: the visibility, why it was held, the asker's original words, the inbox conversation. */
    Map<String, Object> staffQuestion(Question q, Long highlightedId) {
        Map<String, Object> json = question(q, highlightedId);
        json.put("visibility", q.visibility().code());
        json.put("heldReason", q.heldReason());
        json.put("originalBody", q.originalBody());
        json.put("conversationId", q.conversationId() == null ? null : Long.toString(q.conversationId()));
        json.put("mergedInto", q.mergedInto() == null ? null : Long.toString(q.mergedInto()));
        return json;
    }

    /** The asker's own question, whatever its status; a private one carries its conversation. */
    Map<String, Object> ownQuestion(Question q, Long highlightedId) {
        Map<String, Object> json = question(q, highlightedId);
        json.put("visibility", q.visibility().code());
        json.put("conversationId", q.conversationId() == null ? null : Long.toString(q.conversationId()));
        json.put("mergedInto", q.mergedInto() == null ? null : Long.toString(q.mergedInto())); // told "merged with a similar question"
        return json;
    }

    Map<String, Object> figures(LiveReport.Figures f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("viewers", f.viewers());
        json.put("peakViewers", f.peakViewers());
        json.put("questions", f.asked());
        json.put("public", f.publicQuestions());
        json.put("private", f.privateQuestions());
        json.put("pending", f.pending());
        json.put("answered", f.answered());
        json.put("answeredPercent", f.answeredPercent());
        json.put("medianFirstAnswerSeconds", seconds(f.medianFirstAnswer()));
        json.put("services", f.services().stream().map(p -> {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("service", p.serviceId() == null ? null : serviceSlug(p.serviceId()));
            s.put("questions", p.asked());
            s.put("answered", p.answered());
            s.put("medianFirstAnswerSeconds", seconds(p.medianFirstAnswer()));
            return s;
        }).toList());
        return json;
    }

    Map<String, Object> report(LiveReport.Full r) {
        Map<String, Object> json = new LinkedHashMap<>(figures(r.figures()));
        json.put("perHour", r.perHour().stream().map(h -> Map.of("day", h.day(), "hour", h.hour(), "questions", h.asked())).toList());
        Long highlighted = r.session().highlightedQuestionId();
        json.put("topUnanswered", r.topUnanswered().stream().map(q -> question(q, highlighted)).toList());
        return json;
    }

    List<Map<String, Object>> wall(List<Question> questions, Long highlightedId) {
        return questions.stream().map(q -> question(q, highlightedId)).toList();
    }

    String serviceSlug(long serviceId) {
        return services.findById(serviceId).slug();
    }

    private static Long seconds(Duration d) {
        return d == null ? null : d.toSeconds();
    }
}
