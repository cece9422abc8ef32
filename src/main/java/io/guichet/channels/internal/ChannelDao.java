package io.guichet.channels.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** SQL of the configured channels and their health. */
public final class ChannelDao {
    private final Handle h;

    public ChannelDao(Handle h) {
        this.h = h;
    }

    public record Row(long id, String kind, String name, long serviceId, String pageId, String address, byte[] secrets,
                      String status, Instant lastEventAt, String lastError, Instant lastErrorAt, Instant createdAt) {
    }

    private static final String COLUMNS = "SELECT id, kind, name, service_id, page_id, address, secrets, status, last_event_at, last_error, last_error_at, created_at FROM channels ";
    private static final RowMapper<Row> ROWS = (rs, ctx) -> new Row(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
            rs.getString(5), rs.getString(6), rs.getBytes(7), rs.getString(8), instant(rs.getTimestamp(9)), rs.getString(10),
            instant(rs.getTimestamp(11)), instant(rs.getTimestamp(12)));

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Empty when the page id or address is configured already. */
    public Optional<Long> insert(String kind, String name, long serviceId, String pageId, String address, byte[] secrets) {
        return h.createQuery("""
                        INSERT INTO channels (kind, name, service_id, page_id, address, secrets)
                        VALUES (:kind, :name, :service, :page, :address, :secrets) ON CONFLICT DO NOTHING RETURNING id""")
                .bind("kind", kind).bind("name", name).bind("service", serviceId).bind("page", pageId).bind("address", address)
                .bind("secrets", secrets).mapTo(Long.class).findOne();
    }

    public List<Row> all() {
        return h.createQuery(COLUMNS + "ORDER BY id").map(ROWS).list();
    }

    public List<Row> ofKind(String kind) {
        return h.createQuery(COLUMNS + "WHERE kind = :k ORDER BY id").bind("k", kind).map(ROWS).list();
    }

    public Optional<Row> find(long id) {
        return h.createQuery(COLUMNS + "WHERE id = :id").bind("id", id).map(ROWS).findOne();
    }

    public void eventReceived(long id, Instant at) {
        h.createUpdate("UPDATE channels SET last_event_at = :t WHERE id = :id").bind("id", id).bind("t", Timestamp.from(at)).execute();
    }

    /** Marks the channel in error; true when it was fine before (the moment to tell its administrators). */
    public boolean error(long id, String error, Instant at) {
        String before = h.createQuery("SELECT status FROM channels WHERE id = :id FOR UPDATE").bind("id", id).mapTo(String.class).findOne().orElse(null);
        h.createUpdate("UPDATE channels SET status = 'error', last_error = :e, last_error_at = :t WHERE id = :id")
                .bind("id", id).bind("e", error).bind("t", Timestamp.from(at)).execute();
        return "ok".equals(before);
    }

    public void replaceSecrets(long id, byte[] secrets) {
        h.createUpdate("UPDATE channels SET secrets = :s, status = 'ok' WHERE id = :id").bind("id", id).bind("s", secrets).execute();
    }

    /** A success after an error: the channel is fine again (its last error stays shown with its time). */
    public void ok(long id) {
        h.createUpdate("UPDATE channels SET status = 'ok' WHERE id = :id AND status <> 'ok'").bind("id", id).execute();
    }

    /** Outbound messages not yet sent or failed, per channel. */
    public java.util.Map<Long, Integer> queued() {
        java.util.Map<Long, Integer> m = new java.util.HashMap<>();
        h.createQuery("SELECT channel_id, count(*) FROM messenger_outbox WHERE status IN ('stored', 'sending') GROUP BY channel_id")
                .map((rs, ctx) -> java.util.Map.entry(rs.getLong(1), rs.getInt(2))).forEach(e -> m.put(e.getKey(), e.getValue()));
        return m;
    }
}
