package io.guichet.webinars;

import io.guichet.platform.Config;

/**
 * The webinars module's settings: registrations an address may send a minute (a fair's rush comes from many
 * addresses; one address flooding is refused), and the reminders' leads before a session.
 */
public record WebinarSettings(boolean rateLimits, int registrationsPerMinute, int firstReminderHours, int secondReminderMinutes) {
    public static WebinarSettings from(Config config) {
        Config.Settings s = config.settings();
        return new WebinarSettings(config.rateLimits(),
                s.integer("GUICHET_RATE_WEBINAR_REGISTRATIONS", 20, 1, 1_000_000),
                s.integer("GUICHET_WEBINAR_REMINDER_HOURS", 24, 1, 24 * 14),
                s.integer("GUICHET_WEBINAR_LAST_REMINDER_MINUTES", 60, 5, 24 * 60));
    }
}
