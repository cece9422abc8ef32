package io.guichet.live;

import java.util.ArrayList;
import java.util.List;

/**
 * What the live module tells the bus once a write has committed (see docs/events.md). Payloads carry
 * ids and counts only; every node reads what its own sockets need.
 */
public final class LiveEvents {
    /** A question was asked, approved, edited, merged, answered or dismissed: payload {@code sessionId,questionId}. */
    public static final String QUESTION_CHANGED = "live.question";
    /** Vote counts changed, coalesced per session every few tens of ms: payload {@code sessionId;id:votes:rev,…}. */
    public static final String VOTES_CHANGED = "live.votes";
    /** A session started, ended or changed its highlighted question: payload {@code sessionId}. */
    public static final String SESSION_CHANGED = "live.session";
    /** Each node's count of viewers per session, every few seconds: payload {@code nodeId;sessionId:count,…}. */
    public static final String VIEWERS = "live.viewers";

    public record QuestionChanged(long sessionId, long questionId) {
        public String payload() {
            return sessionId + "," + questionId;
        }

        public static QuestionChanged parse(String payload) {
            String[] p = payload.split(",");
            return new QuestionChanged(Long.parseLong(p[0]), Long.parseLong(p[1]));
        }
    }

    public record VoteCount(long questionId, int votes, long rev) {
    }

    public record VotesChanged(long sessionId, List<VoteCount> counts) {
        public String payload() {
            StringBuilder s = new StringBuilder().append(sessionId).append(';');
            for (int i = 0; i < counts.size(); i++) {
                VoteCount c = counts.get(i);
                if (i > 0) s.append(',');
                s.append(c.questionId()).append(':').append(c.votes()).append(':').append(c.rev());
            }
            return s.toString();
        }

        public static VotesChanged parse(String payload) {
            int semi = payload.indexOf(';');
            List<VoteCount> counts = new ArrayList<>();
            for (String item : payload.substring(semi + 1).split(",")) {
                if (item.isEmpty()) continue;
                String[] p = item.split(":");
                counts.add(new VoteCount(Long.parseLong(p[0]), Integer.parseInt(p[1]), Long.parseLong(p[2])));
            }
            return new VotesChanged(Long.parseLong(payload.substring(0, semi)), counts);
        }
    }

    private LiveEvents() {
    }
}
