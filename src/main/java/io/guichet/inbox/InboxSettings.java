package io.guichet.inbox;

import io.guichet.platform.Config;

/**
 * The inbox's settings: how many visitor sessions per address and messages per visitor a minute, and
 * how many sockets one visitor may hold open on a node (a few tabs, not a thousand); the largest file a
 * conversation accepts, and how many files a visitor or a staff member may send a minute; how many
 * transcripts a visitor may have mailed a minute.
 */
public record InboxSettings(boolean rateLimits, int visitorSessionsPerMinute, int visitorMessagesPerMinute, int socketsPerVisitor,
                            int attachmentMaxBytes, int visitorUploadsPerMinute, int staffUploadsPerMinute, int transcriptsPerMinute) {
    public static InboxSettings from(Config config) {
        Config.Settings s = config.settings();
        return new InboxSettings(config.rateLimits(),
                s.integer("GUICHET_RATE_VISITOR_SESSIONS", 20, 1, 1_000_000),
                s.integer("GUICHET_RATE_VISITOR_MESSAGES", 30, 1, 1_000_000),
                s.integer("GUICHET_SOCKETS_PER_VISITOR", 10, 1, 10_000),
                s.integer("GUICHET_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
                s.integer("GUICHET_RATE_VISITOR_UPLOADS", 10, 1, 1_000_000),
                s.integer("GUICHET_RATE_STAFF_UPLOADS", 30, 1, 1_000_000),
                s.integer("GUICHET_RATE_TRANSCRIPTS", 2, 1, 1_000));
    }
}
