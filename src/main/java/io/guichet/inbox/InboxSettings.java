package io.guichet.inbox;

import io.guichet.platform.Config;

/**
 * The inbox's settings: how many visitor sessions per address and messages per visitor a minute, and
 * how many sockets one visitor may hold open on a node (a few tabs, not a thousand).
 */
public record InboxSettings(boolean rateLimits, int visitorSessionsPerMinute, int visitorMessagesPerMinute, int socketsPerVisitor) {
    public static InboxSettings from(Config config) {
        Config.Settings s = config.settings();
        return new InboxSettings(config.rateLimits(),
                s.integer("GUICHET_RATE_VISITOR_SESSIONS", 20, 1, 1_000_000),
                s.integer("GUICHET_RATE_VISITOR_MESSAGES", 30, 1, 1_000_000),
                s.integer("GUICHET_SOCKETS_PER_VISITOR", 10, 1, 10_000));
    }
}
