package io.guichet.channels;

import io.guichet.platform.Config;

import java.net.URI;
import java.time.Duration;

/**
 * The Messenger adapter's settings. {@code graphApiUrl}: Meta's Graph API with its version
 * ({@code GUICHET_GRAPH_API_URL}, {@value #DEFAULT_GRAPH}; tests and air-gapped demos point it at a stand-in).
 * {@code maxWebhookBytes}: a larger webhook body is refused with 413 ({@code GUICHET_MESSENGER_MAX_WEBHOOK_BYTES}).
 * {@code passEvery}: how often each node looks for events to process and replies to send
 * ({@code GUICHET_MESSENGER_PASS_MILLIS}). {@code window}: Meta's standard messaging window, 24 hours.
 */
public record MessengerSettings(URI graphApiUrl, int maxWebhookBytes, Duration passEvery, Duration window) {
    public static final String DEFAULT_GRAPH = "https://graph.facebook.com/v25.0";

    public static MessengerSettings from(Config config) {
        Config.Settings s = config.settings();
        String url = s.text("GUICHET_GRAPH_API_URL", DEFAULT_GRAPH).replaceAll("/+$", "");
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new Config.InvalidSetting("GUICHET_GRAPH_API_URL", url, "an address such as " + DEFAULT_GRAPH);
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            throw new Config.InvalidSetting("GUICHET_GRAPH_API_URL", url, "an address such as " + DEFAULT_GRAPH);
        }
        return new MessengerSettings(uri, s.integer("GUICHET_MESSENGER_MAX_WEBHOOK_BYTES", 512 * 1024, 1024, 10 * 1024 * 1024),
                Duration.ofMillis(s.integer("GUICHET_MESSENGER_PASS_MILLIS", 1000, 50, 60_000)), Duration.ofHours(24));
    }
}
