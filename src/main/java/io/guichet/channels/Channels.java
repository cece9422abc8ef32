package io.guichet.channels;

import io.guichet.channels.internal.ChannelDao;
import io.guichet.platform.SecretBox;
import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The configured channels (issue 19): a Facebook page on Messenger, an email address, each routed to one service.
 * Secrets (page access token, app secret, verify token, the IMAP address with its password) are write-only: sealed
 * by {@link SecretBox} when stored, opened only for the adapters ({@link Page}), never in what {@link #accessAll}
 * answers. Health (last event, last error, queued replies) is kept on the channel's row.
 */
public final class Channels {
    private static final Logger log = LoggerFactory.getLogger(Channels.class);
    public static final String MESSENGER = "messenger", FACEBOOK_COMMENT = "facebook_comment", EMAIL = "email";

    private final Jdbi jdbi;
    private final SecretBox box;
    private final ServiceCatalogue services;
    private final Clock clock;
    private final ChannelAlarm alarm;

    /** {@code alarm}: who is told when a channel falls into error. */
    public Channels(Jdbi jdbi, byte[] serverKey, ServiceCatalogue services, Clock clock, ChannelAlarm alarm) {
        this.jdbi = jdbi;
        this.alarm = alarm;
        this.box = new SecretBox(serverKey);
        this.services = services;
        this.clock = clock;
    }

    /** What an administrator sends to add a channel; the fields of the other kind stay null. */
    public record NewChannel(String kind, String name, String service, String pageId, String pageAccessToken, String appSecret,
                             String verifyToken, String address, String imapUrl) {
        @Override
        public String toString() {
            return "NewChannel[" + kind + ", " + name + "]"; // never the secrets
        }
    }

    /** A channel's health: {@code status} ok or error, the last event received, the last error, replies waiting to leave. */
    public record Health(String status, Instant lastEventAt, String lastError, Instant lastErrorAt, int queued) {
    }

    /** A channel as administrators read it: no secret. */
    public record Channel(long id, String kind, String name, long serviceId, String pageId, String address, Health health, Instant createdAt) {
    }

    /** A Messenger page as its adapter needs it, secrets opened. Not for the API. */
    public record Page(long id, String name, String pageId, long serviceId, String accessToken, String appSecret, String verifyToken) {
        @Override
        public String toString() {
            return "Page[" + id + ", " + pageId + "]";
        }
    }

    public long doCreate(Staff actor, NewChannel c) {
        Access.requireAdmin(actor);
        String kind = Fields.required("kind", c.kind(), 20);
        String name = Fields.required("name", c.name(), 120);
        ServiceQueue service = services.findBySlug(Fields.required("service", c.service(), 63));
        Map<String, String> secrets = new LinkedHashMap<>();
        String pageId = null, address = null;
        switch (kind) {
            case MESSENGER -> {
                pageId = Fields.required("pageId", c.pageId(), 40);
                if (!pageId.matches("[0-9]{1,40}")) throw ApiError.invalid("pageId", "pageId is the page's numeric id");
                secrets.put("pageAccessToken", token("pageAccessToken", c.pageAccessToken()));
                secrets.put("appSecret", token("appSecret", c.appSecret()));
                secrets.put("verifyToken", token("verifyToken", c.verifyToken()));
            }
            case EMAIL -> {
                address = Fields.optionalEmail("address", Fields.required("address", c.address(), 254)).toLowerCase(java.util.Locale.ROOT);
                String imap = Fields.optional("imapUrl", c.imapUrl(), 500);
                if (imap != null) {
                    try {
                        EmailSettings.imap(imap);
                    } catch (io.guichet.platform.Config.InvalidSetting e) {
                        throw ApiError.invalid("imapUrl", "imapUrl is imaps://user:password@host:993/INBOX");
                    }
                    secrets.put("imapUrl", imap);
                }
            }
            default -> throw ApiError.invalid("kind", "kind must be messenger or email");
        }
        String p = pageId, a = address;
        long id = jdbi.inTransaction(h -> new ChannelDao(h).insert(kind, name, service.id(), p, a, box.seal(secrets)))
                .orElseThrow(() -> ApiError.conflict("channel_exists", MESSENGER.equals(kind) ? "This page is configured already" : "This address is configured already"));
        log.info("Channel {} ({}) added by staff {}", id, kind, actor.id());
        return id;
    }

    /**
     * Replaces some of a Messenger channel's secrets (a new page access token after the old one expired): the others are
     * kept, and the channel is fine again until its next error.
     */
    public void doReplaceSecrets(Staff actor, long channelId, String pageAccessToken, String appSecret, String verifyToken) {
        Access.requireAdmin(actor);
        if (pageAccessToken == null && appSecret == null && verifyToken == null) {
            throw ApiError.invalid("pageAccessToken", "Give pageAccessToken, appSecret or verifyToken");
        }
        jdbi.useTransaction(h -> {
            ChannelDao dao = new ChannelDao(h);
            ChannelDao.Row row = dao.find(channelId).filter(r -> MESSENGER.equals(r.kind())).orElseThrow(() -> ApiError.notFound("Channel"));
            Map<String, String> secrets = new LinkedHashMap<>(box.open(row.secrets()));
            if (pageAccessToken != null) secrets.put("pageAccessToken", token("pageAccessToken", pageAccessToken));
            if (appSecret != null) secrets.put("appSecret", token("appSecret", appSecret));
            if (verifyToken != null) secrets.put("verifyToken", token("verifyToken", verifyToken));
            dao.replaceSecrets(channelId, box.seal(secrets));
        });
        log.info("Channel {}: secrets replaced by staff {}", channelId, actor.id());
    }

    /** A secret: one line of printable characters, 8 to 500 of them. */
    private static String token(String field, String value) {
        String v = Fields.required(field, value, 500);
        if (v.length() < 8 || !v.matches("\\S+")) throw ApiError.invalid(field, field + " is 8 to 500 characters without spaces");
        return v;
    }

    public List<Channel> accessAll(Staff viewer) {
        Access.requireAdmin(viewer);
        return jdbi.withHandle(h -> {
            ChannelDao dao = new ChannelDao(h);
            Map<Long, Integer> queued = dao.queued();
            return dao.all().stream().map(r -> new Channel(r.id(), r.kind(), r.name(), r.serviceId(), r.pageId(), r.address(),
                    new Health(r.status(), r.lastEventAt(), r.lastError(), r.lastErrorAt(), queued.getOrDefault(r.id(), 0)), r.createdAt())).toList();
        });
    }

    // ---------------------------------------------------------------- for the adapters (no viewer: the channel acts)

    public List<Page> findMessengerPages() {
        return jdbi.withHandle(h -> new ChannelDao(h).ofKind(MESSENGER)).stream().map(this::page).toList();
    }

    public Optional<Page> findPage(long channelId) {
        return jdbi.withHandle(h -> new ChannelDao(h).find(channelId)).filter(r -> MESSENGER.equals(r.kind())).map(this::page);
    }

    private Page page(ChannelDao.Row r) {
        Map<String, String> s = box.open(r.secrets());
        return new Page(r.id(), r.name(), r.pageId(), r.serviceId(), s.get("pageAccessToken"), s.get("appSecret"), s.get("verifyToken"));
    }

    void recordEvent(long channelId) {
        jdbi.useHandle(h -> new ChannelDao(h).eventReceived(channelId, clock.instant()));
    }

    /**
     * Marks the channel in error (the admin screen shows it); the first error after a good spell is logged as a warning
     * and mailed to the administrators, in the same transaction.
     */
    void recordError(long channelId, String error) {
        boolean first = jdbi.inTransaction(h -> {
            ChannelDao dao = new ChannelDao(h);
            boolean wasOk = dao.error(channelId, error, clock.instant());
            if (wasOk) dao.find(channelId).ifPresent(c -> alarm.doTell(h, c.name(), error));
            return wasOk;
        });
        if (first) log.warn("Channel {} is in error: {}", channelId, error);
    }

    void recordOk(long channelId) {
        jdbi.useHandle(h -> new ChannelDao(h).ok(channelId));
    }
}
