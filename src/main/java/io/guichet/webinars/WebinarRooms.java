package io.guichet.webinars;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.people.PeopleService;
import io.guichet.people.TimelineEntry;
import io.guichet.platform.web.ApiError;
import io.guichet.webinars.bbb.BbbClient;
import io.guichet.webinars.bbb.RecordingReady;
import io.guichet.webinars.bbb.WebhookEvents;
import io.guichet.webinars.internal.RoomDao;
import io.guichet.webinars.internal.WebinarDao;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A session's video room: BigBlueButton when one is configured (created on the first join from 15 minutes before the
 * start, under the room's row lock so two first clicks on two nodes create it once), else the link staff pasted.
 * Attendance comes from join-link clicks, from {@code getMeetingInfo} polled every minute while the room is open (each
 * attendee's {@code userID} is their registration id), and from the end callback; each person's first coming is on
 * their contact's timeline ({@code webinars.attended}). When the recording is ready (the signed callback, or the poll's
 * {@code getRecordings}) its playback address is the session's replay, mailed once to each registrant: thanks to those
 * who came, "you missed it" to the others.
 */
public final class WebinarRooms implements AutoCloseable {
    /** The room opens this long before the start. */
    public static final Duration OPENS_BEFORE = Duration.ofMinutes(15);
    private static final Duration POLL_EVERY = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(WebinarRooms.class);
    private final Jdbi jdbi;
    private final Clock clock;
    private final WebinarService webinars;
    private final PeopleService people;
    private final Optional<BbbClient> bbb;
    private final String bbbSecret;
    private final WebinarLinks links;
    private final WebinarMails mails;
    private final String host;
    private ScheduledExecutorService job;

    public WebinarRooms(Jdbi jdbi, Clock clock, WebinarService webinars, PeopleService people, Optional<BbbClient> bbb, String bbbSecret,
                        WebinarLinks links, WebinarMails mails) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.webinars = webinars;
        this.people = people;
        this.bbb = bbb;
        this.bbbSecret = bbbSecret;
        this.links = links;
        this.mails = mails;
        this.host = URI.create(links.publicUrl()).getHost();
    }

    public Instant now() {
        return clock.instant();
    }

    /** Who follows a join link: a registrant (VIEWER, named by their registration) or a host (MODERATOR). */
    public record Guest(WebinarSession session, Registration registration, String hostName) {
        String fullName() {
            return registration != null ? registration.name() : hostName;
        }
    }

    /** Where a join link leads now. */
    public sealed interface Entry {
        WebinarSession session();
    }

    /** Too early: the room opens at {@code opensAt}. */
    public record Waiting(WebinarSession session, Instant opensAt) implements Entry {
    }

    /** Into the room. */
    public record Enter(WebinarSession session, String url) implements Entry {
    }

    /** Over; {@code replayUrl} once the recording is ready. */
    public record Ended(WebinarSession session, String replayUrl) implements Entry {
    }

    /** The video server does not answer now: the page says so and tries again. */
    public record Unavailable(WebinarSession session) implements Entry {
    }

    /** No BigBlueButton and no pasted link: nothing to open. */
    public record NoRoom(WebinarSession session) implements Entry {
    }

    /** The registration a join link names, or its session's host; a cancelled session or registration is {@code 409}. */
    public Guest findGuest(String token) {
        Optional<Long> registration = links.registrationToJoin(token);
        if (registration.isPresent()) {
            Registration r = webinars.findRegistration(registration.get());
            if (r.status() != Registration.Status.REGISTERED) throw ApiError.conflict(r.status().code(), "This registration holds no seat");
            return new Guest(webinars.findSession(r.sessionId()), r, null);
        }
        Map.Entry<Long, String> host = links.hostToJoin(token).orElseThrow(() -> ApiError.notFound("Link"));
        return new Guest(webinars.findSession(host.getKey()), null, host.getValue());
    }

    public Entry doJoin(Guest guest) {
        WebinarSession s = guest.session();
        Instant now = clock.instant();
        if (s.cancelledAt() != null) throw ApiError.conflict("cancelled", "This session is cancelled");
        if (now.isBefore(s.startsAt().minus(OPENS_BEFORE))) return new Waiting(s, s.startsAt().minus(OPENS_BEFORE));
        Optional<RoomDao.Room> room = jdbi.withHandle(h -> new RoomDao(h).room(s.id()));
        boolean open = room.isPresent() && room.get().createdAt() != null && room.get().endedAt() == null;
        if (!now.isBefore(s.endsAt()) && !open) return new Ended(s, room.map(RoomDao.Room::replayUrl)
                .map(url -> guest.registration() == null ? url : links.replayUrl(guest.registration(), s)).orElse(null)); // a registrant's view is counted
        String url;
        if (bbb.isPresent()) {
            try {
                openRoom(s, now);
            } catch (BbbClient.Unavailable e) {
                log.warn("The video room of session {} cannot be opened: {}", s.id(), e.getMessage());
                return new Unavailable(s);
            }
            url = bbb.get().joinUrl(meetingId(s), guest.fullName(), guest.registration() == null ? BbbClient.Role.MODERATOR : BbbClient.Role.VIEWER,
                    guest.registration() == null ? "host" : Long.toString(guest.registration().id()));
        } else if (s.externalUrl() != null) {
            url = s.externalUrl();
        } else {
            return new NoRoom(s);
        }
        if (guest.registration() != null) jdbi.useTransaction(h -> {
            if (new RoomDao(h).clicked(guest.registration().id(), s.id(), now)) attended(h, s, guest.registration(), now);
        });
        return new Enter(s, url);
    }

    /** Creates the meeting once: under the room's row lock, a second first click waits and finds it made. */
    private void openRoom(WebinarSession s, Instant now) {
        jdbi.useTransaction(h -> {
            RoomDao dao = new RoomDao(h);
            RoomDao.Room room = dao.lockRoom(s.id(), meetingId(s));
            if (room.createdAt() != null && room.endedAt() == null) return;
            bbb.orElseThrow().create(room.meetingId(), s.title(s.lang()), true, links.publicUrl() + "/programme", links.roomEndedUrl(s),
                    links.recordingReadyUrl());
            dao.roomCreated(s.id(), now);
            try {
                bbb.get().createHook(links.eventsUrl(), room.meetingId());
            } catch (BbbClient.Unavailable e) {
                log.info("No bbb-webhooks for the room of session {} ({}): attendance comes from the minute's poll", s.id(), e.getMessage());
            }
        });
    }

    /** The meeting's id on BigBlueButton: stable, and distinct between two Guichet sharing one server. */
    String meetingId(WebinarSession s) {
        return "webinar-" + s.id() + "-" + host;
    }

    private void attended(Handle h, WebinarSession s, Registration r, Instant at) {
        people.doRecord(h, new TimelineEntry(r.contactId(), at, "webinars", "webinars.attended",
                Map.of("session", s.titleFr(), "session_en", s.titleEn()), "webinar_session", Long.toString(s.id()), null));
    }

    // ---- attendance ----------------------------------------------------------------------------------------------

    /** Every minute on every node: each open room is polled by one of them (the claim), ended rooms asked for their replay. */
    public void start() {
        if (bbb.isEmpty()) return;
        job = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("webinar-rooms").factory());
        job.scheduleWithFixedDelay(() -> {
            try {
                doPoll();
            } catch (RuntimeException e) {
                log.warn("The webinar rooms' poll failed; it runs again in a minute", e);
            }
        }, 1, POLL_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** One pass: who is in each open room (a room the server no longer knows has ended), and replays of ended ones. */
    public void doPoll() {
        Instant now = clock.instant();
        List<RoomDao.Room> rooms = jdbi.inTransaction(h -> new RoomDao(h).claimRoomsToPoll(now, POLL_EVERY.minusSeconds(5)));
        for (RoomDao.Room room : rooms) {
            try {
                if (room.endedAt() != null) {
                    findReplay(room);
                    continue;
                }
                Optional<BbbClient.MeetingInfo> info = bbb.orElseThrow().meetingInfo(room.meetingId());
                if (info.isEmpty()) doRoomEnded(room.sessionId());
                else if (room.eventsAt() == null) seen(room.sessionId(), info.get().attendees(), now); // webhooks, when sent, are exact
            } catch (BbbClient.Unavailable e) {
                log.warn("Polling the room of session {}: {}", room.sessionId(), e.getMessage());
            }
        }
    }

    private void seen(long sessionId, List<BbbClient.Attendee> attendees, Instant now) {
        jdbi.useTransaction(h -> {
            RoomDao dao = new RoomDao(h);
            WebinarSession s = new WebinarDao(h).session(sessionId).orElseThrow();
            Map<Long, Registration> registered = new java.util.HashMap<>();
            for (Registration r : new WebinarDao(h).registrations(sessionId)) registered.put(r.id(), r);
            Set<Long> inside = new HashSet<>();
            for (BbbClient.Attendee a : attendees) {
                Long id = registrationId(a.userId());
                if (id == null || !registered.containsKey(id)) continue; // a host, or someone the room let in by another way
                inside.add(id);
                if (dao.present(id, sessionId, now)) attended(h, s, registered.get(id), now);
            }
            dao.leftExcept(sessionId, inside, now);
        });
    }

    private static Long registrationId(String userId) {
        if (userId == null || !userId.matches("[0-9]{1,18}")) return null;
        return Long.parseLong(userId);
    }

    /**
     * A callback of bbb-webhooks: false (401) unless its checksum is right. Each {@code user-joined} and {@code user-left}
     * of one of our rooms moves that registrant in or out at the event's own time, so the minutes are exact; from then
     * on the room's poll leaves presence to the webhooks. A host, or a user the room let in another way, is not counted.
     */
    public boolean doWebhookEvents(String event, String timestamp, String checksum) {
        Optional<List<WebhookEvents.UserEvent>> events = bbb.isEmpty() ? Optional.empty()
                : WebhookEvents.verify(links.eventsUrl(), event, timestamp, checksum, bbbSecret);
        if (events.isEmpty()) return false;
        for (WebhookEvents.UserEvent e : events.get()) {
            Long id = registrationId(e.userId());
            if (e.meetingId() == null || id == null) continue;
            jdbi.useTransaction(h -> {
                RoomDao dao = new RoomDao(h);
                Optional<RoomDao.Room> room = dao.roomOfMeeting(e.meetingId());
                Optional<Registration> r = new WebinarDao(h).registration(id);
                if (room.isEmpty() || r.isEmpty() || r.get().sessionId() != room.get().sessionId() || r.get().status() != Registration.Status.REGISTERED) return;
                dao.eventsReceived(room.get().sessionId(), clock.instant());
                if (e.kind().equals(WebhookEvents.JOINED)) {
                    if (dao.arrived(id, room.get().sessionId(), e.at())) attended(h, new WebinarDao(h).session(room.get().sessionId()).orElseThrow(), r.get(), e.at());
                } else {
                    dao.left(id, e.at());
                }
            });
        }
        return true;
    }

    /** The meeting ended (the end callback, or the server no longer knows it): whoever was inside has left now. */
    public void doRoomEnded(long sessionId) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            RoomDao dao = new RoomDao(h);
            if (dao.room(sessionId).isEmpty()) return;
            dao.leftExcept(sessionId, List.of(), now);
            dao.roomEnded(sessionId, now);
        });
    }

    /** For the end callback: the session its signed address names. */
    public Optional<Long> roomEndedSession(String token) {
        return links.roomEndedSession(token);
    }

    /** One line per registrant: came or not, when, how long. */
    public record AttendanceLine(Registration registration, Instant joinedAt, Instant leftAt, int minutes, boolean present) {
    }

    public List<AttendanceLine> accessAttendance(Staff viewer, long sessionId) {
        Access.requireWebinarOrganiser(viewer);
        WebinarSession s = webinars.findSession(sessionId);
        Instant now = clock.instant();
        return jdbi.withHandle(h -> {
            Map<Long, RoomDao.Attendance> byRegistration = new java.util.HashMap<>();
            for (RoomDao.Attendance a : new RoomDao(h).attendance(s.id())) byRegistration.put(a.registrationId(), a);
            return new WebinarDao(h).registrations(s.id()).stream().filter(r -> r.status() == Registration.Status.REGISTERED).map(r -> {
                RoomDao.Attendance a = byRegistration.get(r.id());
                if (a == null) return new AttendanceLine(r, null, null, 0, false);
                long seconds = a.seconds() + (a.presentSince() == null ? 0 : Duration.between(a.presentSince(), now).toSeconds());
                return new AttendanceLine(r, a.joinedAt(), a.leftAt(), (int) (seconds / 60), a.presentSince() != null);
            }).toList();
        });
    }

    // ---- replays -------------------------------------------------------------------------------------------------

    /** The recording-ready callback: false (401) unless the JWT is signed with the shared secret; nothing is stored then. */
    public boolean doRecordingReady(String signedParameters) {
        Optional<RecordingReady> ready = bbb.isEmpty() ? Optional.empty() : RecordingReady.verify(signedParameters, bbbSecret);
        if (ready.isEmpty()) return false;
        Optional<RoomDao.Room> room = jdbi.withHandle(h -> new RoomDao(h).roomOfMeeting(ready.get().meetingId()));
        if (room.isEmpty()) return true; // not one of ours any more: nothing to do, and nothing to retry
        jdbi.useTransaction(h -> new RoomDao(h).recordId(room.get().sessionId(), ready.get().recordId()));
        try {
            findReplay(room.get());
        } catch (BbbClient.Unavailable e) {
            log.warn("The replay of session {} is ready but its address cannot be read now; the poll asks again: {}", room.get().sessionId(), e.getMessage());
        }
        return true;
    }

    private void findReplay(RoomDao.Room room) {
        bbb.orElseThrow().recordings(room.meetingId()).stream()
                .filter(r -> r.published() && (room.recordId() == null || room.recordId().equals(r.recordId())))
                .filter(r -> r.playbackUrl().isPresent()).findFirst()
                .ifPresent(r -> doReplay(room.sessionId(), r.recordId(), r.playbackUrl().get()));
    }

    /** The session's replay, then its mail to each registrant once: thanks to those who came, the other to the rest. */
    void doReplay(long sessionId, String recordId, String url) {
        Instant now = clock.instant();
        jdbi.useTransaction(h -> {
            RoomDao dao = new RoomDao(h);
            if (!dao.setReplay(sessionId, recordId, url, now)) return;
            WebinarSession s = new WebinarDao(h).session(sessionId).orElseThrow();
            Set<Long> came = new HashSet<>();
            for (RoomDao.Attendance a : dao.attendance(sessionId)) if (a.joinedAt() != null) came.add(a.registrationId());
            for (Registration r : new WebinarDao(h).registrations(sessionId)) {
                if (r.status() == Registration.Status.REGISTERED && dao.claimMail(r.id(), "replay")) mails.replay(h, s, r, came.contains(r.id()), links.replayUrl(r, s));
            }
        });
    }

    /** A registrant followed the replay's link: counted, and where it leads (empty: not a valid link, or no replay yet). */
    public Optional<String> doReplayView(String token) {
        Optional<Long> id = links.registrationToReplay(token);
        if (id.isEmpty()) return Optional.empty();
        Registration r = webinars.findRegistration(id.get());
        Optional<String> url = findReplay(r.sessionId());
        url.ifPresent(u -> jdbi.useTransaction(h -> new RoomDao(h).replayViewed(r.sessionId(), r.id(), clock.instant())));
        return url;
    }

    /** The replay of a session, once there is one. */
    public Optional<String> findReplay(long sessionId) {
        return jdbi.withHandle(h -> new RoomDao(h).room(sessionId)).map(RoomDao.Room::replayUrl);
    }

    @Override
    public void close() {
        if (job != null) job.shutdownNow();
    }
}
