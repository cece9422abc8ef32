package io.guichet.webinars.internal;

import io.guichet.webinars.RegistrationQuestion;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Array;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/** SQL of the registration forms' questions. */
public final class QuestionDao {
    private static final RowMapper<RegistrationQuestion> QUESTION = (rs, ctx) -> new RegistrationQuestion(rs.getLong("id"),
            (Long) rs.getObject("session_id"), (Long) rs.getObject("series_id"), (Long) rs.getObject("event_id"), rs.getString("kind"),
            rs.getBoolean("required"), rs.getString("label_fr"), rs.getString("label_en"), texts(rs.getArray("options_fr")), texts(rs.getArray("options_en")),
            rs.getString("contact_field"), rs.getString("input"));
    private final Handle h;

    public QuestionDao(Handle h) {
        this.h = h;
    }

    /** The questions a session's form asks, not removed: the fair's, then the series', then its own, each in the order added. */
    public List<RegistrationQuestion> asked(long sessionId, Long seriesId, Long eventId) {
        return h.createQuery("""
                        SELECT * FROM webinar_questions WHERE removed_at IS NULL
                          AND (session_id = :s OR series_id = :series OR event_id = :event)
                        ORDER BY (event_id IS NULL), (series_id IS NULL), position, id""")
                .bind("s", sessionId).bind("series", seriesId).bind("event", eventId).map(QUESTION).list();
    }

    public List<RegistrationQuestion> ofSeries(long seriesId) {
        return h.createQuery("SELECT * FROM webinar_questions WHERE removed_at IS NULL AND series_id = :s ORDER BY position, id")
                .bind("s", seriesId).map(QUESTION).list();
    }

    public Optional<RegistrationQuestion> question(long id) {
        return h.createQuery("SELECT * FROM webinar_questions WHERE id = :id AND removed_at IS NULL").bind("id", id).map(QUESTION).findOne();
    }

    public long insert(Long sessionId, Long seriesId, Long eventId, String kind, boolean required, String labelFr, String labelEn,
                       List<String> optionsFr, List<String> optionsEn, String contactField, String input, long createdBy) {
        return h.createQuery("""
                        INSERT INTO webinar_questions (session_id, series_id, event_id, position, kind, required, label_fr, label_en,
                                                       options_fr, options_en, contact_field, input, created_by)
                        VALUES (:s, :series, :event, (SELECT count(*) FROM webinar_questions
                                                      WHERE session_id = :s OR series_id = :series OR event_id = :event),
                                :kind, :required, :lfr, :len, :ofr, :oen, :field, :input, :by) RETURNING id""")
                .bind("s", sessionId).bind("series", seriesId).bind("event", eventId).bind("kind", kind).bind("required", required)
                .bind("lfr", labelFr).bind("len", labelEn).bindArray("ofr", String.class, optionsFr).bindArray("oen", String.class, optionsEn)
                .bind("field", contactField).bind("input", input).bind("by", createdBy).mapTo(Long.class).one();
    }

    public void remove(long id) {
        h.createUpdate("UPDATE webinar_questions SET removed_at = now() WHERE id = :id AND removed_at IS NULL").bind("id", id).execute();
    }

    private static List<String> texts(Array a) throws SQLException {
        return a == null ? List.of() : List.of((String[]) a.getArray());
    }
}
