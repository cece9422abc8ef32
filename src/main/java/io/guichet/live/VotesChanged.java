package io.guichet.live;

import io.guichet.platform.bus.Notice;

import java.util.List;

/** Vote counts changed, coalesced per session every few tens of milliseconds; {@code rev} orders counts across nodes. */
public record VotesChanged(long sessionId, List<VoteCount> counts) implements Notice {
    public record VoteCount(long questionId, int votes, long rev) {
    }
}
