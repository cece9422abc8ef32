package io.guichet.journeys.internal;

import io.guichet.journeys.DocumentStore;
import io.guichet.journeys.Journey;
import org.jdbi.v3.core.Handle;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Documents as {@code bytea} rows of {@code journey_documents}, with their SHA-256. */
public final class PostgresDocuments implements DocumentStore {
    private static final String DESCRIBE = "SELECT id, enrolment_id, step_key, name, content_type, size, sha256, uploaded_at FROM journey_documents";

    @Override
    public Journey.Document put(Handle h, long enrolmentId, String stepKey, String name, String contentType, byte[] data, Instant at) {
        h.createUpdate("UPDATE journey_documents SET current = false WHERE enrolment_id = :e AND step_key = :k AND current")
                .bind("e", enrolmentId).bind("k", stepKey).execute();
        String sha = sha256(data);
        long id = h.createQuery("""
                        INSERT INTO journey_documents (enrolment_id, step_key, name, content_type, size, sha256, data, uploaded_at)
                        VALUES (:e, :k, :name, :type, :size, :sha, :data, :at) RETURNING id""")
                .bind("e", enrolmentId).bind("k", stepKey).bind("name", name).bind("type", contentType).bind("size", data.length)
                .bind("sha", sha).bind("data", data).bind("at", Timestamp.from(at)).mapTo(Long.class).one();
        return new Journey.Document(id, name, contentType, data.length, sha, at);
    }

    @Override
    public Map<Long, Map<String, Journey.Document>> current(Handle h, java.util.Collection<Long> enrolmentIds) {
        Map<Long, Map<String, Journey.Document>> byEnrolment = new java.util.HashMap<>();
        if (enrolmentIds.isEmpty()) return byEnrolment;
        h.createQuery(DESCRIBE + " WHERE enrolment_id = ANY(:e) AND current").bindArray("e", Long.class, enrolmentIds)
                .map((rs, c) -> owned(rs)).forEach(o -> byEnrolment.computeIfAbsent(o.enrolmentId(), x -> new LinkedHashMap<>()).put(o.stepKey(), o.document()));
        return byEnrolment;
    }

    @Override
    public Optional<Owned> find(Handle h, long documentId) {
        return h.createQuery(DESCRIBE + " WHERE id = :id").bind("id", documentId).map((rs, c) -> owned(rs)).findOne();
    }

    @Override
    public void copy(Handle h, long documentId, OutputStream out) {
        h.createQuery("SELECT data FROM journey_documents WHERE id = :id").bind("id", documentId).map((rs, c) -> {
            try (InputStream in = rs.getBinaryStream(1)) {
                in.transferTo(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return true;
        }).findOne();
    }

    private static Owned owned(ResultSet rs) throws SQLException {
        return new Owned(rs.getLong("enrolment_id"), rs.getString("step_key"), new Journey.Document(rs.getLong("id"), rs.getString("name"),
                rs.getString("content_type"), rs.getInt("size"), rs.getString("sha256"), rs.getTimestamp("uploaded_at").toInstant()));
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
