package io.guichet.webinars.bbb;

import io.guichet.platform.Config;

import java.util.Locale;
import java.util.Optional;

/**
 * Where the BigBlueButton API is ({@code GUICHET_BBB_URL}, e.g. {@code https://bbb.example.org/bigbluebutton/}, or a
 * Scalelite in front of several servers) and its shared secret ({@code GUICHET_BBB_SECRET}); the checksum's hash
 * ({@code GUICHET_BBB_CHECKSUM}: {@code sha256} by default, {@code sha1} for older servers). Empty when no URL is set:
 * sessions then use the link staff pasted.
 */
public record BbbSettings(String url, String secret, Checksum checksum) {
    public static Optional<BbbSettings> from(Config config) {
        Config.Settings s = config.settings();
        String url = s.text("GUICHET_BBB_URL", null);
        if (url == null) return Optional.empty();
        if (!url.startsWith("https://") && !url.startsWith("http://")) throw new Config.InvalidSetting("GUICHET_BBB_URL", url, "an http(s) address");
        String secret = s.text("GUICHET_BBB_SECRET", null);
        if (secret == null) throw new Config.InvalidSetting("GUICHET_BBB_SECRET", "", "the server's shared secret (bbb-conf --secret)");
        String algorithm = s.text("GUICHET_BBB_CHECKSUM", "sha256").toLowerCase(Locale.ROOT);
        Checksum checksum = switch (algorithm) {
            case "sha256" -> Checksum.SHA256;
            case "sha1" -> Checksum.SHA1;
            default -> throw new Config.InvalidSetting("GUICHET_BBB_CHECKSUM", algorithm, "sha256 or sha1");
        };
        return Optional.of(new BbbSettings(url, secret, checksum));
    }
}
