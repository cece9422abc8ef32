package io.guichet.alerts;

import io.guichet.platform.Config;

/**
 * The alerts' settings: the service whose inbox receives "I need help" unless a draft names another
 * ({@code GUICHET_ALERT_HELP_SERVICE}), how many acknowledgements one address may post a minute, how long personal links work,
 * the push services a browser's subscription may point at ({@code GUICHET_ALERT_PUSH_SERVICES}: host names, {@code *.}
 * for a domain's, HTTPS; or full origins — the tests' stand-in is {@code http://127.0.0.1:port}), how long the SMS gateway's
 * second attempt waits after a 5xx ({@code GUICHET_ALERT_SMS_RETRY_MS}, doubled for the third).
 */
public record AlertSettings(String helpService, int acksPerMinute, int linkDays, String pushServices, java.time.Duration smsFirstRetry) {
    public static AlertSettings from(Config config) {
        Config.Settings s = config.settings();
        return new AlertSettings(s.text("GUICHET_ALERT_HELP_SERVICE", "vie-etudiante"), s.integer("GUICHET_ALERT_ACKS_PER_MINUTE", 20, 1, 100_000),
                s.integer("GUICHET_ALERT_LINK_DAYS", 30, 1, 365), s.text("GUICHET_ALERT_PUSH_SERVICES", AlertPush.DEFAULT_SERVICES),
                java.time.Duration.ofMillis(s.integer("GUICHET_ALERT_SMS_RETRY_MS", 1000, 10, 60_000)));
    }
}
