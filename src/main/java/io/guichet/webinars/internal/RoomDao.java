package io.guichet.webinars.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** SQL of video rooms, attendance and the mails of a session's life (claimed once each). */
public final class RoomDao {
    private static final RowMapper<Room> ROOM = (rs, ctx) -> new Room(rs.getLong("session_id"), rs.getString("meeting_id"),
            instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("ended_at")), rs.getString("record_id"), rs.getString("replay_url"),
            instant(rs.getTimestamp("events_at")));
    private static final RowMapper<Attendance> ATTENDANCE = (rs, ctx) -> new Attendance(rs.getLong("registration_id"),
            instant(rs.getTimestamp("clicked_at")), instant(rs.getTimestamp("joined_at")), instant(rs.getTimestamp("left_at")),
            rs.getInt("seconds"), instant(rs.getTimestamp("present_since")));
    private final Handle h;

    public RoomDao(Handle h) {
        this.h = h;
    }

    /** {@code eventsAt}: when its server's bbb-webhooks last told of someone coming or leaving (null: it never did). */
    public record Room(long sessionId, String meetingId, Instant createdAt, Instant endedAt, String recordId, String replayUrl, Instant eventsAt) {
    }

    /** How many came to a session and their seconds inside, those still inside counted up to {@code now}. */
    public record Summary(int attended, long seconds) {
    }

    public record Attendance(long registrationId, Instant clickedAt, Instant joinedAt, Instant leftAt, int seconds, Instant presentSince) {
    }

    public Optional<Room> room(long sessionId) {
        return h.createQuery("SELECT * FROM webinar_rooms WHERE session_id = :s").bind("s", sessionId).map(ROOM).findOne();
    }

    public Optional<Room> roomOfMeeting(String meetingId) {
        return h.createQuery("SELECT * FROM webinar_rooms WHERE meeting_id = :m").bind("m", meetingId).map(ROOM).findOne();
    }

    /** The room's row, made if needed and locked: the first clicks of two nodes take turns here. */
    public Room lockRoom(long sessionId, String meetingId) {
        h.createUpdate("INSERT INTO webinar_rooms (session_id, meeting_id) VALUES (:s, :m) ON CONFLICT (session_id) DO NOTHING")
                .bind("s", sessionId).bind("m", meetingId).execute();
        return h.createQuery("SELECT * FROM webinar_rooms WHERE session_id = :s FOR UPDATE").bind("s", sessionId).map(ROOM).one();
    }

    public void roomCreated(long sessionId, Instant at) {
        h.createUpdate("UPDATE webinar_rooms SET created_at = :at, ended_at = NULL WHERE session_id = :s")
                .bind("at", Timestamp.from(at)).bind("s", sessionId).execute();
    }

    public void roomEnded(long sessionId, Instant at) {
        h.createUpdate("UPDATE webinar_rooms SET ended_at = :at WHERE session_id = :s AND ended_at IS NULL")
                .bind("at", Timestamp.from(at)).bind("s", sessionId).execute();
    }

    /**
     * The rooms this node polls now, claimed: those open whose last poll is older than {@code every}, and those ended
     * without a replay yet (for two days), checked every ten minutes. Another node's claim makes this one skip them.
     */
    public List<Room> claimRoomsToPoll(Instant now, Duration every) {
        return h.createQuery("""
                        UPDATE webinar_rooms SET polled_at = :now
                        WHERE created_at IS NOT NULL AND (
                              (ended_at IS NULL AND (polled_at IS NULL OR polled_at <= :due))
                           OR (ended_at IS NOT NULL AND replay_url IS NULL AND ended_at > :twoDays AND (polled_at IS NULL OR polled_at <= :slowDue)))
                        RETURNING *""")
                .bind("now", Timestamp.from(now)).bind("due", Timestamp.from(now.minus(every)))
                .bind("twoDays", Timestamp.from(now.minus(Duration.ofDays(2)))).bind("slowDue", Timestamp.from(now.minus(Duration.ofMinutes(10))))
                .map(ROOM).list();
    }

    /** The replay, once: false when the session already had one (a second callback, or the poll got there first). */
    public boolean setReplay(long sessionId, String recordId, String url, Instant at) {
        return h.createUpdate("UPDATE webinar_rooms SET record_id = :r, replay_url = :u, replay_at = :at WHERE session_id = :s AND replay_url IS NULL")
                .bind("r", recordId).bind("u", url).bind("at", Timestamp.from(at)).bind("s", sessionId).execute() == 1;
    }

    public void recordId(long sessionId, String recordId) {
        h.createUpdate("UPDATE webinar_rooms SET record_id = :r WHERE session_id = :s AND replay_url IS NULL").bind("r", recordId).bind("s", sessionId).execute();
    }

    /** A click on the join link: the first click is when they came (a pasted link gives nothing more). True on the first. */
    public boolean clicked(long registrationId, long sessionId, Instant at) {
        return h.createQuery("""
                        INSERT INTO webinar_attendance (registration_id, session_id, clicked_at, joined_at) VALUES (:r, :s, :at, :at)
                        ON CONFLICT (registration_id) DO UPDATE SET clicked_at = COALESCE(webinar_attendance.clicked_at, :at),
                                                                   joined_at = COALESCE(webinar_attendance.joined_at, :at)
                        RETURNING (xmax = 0)""")
                .bind("r", registrationId).bind("s", sessionId).bind("at", Timestamp.from(at)).mapTo(Boolean.class).one();
    }

    /** Seen inside the room at {@code at}; true when this is the first time they are seen at all. */
    public boolean present(long registrationId, long sessionId, Instant at) {
        return h.createQuery("""
                        INSERT INTO webinar_attendance (registration_id, session_id, joined_at, present_since) VALUES (:r, :s, :at, :at)
                        ON CONFLICT (registration_id) DO UPDATE SET joined_at = COALESCE(webinar_attendance.joined_at, :at),
                               present_since = COALESCE(webinar_attendance.present_since, :at), left_at = NULL
                        RETURNING (xmax = 0)""")
                .bind("r", registrationId).bind("s", sessionId).bind("at", Timestamp.from(at)).mapTo(Boolean.class).one();
    }

    /** Everyone of the session inside and not in {@code stillInside} has left at {@code at}: their time inside is added up. */
    public void leftExcept(long sessionId, Collection<Long> stillInside, Instant at) {
        h.createUpdate("""
                        UPDATE webinar_attendance SET seconds = seconds + GREATEST(0, EXTRACT(EPOCH FROM (CAST(:at AS timestamptz) - present_since)))::int,
                               left_at = :at, present_since = NULL
                        WHERE session_id = :s AND present_since IS NOT NULL AND NOT (registration_id = ANY(:inside))""")
                .bind("s", sessionId).bind("at", Timestamp.from(at)).bindArray("inside", Long.class, stillInside).execute();
    }

    /**
     * bbb-webhooks' {@code user-joined}: inside since {@code at}, to the second (an earlier time than the poll saw wins);
     * true when this is the first time they are seen at all.
     */
    public boolean arrived(long registrationId, long sessionId, Instant at) {
        return h.createQuery("""
                        INSERT INTO webinar_attendance AS a (registration_id, session_id, joined_at, present_since) VALUES (:r, :s, :at, :at)
                        ON CONFLICT (registration_id) DO UPDATE SET joined_at = LEAST(COALESCE(a.joined_at, :at), :at),
                               present_since = LEAST(COALESCE(a.present_since, :at), :at), left_at = NULL
                        RETURNING (xmax = 0)""")
                .bind("r", registrationId).bind("s", sessionId).bind("at", Timestamp.from(at)).mapTo(Boolean.class).one();
    }

    /** bbb-webhooks' {@code user-left}: the time inside until {@code at} is added up. */
    public void left(long registrationId, Instant at) {
        h.createUpdate("""
                        UPDATE webinar_attendance SET seconds = seconds + GREATEST(0, EXTRACT(EPOCH FROM (CAST(:at AS timestamptz) - present_since)))::int,
                               left_at = :at, present_since = NULL
                        WHERE registration_id = :r AND present_since IS NOT NULL""")
                .bind("r", registrationId).bind("at", Timestamp.from(at)).execute();
    }

    /** The room's server sends webhooks: from now on they say who is inside. */
    public void eventsReceived(long sessionId, Instant at) {
        h.createUpdate("UPDATE webinar_rooms SET events_at = :at WHERE session_id = :s").bind("at", Timestamp.from(at)).bind("s", sessionId).execute();
    }

    public Summary summary(long sessionId, Instant now) {
        return h.createQuery("""
                        SELECT count(*) FILTER (WHERE joined_at IS NOT NULL) AS attended,
                               coalesce(sum(seconds + coalesce(GREATEST(0, EXTRACT(EPOCH FROM (CAST(:now AS timestamptz) - present_since)))::int, 0)), 0) AS seconds
                        FROM webinar_attendance WHERE session_id = :s""")
                .bind("s", sessionId).bind("now", Timestamp.from(now)).map((rs, ctx) -> new Summary(rs.getInt("attended"), rs.getLong("seconds"))).one();
    }

    /** Someone followed the replay's link (a registrant's, or null: the join page of a host). */
    public void replayViewed(long sessionId, Long registrationId, Instant at) {
        h.createUpdate("INSERT INTO webinar_replay_views (session_id, registration_id, viewed_at) VALUES (:s, :r, :at)")
                .bind("s", sessionId).bind("r", registrationId).bind("at", Timestamp.from(at)).execute();
    }

    public int replayViews(long sessionId) {
        return h.createQuery("SELECT count(*) FROM webinar_replay_views WHERE session_id = :s").bind("s", sessionId).mapTo(Integer.class).one();
    }

    public List<Attendance> attendance(long sessionId) {
        return h.createQuery("SELECT * FROM webinar_attendance WHERE session_id = :s").bind("s", sessionId).map(ATTENDANCE).list();
    }

    /** Claims one mail of a session's life for a registration; false when it was claimed already (by this node or another). */
    public boolean claimMail(long registrationId, String kind) {
        return h.createUpdate("INSERT INTO webinar_mails_sent (registration_id, kind) VALUES (:r, :k) ON CONFLICT DO NOTHING")
                .bind("r", registrationId).bind("k", kind).execute() == 1;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
