package io.guichet.live.internal;

import io.guichet.live.VotesChanged.VoteCount;
import io.guichet.live.Question;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL of questions and votes. */
public final class QuestionDao {
    private static final String COLUMNS = """
            id, session_id, contact_id, visibility, service_id, author_name, body, original_body, status, held_reason,
            advance, votes, vote_rev, merged_into, answer, answered_at, answered_by, conversation_id, created_at, published_at""";

    private static final RowMapper<Question> QUESTION = (rs, ctx) -> new Question(
            rs.getLong("id"), rs.getLong("session_id"), rs.getLong("contact_id"),
            Question.Visibility.valueOf(rs.getString("visibility").toUpperCase(java.util.Locale.ROOT)),
            (Long) rs.getObject("service_id"), rs.getString("author_name"), rs.getString("body"), rs.getString("original_body"),
            Question.Status.fromCode(rs.getString("status")), rs.getString("held_reason"), rs.getBoolean("advance"),
            rs.getInt("votes"), rs.getLong("vote_rev"), (Long) rs.getObject("merged_into"), rs.getString("answer"),
            instant(rs.getTimestamp("answered_at")), (Long) rs.getObject("answered_by"), (Long) rs.getObject("conversation_id"),
            rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("published_at")));

    private final Handle h;

    public QuestionDao(Handle h) {
        this.h = h;
    }

    public record NewQuestion(long sessionId, long contactId, String clientId, Question.Visibility visibility, Long serviceId,
                              String authorName, String body, Question.Status status, String heldReason, boolean advance,
                              Long conversationId) {
    }

    /** Inserts the question unless this contact already sent this client id in the session; empty then. */
    public Optional<Question> insertIfNew(NewQuestion q) {
        return h.createQuery("""
                        INSERT INTO live_questions (session_id, contact_id, client_id, visibility, service_id, author_name, body,
                                                    status, held_reason, advance, conversation_id, published_at)
                        VALUES (:session, :contact, :cid, :vis, :service, :author, :body, :status, :held, :advance, :conv,
                                CASE WHEN :status = 'published' THEN now() END)
                        ON CONFLICT (session_id, contact_id, client_id) DO NOTHING RETURNING\s""" + COLUMNS)
                .bind("session", q.sessionId()).bind("contact", q.contactId()).bind("cid", q.clientId())
                .bind("vis", q.visibility().code()).bind("service", q.serviceId()).bind("author", q.authorName())
                .bind("body", q.body()).bind("status", q.status().code()).bind("held", q.heldReason())
                .bind("advance", q.advance()).bind("conv", q.conversationId())
                .map(QUESTION).findOne();
    }

    public Optional<Question> byClientId(long sessionId, long contactId, String clientId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM live_questions WHERE session_id = :s AND contact_id = :c AND client_id = :cid")
                .bind("s", sessionId).bind("c", contactId).bind("cid", clientId).map(QUESTION).findOne();
    }

    public Optional<Question> find(long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM live_questions WHERE id = :id").bind("id", id).map(QUESTION).findOne();
    }

    public Optional<Question> lock(long sessionId, long id) {
        return h.createQuery("SELECT " + COLUMNS + " FROM live_questions WHERE id = :id AND session_id = :s FOR UPDATE")
                .bind("id", id).bind("s", sessionId).map(QUESTION).findOne();
    }

    /** The wall: published public questions, by votes or newest first; {@code answeredOnly} after the session. */
    public List<Question> wall(long sessionId, boolean byVotes, boolean answeredOnly, int limit) {
        return h.createQuery("SELECT " + COLUMNS + " FROM live_questions WHERE session_id = :s AND status = 'published'"
                        + (answeredOnly ? " AND answer IS NOT NULL" : "")
                        + (byVotes ? " ORDER BY votes DESC, published_at, id" : " ORDER BY published_at DESC, id DESC")
                        + " LIMIT :l")
                .bind("s", sessionId).bind("l", limit).map(QUESTION).list();
    }

    /** Every question of the session, oldest first, for moderators and reports. */
    public List<Question> all(long sessionId) {
        return h.createQuery("SELECT " + COLUMNS + " FROM live_questions WHERE session_id = :s ORDER BY created_at, id")
                .bind("s", sessionId).map(QUESTION).list();
    }

    /** The questions of these contacts (a person and the contacts merged into theirs). */
    public List<Question> ofContacts(long sessionId, List<Long> contactIds) {
        return h.createQuery("SELECT " + COLUMNS + " FROM live_questions WHERE session_id = :s AND contact_id = ANY(:c) ORDER BY created_at, id")
                .bind("s", sessionId).bindArray("c", Long.class, contactIds).map(QUESTION).list();
    }

    public List<Long> votedBy(long sessionId, List<Long> contactIds) {
        return h.createQuery("""
                        SELECT DISTINCT v.question_id FROM live_votes v JOIN live_questions q ON q.id = v.question_id
                        WHERE q.session_id = :s AND v.contact_id = ANY(:c)""")
                .bind("s", sessionId).bindArray("c", Long.class, contactIds).mapTo(Long.class).list();
    }

    public void setStatus(long id, Question.Status status) {
        h.createUpdate("""
                        UPDATE live_questions SET status = :st,
                          published_at = CASE WHEN :st = 'published' THEN COALESCE(published_at, now()) ELSE published_at END
                        WHERE id = :id""")
                .bind("id", id).bind("st", status.code()).execute();
    }

    /** "Approve all": every pending public question of the session goes on the wall; their ids. */
    public List<Long> publishPending(long sessionId) {
        return h.createQuery("""
                        UPDATE live_questions SET status = 'published', published_at = COALESCE(published_at, now())
                        WHERE session_id = :s AND status = 'pending' RETURNING id""")
                .bind("s", sessionId).mapTo(Long.class).list();
    }

    /** A dismissed question back where it was: on the wall if it had been published, else waiting for moderation. */
    public void restore(long id) {
        h.createUpdate("""
                        UPDATE live_questions SET status = CASE WHEN published_at IS NULL THEN 'pending' ELSE 'published' END
                        WHERE id = :id AND status = 'dismissed'""")
                .bind("id", id).execute();
    }

    /** A moderator's rewording; the asker's first words are kept. */
    public void edit(long id, String body) {
        h.createUpdate("UPDATE live_questions SET original_body = COALESCE(original_body, body), body = :b WHERE id = :id")
                .bind("id", id).bind("b", body).execute();
    }

    public void answer(long id, String answer, long staffId) {
        h.createUpdate("""
                        UPDATE live_questions SET answer = :a, answered_by = :by, answered_at = COALESCE(answered_at, now()),
                          status = 'published', published_at = COALESCE(published_at, now())
                        WHERE id = :id""")
                .bind("id", id).bind("a", answer).bind("by", staffId).execute();
    }

    /** One vote per person: the new count when this call added (or, withdrawing, removed) a vote; empty when nothing changed. */
    public Optional<VoteCount> vote(long questionId, long contactId, boolean up) {
        int changed = up
                ? h.createUpdate("INSERT INTO live_votes (question_id, contact_id) VALUES (:q, :c) ON CONFLICT DO NOTHING")
                .bind("q", questionId).bind("c", contactId).execute()
                : h.createUpdate("DELETE FROM live_votes WHERE question_id = :q AND contact_id = :c")
                .bind("q", questionId).bind("c", contactId).execute();
        if (changed == 0) return Optional.empty();
        return Optional.of(h.createQuery("""
                        UPDATE live_questions SET votes = votes + :d, vote_rev = nextval('live_vote_rev') WHERE id = :q
                        RETURNING id, votes, vote_rev""")
                .bind("q", questionId).bind("d", up ? 1 : -1)
                .map((rs, ctx) -> new VoteCount(rs.getLong(1), rs.getInt(2), rs.getLong(3))).one());
    }

    /** Moves a duplicate's voters to the kept question (one vote per person still) and marks it merged. */
    public void merge(long duplicateId, long keptId) {
        h.createUpdate("""
                        INSERT INTO live_votes (question_id, contact_id, created_at)
                        SELECT :kept, contact_id, created_at FROM live_votes WHERE question_id = :dup
                        ON CONFLICT DO NOTHING""")
                .bind("kept", keptId).bind("dup", duplicateId).execute();
        h.createUpdate("DELETE FROM live_votes WHERE question_id = :dup").bind("dup", duplicateId).execute();
        h.createUpdate("UPDATE live_questions SET status = 'merged', merged_into = :kept, votes = 0, vote_rev = nextval('live_vote_rev') WHERE id = :dup")
                .bind("kept", keptId).bind("dup", duplicateId).execute();
        h.createUpdate("""
                        UPDATE live_questions SET votes = (SELECT count(*) FROM live_votes WHERE question_id = :kept),
                          vote_rev = nextval('live_vote_rev') WHERE id = :kept""")
                .bind("kept", keptId).execute();
    }

    /** Current counts of these questions, grouped by the caller. */
    public List<Counted> counts(Collection<Long> questionIds) {
        return h.createQuery("SELECT session_id, id, votes, vote_rev FROM live_questions WHERE id = ANY(:ids)")
                .bindArray("ids", Long.class, questionIds)
                .map((rs, ctx) -> new Counted(rs.getLong(1), new VoteCount(rs.getLong(2), rs.getInt(3), rs.getLong(4)))).list();
    }

    public record Counted(long sessionId, VoteCount count) {
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    public String personalDataJson(long contactId) {
        return h.createQuery("""
                        SELECT coalesce(jsonb_agg(to_jsonb(q) - 'client_id' || jsonb_build_object('session', s.title_fr) ORDER BY q.created_at), '[]')
                        FROM live_questions q JOIN live_sessions s ON s.id = q.session_id WHERE q.contact_id = :c""")
                .bind("c", contactId).mapTo(String.class).one();
    }

    public void eraseOfContact(long contactId, boolean delete) {
        h.createUpdate("DELETE FROM live_votes WHERE contact_id = :c").bind("c", contactId).execute();
        if (!delete) {
            h.createUpdate("UPDATE live_questions SET author_name = NULL WHERE contact_id = :c").bind("c", contactId).execute();
            return;
        }
        // questions merged into one of theirs no longer point at it; their own votes go with them (ON DELETE CASCADE)
        h.createUpdate("UPDATE live_questions SET merged_into = NULL WHERE merged_into IN (SELECT id FROM live_questions WHERE contact_id = :c)")
                .bind("c", contactId).execute();
        h.createUpdate("DELETE FROM live_questions WHERE contact_id = :c").bind("c", contactId).execute();
    }
}
