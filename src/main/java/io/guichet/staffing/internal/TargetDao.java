package io.guichet.staffing.internal;

import io.guichet.staffing.Target;
import org.jdbi.v3.core.Handle;

import java.util.List;

/** SQL of the response-time targets. */
public final class TargetDao {
    private final Handle h;

    public TargetDao(Handle h) {
        this.h = h;
    }

    public List<Target> of(long serviceId) {
        return h.createQuery("""
                        SELECT service_id, channel, answer_seconds, answer_percent, resolution_minutes FROM staffing_targets
                        WHERE service_id = :s ORDER BY channel""").bind("s", serviceId)
                .map((rs, ctx) -> new Target(rs.getLong("service_id"), rs.getString("channel"), rs.getInt("answer_seconds"),
                        rs.getDouble("answer_percent"), (Integer) rs.getObject("resolution_minutes")))
                .list();
    }

    public void put(Target t) {
        h.createUpdate("""
                        INSERT INTO staffing_targets (service_id, channel, answer_seconds, answer_percent, resolution_minutes)
                        VALUES (:s, :c, :sec, :pct, :res)
                        ON CONFLICT (service_id, channel) DO UPDATE SET answer_seconds = excluded.answer_seconds,
                            answer_percent = excluded.answer_percent, resolution_minutes = excluded.resolution_minutes""")
                .bind("s", t.serviceId()).bind("c", t.channel()).bind("sec", t.answerSeconds()).bind("pct", t.answerPercent())
                .bind("res", t.resolutionMinutes()).execute();
    }
}
