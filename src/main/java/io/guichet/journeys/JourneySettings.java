package io.guichet.journeys;

import io.guichet.platform.Config;

/**
 * The journeys' settings: how long a mailed link works, the largest document, when reminders go (days before a due
 * date, and at most one every so many days per applicant), and the limits of link requests (per address, per IP).
 */
public record JourneySettings(int linkDays, int maxBytes, int remindBeforeDays, int remindEveryDays, boolean rateLimits,
                              int linkRequestsPerAddress, int linkRequestsPerIp, int uploadsPerMinute) {
    public static JourneySettings from(Config config) {
        Config.Settings s = config.settings();
        return new JourneySettings(
                s.integer("GUICHET_JOURNEY_LINK_DAYS", 14, 1, 365),
                s.integer("GUICHET_JOURNEY_MAX_BYTES", 10 * 1024 * 1024, 1024, 100 * 1024 * 1024),
                s.integer("GUICHET_JOURNEY_REMIND_BEFORE_DAYS", 7, 0, 90),
                s.integer("GUICHET_JOURNEY_REMIND_EVERY_DAYS", 3, 1, 90),
                config.rateLimits(),
                s.integer("GUICHET_RATE_JOURNEY_LINKS_PER_ADDRESS", 2, 1, 1_000),
                s.integer("GUICHET_RATE_JOURNEY_LINKS_PER_IP", 10, 1, 1_000_000),
                s.integer("GUICHET_RATE_JOURNEY_UPLOADS", 10, 1, 1_000_000));
    }
}
