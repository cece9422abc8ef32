package io.guichet.webinars;

import io.guichet.platform.web.SignedTokens;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The links of webinar mails, each a signed token ({@link SignedTokens}) naming one registration: cancel
 * ({@code /link/webinaire/annuler/{token}}) and join ({@code /j/{token}}). They work until a month after the
 * session, so a late "not this one" or a replay's way in still finds it.
 */
public final class WebinarLinks {
    static final String CANCEL = "webinar-cancel", JOIN = "webinar-join", HOST = "webinar-host", ROOM_ENDED = "webinar-room-ended",
            REPLAY = "webinar-replay";
    /** A replay is watched long after: its link works for a year. */
    private static final Duration REPLAY_FOR = Duration.ofDays(366);
    private static final Duration AFTER_SESSION = Duration.ofDays(31);
    private final SignedTokens tokens;
    private final String publicUrl;
    private final Clock clock;

    public WebinarLinks(SignedTokens tokens, String publicUrl, Clock clock) {
        this.tokens = tokens;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        this.clock = clock;
    }

    public String cancelToken(Registration r, WebinarSession s) {
        return tokens.sign(CANCEL, Long.toString(r.id()), s.endsAt().plus(AFTER_SESSION));
    }

    public String cancelUrl(Registration r, WebinarSession s) {
        return publicUrl + "/link/webinaire/annuler/" + cancelToken(r, s);
    }

    /** One click takes this occurrence of a series off (the page then offers to undo it or to take another date instead). */
    public String notThisUrl(Registration r, WebinarSession s) {
        return publicUrl + "/link/webinaire/pas-celle-ci/" + cancelToken(r, s);
    }

    public String joinUrl(Registration r, WebinarSession s) {
        return publicUrl + "/j/" + tokens.sign(JOIN, Long.toString(r.id()), s.endsAt().plus(AFTER_SESSION));
    }

    /** A speaker's or organiser's way in: a moderator link naming the session and the name they appear under. */
    public String hostUrl(WebinarSession s, String name) {
        return publicUrl + "/j/" + tokens.sign(HOST, s.id() + ":" + name, s.endsAt().plus(AFTER_SESSION));
    }

    /** The session and the name a host token names, if it is one and still valid. */
    public Optional<Map.Entry<Long, String>> hostToJoin(String token) {
        return tokens.verify(HOST, token, clock.instant()).map(v -> Map.entry(Long.parseLong(v.substring(0, v.indexOf(':'))), v.substring(v.indexOf(':') + 1)));
    }

    /** Where BigBlueButton tells that the meeting ended (its {@code meta_endCallbackUrl}, a GET): signed, as anyone can call it. */
    public String roomEndedUrl(WebinarSession s) {
        return publicUrl + "/link/webinaire/fin/" + tokens.sign(ROOM_ENDED, Long.toString(s.id()), s.endsAt().plus(AFTER_SESSION));
    }

    public Optional<Long> roomEndedSession(String token) {
        return subject(ROOM_ENDED, token);
    }

    /** A registrant's way to the replay: counted as a view, then on to the playback. */
    public String replayUrl(Registration r, WebinarSession s) {
        return publicUrl + "/link/webinaire/revoir/" + tokens.sign(REPLAY, Long.toString(r.id()), s.endsAt().plus(REPLAY_FOR));
    }

    public Optional<Long> registrationToReplay(String token) {
        return subject(REPLAY, token);
    }

    /** Where bbb-webhooks posts the rooms' events (registered with hooks/create); the checksum over this address is their credential. */
    public String eventsUrl() {
        return publicUrl + "/link/webinaire/evenements";
    }

    /** Where BigBlueButton posts that a recording is ready; the JWT it carries is its credential. */
    public String recordingReadyUrl() {
        return publicUrl + "/link/webinaire/enregistrement";
    }

    /** The registration a cancel token names, if it is one and still valid. */
    public Optional<Long> registrationOf(String cancelToken) {
        return subject(CANCEL, cancelToken);
    }

    /** The registration a join token names, if it is one and still valid. */
    public Optional<Long> registrationToJoin(String joinToken) {
        return subject(JOIN, joinToken);
    }

    private Optional<Long> subject(String purpose, String token) {
        return tokens.verify(purpose, token, clock.instant()).map(Long::parseLong);
    }

    public String publicUrl() {
        return publicUrl;
    }
}
