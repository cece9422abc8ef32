package io.guichet.live;

import io.guichet.platform.Config;

/**
 * The live module's settings: questions and votes a visitor may send a minute, and how many wall
 * sockets one visitor (by token) or one address (anonymous viewers) may hold open on a node.
 */
public record LiveSettings(boolean rateLimits, int questionsPerMinute, int votesPerMinute, int socketsPerVisitor, int socketsPerAddress) {
    public static LiveSettings from(Config config) {
        Config.Settings s = config.settings();
        return new LiveSettings(config.rateLimits(),
                s.integer("GUICHET_RATE_LIVE_QUESTIONS", 5, 1, 1_000_000),
                s.integer("GUICHET_RATE_LIVE_VOTES", 120, 1, 1_000_000),
                s.integer("GUICHET_LIVE_SOCKETS_PER_VISITOR", 10, 1, 10_000),
                s.integer("GUICHET_LIVE_SOCKETS_PER_ADDRESS", 100, 1, 1_000_000));
    }
}
