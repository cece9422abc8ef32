package io.guichet.community.internal;

import io.guichet.community.Participant;
import io.guichet.community.Round;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Mentoring rounds, their participants and confirmed pairs. */
public final class RoundDao {
    static final RowMapper<Participant> PARTICIPANT = (rs, ctx) -> new Participant(rs.getLong("id"), rs.getLong("round_id"), rs.getString("side"),
            rs.getLong("contact_id"), rs.getString("name"), rs.getString("email"), MemberDao.strings(rs.getArray("teach")),
            MemberDao.strings(rs.getArray("learn")), MemberDao.strings(rs.getArray("languages")), MemberDao.strings(rs.getArray("availability")),
            MemberDao.strings(rs.getArray("formats")));

    private final Handle h;

    public RoundDao(Handle h) {
        this.h = h;
    }

    public long insertRound(String name, int k, Instant now) {
        return h.createQuery("INSERT INTO community_rounds (name, max_mentees, created_at) VALUES (:n, :k, :now) RETURNING id")
                .bind("n", name).bind("k", k).bind("now", now).mapTo(Long.class).one();
    }

    public Optional<Round> round(long id) {
        return h.createQuery("SELECT * FROM community_rounds WHERE id = :id").bind("id", id)
                .map((rs, ctx) -> new Round(rs.getLong("id"), rs.getString("name"), rs.getInt("max_mentees"), rs.getTimestamp("created_at").toInstant()))
                .findOne();
    }

    public List<Round> rounds() {
        return h.createQuery("SELECT * FROM community_rounds ORDER BY id DESC")
                .map((rs, ctx) -> new Round(rs.getLong("id"), rs.getString("name"), rs.getInt("max_mentees"), rs.getTimestamp("created_at").toInstant()))
                .list();
    }

    public long upsertParticipant(long roundId, String side, long contactId, String name, String email, List<String> teach, List<String> learn,
                                  List<String> languages, List<String> availability, List<String> formats) {
        return h.createQuery("""
                INSERT INTO community_participants (round_id, side, contact_id, name, email, teach, learn, languages, availability, formats)
                VALUES (:r, :side, :c, :name, :email, :teach, :learn, :langs, :avail, :formats)
                ON CONFLICT (round_id, side, contact_id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, teach = EXCLUDED.teach,
                    learn = EXCLUDED.learn, languages = EXCLUDED.languages, availability = EXCLUDED.availability, formats = EXCLUDED.formats
                RETURNING id""").bind("r", roundId).bind("side", side).bind("c", contactId).bind("name", name).bind("email", email)
                .bindArray("teach", String.class, teach).bindArray("learn", String.class, learn).bindArray("langs", String.class, languages)
                .bindArray("avail", String.class, availability).bindArray("formats", String.class, formats).mapTo(Long.class).one();
    }

    public List<Participant> participants(long roundId, String side) {
        return h.createQuery("SELECT * FROM community_participants WHERE round_id = :r AND side = :s ORDER BY id").bind("r", roundId).bind("s", side)
                .map(PARTICIPANT).list();
    }

    public void insertPair(long roundId, long mentorId, long menteeId, int score, Instant now) {
        h.createUpdate("""
                INSERT INTO community_pairs (round_id, mentor_id, mentee_id, score, confirmed_at) VALUES (:r, :m, :e, :s, :now)
                ON CONFLICT (round_id, mentee_id) DO UPDATE SET mentor_id = EXCLUDED.mentor_id, score = EXCLUDED.score, confirmed_at = EXCLUDED.confirmed_at""")
                .bind("r", roundId).bind("m", mentorId).bind("e", menteeId).bind("s", score).bind("now", now).execute();
    }

    public int menteesOf(long roundId, long mentorId) {
        return h.createQuery("SELECT count(*) FROM community_pairs WHERE round_id = :r AND mentor_id = :m").bind("r", roundId).bind("m", mentorId)
                .mapTo(Integer.class).one();
    }

    public record PairRow(long mentorId, long menteeId, int score) {
    }

    public List<PairRow> pairs(long roundId) {
        return h.createQuery("SELECT mentor_id, mentee_id, score FROM community_pairs WHERE round_id = :r ORDER BY mentor_id, mentee_id").bind("r", roundId)
                .map((rs, ctx) -> new PairRow(rs.getLong("mentor_id"), rs.getLong("mentee_id"), rs.getInt("score"))).list();
    }
}
