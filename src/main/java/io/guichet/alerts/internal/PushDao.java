package io.guichet.alerts.internal;

import io.guichet.alerts.PushSubscription;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** The alerts' push subscriptions and what each channel that tells reported (alert_deliveries). */
public final class PushDao {
    private final Handle h;

    public PushDao(Handle h) {
        this.h = h;
    }

    private static final RowMapper<PushSubscription> ROW = (rs, ctx) -> new PushSubscription(rs.getLong("id"), rs.getString("endpoint"),
            rs.getString("p256dh"), rs.getString("auth"), (Long) rs.getObject("contact_id"), rs.getString("lang"));

    /** The same endpoint again (a browser re-subscribing) updates its keys and language; a contact once known stays. */
    public PushSubscription upsert(String endpoint, String p256dh, String auth, Long contactId, String lang, Instant at) {
        return h.createQuery("""
                        INSERT INTO alert_push_subscriptions (endpoint, p256dh, auth, contact_id, lang, created_at)
                        VALUES (:e, :p, :a, :c, :l, :at)
                        ON CONFLICT (endpoint) DO UPDATE SET p256dh = EXCLUDED.p256dh, auth = EXCLUDED.auth, lang = EXCLUDED.lang,
                            contact_id = COALESCE(EXCLUDED.contact_id, alert_push_subscriptions.contact_id)
                        RETURNING *""")
                .bind("e", endpoint).bind("p", p256dh).bind("a", auth).bind("c", contactId).bind("l", lang).bind("at", at).map(ROW).one();
    }

    /** The subscriptions of these contacts, and with {@code anonymous} those no contact holds (an alert to everyone). */
    public List<PushSubscription> of(Collection<Long> contactIds, boolean anonymous) {
        return h.createQuery("SELECT * FROM alert_push_subscriptions WHERE contact_id = ANY(:c)" + (anonymous ? " OR contact_id IS NULL" : "")
                        + " ORDER BY id")
                .bindArray("c", Long.class, contactIds.toArray()).map(ROW).list();
    }

    public void delete(Collection<Long> ids) {
        if (ids.isEmpty()) return;
        h.createUpdate("DELETE FROM alert_push_subscriptions WHERE id = ANY(:i)").bindArray("i", Long.class, ids.toArray()).execute();
    }

    public void sent(Collection<Long> ids, Instant at) {
        if (ids.isEmpty()) return;
        h.createUpdate("UPDATE alert_push_subscriptions SET last_sent_at = :at WHERE id = ANY(:i)").bindArray("i", Long.class, ids.toArray())
                .bind("at", at).execute();
    }

    public int count() {
        return h.createQuery("SELECT count(*) FROM alert_push_subscriptions").mapTo(Integer.class).one();
    }

    /** Adds one sending's outcome to the alert's figures for the channel. */
    public void delivered(long alertId, int seq, String channel, int sent, int failed, int expired) {
        h.createUpdate("""
                        INSERT INTO alert_deliveries (alert_id, seq, channel, sent, failed, expired) VALUES (:a, :s, :c, :ok, :f, :x)
                        ON CONFLICT (alert_id, seq, channel) DO UPDATE SET sent = alert_deliveries.sent + EXCLUDED.sent,
                            failed = alert_deliveries.failed + EXCLUDED.failed, expired = alert_deliveries.expired + EXCLUDED.expired""")
                .bind("a", alertId).bind("s", seq).bind("c", channel).bind("ok", sent).bind("f", failed).bind("x", expired).execute();
    }

    /** The alert's figures per channel, every sending added up: channel → {sent, failed, expired}. */
    public Map<String, int[]> deliveries(long alertId) {
        Map<String, int[]> out = new java.util.HashMap<>();
        h.createQuery("SELECT channel, sum(sent) AS s, sum(failed) AS f, sum(expired) AS x FROM alert_deliveries WHERE alert_id = :a GROUP BY channel")
                .bind("a", alertId).map((rs, ctx) -> Map.entry(rs.getString("channel"), new int[]{rs.getInt("s"), rs.getInt("f"), rs.getInt("x")}))
                .forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
