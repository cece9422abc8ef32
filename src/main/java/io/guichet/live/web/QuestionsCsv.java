package io.guichet.live.web;

import io.guichet.inbox.Message;
import io.guichet.live.LiveReport;
import io.guichet.live.Question;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * Every question of a session and its answer as CSV: UTF-8 with a byte-order mark, so that spreadsheets
 * open accents correctly; a private question's answer is what the specialists replied in the inbox.
 */
final class QuestionsCsv {
    private static final String[] HEADER = {"id", "asked_at", "visibility", "service", "status", "author", "question",
            "original_question", "votes", "merged_into", "answer", "answered_at", "answered_by"};

    static byte[] write(LiveReport.Full report, LiveJson json, LongFunction<String> staffName) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL.builder().setHeader(HEADER).get())) {
            for (Question q : report.questions()) {
                Answer answer = answer(q, report.privateReplies().getOrDefault(q.conversationId(), List.of()), json, staffName);
                csv.printRecord(q.id(), json.time(q.createdAt()), q.visibility().code(),
                        q.serviceId() == null ? "" : json.serviceSlug(q.serviceId()), q.status().code(),
                        q.authorName() == null ? "" : q.authorName(), q.body(), q.originalBody() == null ? "" : q.originalBody(),
                        q.votes(), q.mergedInto() == null ? "" : q.mergedInto(), answer.text(), answer.at(), answer.by());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private record Answer(String text, Object at, String by) {
    }

    private static Answer answer(Question q, List<Message> replies, LiveJson json, LongFunction<String> staffName) {
        if (q.visibility() == Question.Visibility.PUBLIC) {
            return q.answer() == null ? new Answer("", "", "")
                    : new Answer(q.answer(), json.time(q.answeredAt()), q.answeredBy() == null ? "" : staffName.apply(q.answeredBy()));
        }
        if (replies.isEmpty()) return new Answer("", "", "");
        Message first = replies.getFirst();
        return new Answer(replies.stream().map(Message::body).collect(Collectors.joining("\n\n")), json.time(first.createdAt()),
                first.authorStaffId() == null ? "" : staffName.apply(first.authorStaffId()));
    }

    private QuestionsCsv() {
    }
}
