package io.guichet.live.web;

import io.guichet.inbox.Message;
import io.guichet.live.LiveReport;
import io.guichet.live.Question;
import io.guichet.platform.web.CsvWriter;

import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Every question of a session and its answer as CSV (through the shared {@link CsvWriter}); a private
 * question's answer is what the specialists replied in the inbox. Times are the institution's wall-clock time
 * as spreadsheets read dates ("2026-03-01 19:05:00").
 */
final class QuestionsCsv {
    private static final List<String> HEADER = List.of("id", "asked_at", "visibility", "service", "status", "author", "question",
            "original_question", "votes", "merged_into", "answer", "answered_at", "answered_by");

    static byte[] write(LiveReport.Full report, LiveJson json, LongFunction<String> staffName) {
        return CsvWriter.write(HEADER, rows -> {
            for (Question q : report.questions()) {
                Answer answer = answer(q, report.privateReplies().getOrDefault(q.conversationId(), List.of()), json, staffName);
                rows.add(q.id(), json.spreadsheetTime(q.createdAt()), q.visibility().code(),
                        q.serviceId() == null ? "" : json.serviceSlug(q.serviceId()), q.status().code(),
                        q.authorName(), q.body(), q.originalBody(), q.votes(), q.mergedInto(), answer.text(), answer.at(), answer.by());
            }
        });
    }

    private record Answer(String text, String at, String by) {
    }

    private static Answer answer(Question q, List<Message> replies, LiveJson json, LongFunction<String> staffName) {
        if (q.visibility() == Question.Visibility.PUBLIC) {
            return q.answer() == null ? new Answer("", "", "")
                    : new Answer(q.answer(), json.spreadsheetTime(q.answeredAt()), q.answeredBy() == null ? "" : staffName.apply(q.answeredBy()));
        }
        if (replies.isEmpty()) return new Answer("", "", "");
        Message first = replies.getFirst();
        return new Answer(replies.stream().map(Message::body).collect(Collectors.joining("\n\n")), json.spreadsheetTime(first.createdAt()),
                first.authorStaffId() == null ? "" : staffName.apply(first.authorStaffId()));
    }

    private QuestionsCsv() {
    }
}
