package io.guichet.inbox.internal;

import io.guichet.inbox.Snooze;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL of snoozed conversations; the caller holds the conversation's lock for the writes. */
public final class SnoozeDao {
    private final Handle h;

    public SnoozeDao(Handle h) {
        this.h = h;
    }

    public void snooze(long conversationId, Instant until, long staffId) {
        h.createUpdate("UPDATE conversations SET snoozed_at = now(), snoozed_until = :u, snoozed_by = :s WHERE id = :id")
                .bind("id", conversationId).bind("u", until == null ? null : Timestamp.from(until)).bind("s", staffId).execute();
    }

    /** True when it was snoozed. */
    public boolean wake(long conversationId) {
        return h.createUpdate("""
                        UPDATE conversations SET snoozed_at = NULL, snoozed_until = NULL, snoozed_by = NULL
                        WHERE id = :id AND snoozed_at IS NOT NULL""").bind("id", conversationId).execute() > 0;
    }

    public Optional<Snooze> find(long conversationId) {
        return h.createQuery("SELECT snoozed_until FROM conversations WHERE id = :id AND snoozed_at IS NOT NULL").bind("id", conversationId)
                .map((rs, ctx) -> new Snooze(rs.getTimestamp("snoozed_until") == null ? null : rs.getTimestamp("snoozed_until").toInstant()))
                .findOne();
    }

    /** Snoozed conversations whose time has come, soonest first. */
    public List<Long> due(Instant now, int limit) {
        return h.createQuery("SELECT id FROM conversations WHERE snoozed_until <= :now ORDER BY snoozed_until LIMIT :l")
                .bind("now", Timestamp.from(now)).bind("l", limit).mapTo(Long.class).list();
    }
}
