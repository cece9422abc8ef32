package io.guichet.platform;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Every setting Guichet reads, from the environment ({@code GUICHET_PORT}) or the command line
 * ({@code --port 8080}); the command line wins. A bad value stops start-up with a message naming
 * the setting, so an operator never runs on a silently ignored typo. These are the platform's own
 * settings; each module reads its own from {@link #settings()} into a record of its own
 * ({@code InboxSettings}, {@code LiveSettings}), at start-up, so a bad value still stops the start.
 */
public record Config(
        int port,
        Path dataDir,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int databasePool,
        String adminEmail,
        String adminPassword,
        boolean demo,
        boolean rateLimits,
        ZoneId timeZone,
        String nodeName,
        String metricsToken,
        java.util.Set<String> trustedProxies,
        Settings settings) {

    /** A setting whose value cannot be used; the message names it. */
    public static final class InvalidSetting extends RuntimeException {
        public InvalidSetting(String setting, String value, String expected) {
            super("Invalid value for " + setting + ": '" + value + "' (expected " + expected + ")");
        }
    }

    public boolean embeddedDatabase() {
        return databaseUrl == null;
    }

    public static Config load(Map<String, String> env, String[] args) {
        Map<String, String> values = new HashMap<>();
        env.forEach((key, value) -> {
            if (key.startsWith("GUICHET_")) values.put(key, value);
        });
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) throw new InvalidSetting("command line", arg, "--name value");
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                value = args[++i];
            } else {
                value = "true";
            }
            values.put("GUICHET_" + name.toUpperCase(Locale.ROOT).replace('-', '_'), value);
        }
        Settings r = new Settings(values);
        Config config = new Config(
                r.integer("GUICHET_PORT", 8080, 0, 65535),
                Path.of(r.text("GUICHET_DATA_DIR", "./guichet-data")),
                r.text("GUICHET_DATABASE_URL", null),
                r.text("GUICHET_DATABASE_USER", null),
                r.text("GUICHET_DATABASE_PASSWORD", null),
                r.integer("GUICHET_DB_POOL", 20, 2, 500),
                r.text("GUICHET_ADMIN_EMAIL", null),
                r.text("GUICHET_ADMIN_PASSWORD", null),
                r.bool("GUICHET_DEMO", true),
                r.bool("GUICHET_RATE_LIMITS", true),
                r.zone("GUICHET_TIME_ZONE", ZoneId.of("America/Montreal")),
                r.text("GUICHET_NODE_NAME", null),
                r.text("GUICHET_METRICS_TOKEN", null),
                addresses(r.text("GUICHET_TRUSTED_PROXY", "")),
                r);
        if (config.databaseUrl != null && !config.databaseUrl.startsWith("jdbc:postgresql:")) {
            throw new InvalidSetting("GUICHET_DATABASE_URL", config.databaseUrl, "jdbc:postgresql://host:port/database");
        }
        if (config.adminEmail != null && !config.adminEmail.contains("@")) {
            throw new InvalidSetting("GUICHET_ADMIN_EMAIL", config.adminEmail, "an email address");
        }
        if (config.adminPassword != null && config.adminPassword.length() < 10) {
            throw new InvalidSetting("GUICHET_ADMIN_PASSWORD", "(hidden)", "at least 10 characters");
        }
        return config;
    }

    /** GUICHET_TRUSTED_PROXY: the addresses of the TLS proxies in front, comma-separated; only literal IP addresses. */
    private static java.util.Set<String> addresses(String list) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String a : list.split(",")) {
            String address = a.strip();
            if (address.isEmpty()) continue;
            if (!address.matches("[0-9a-fA-F.:]+")) throw new InvalidSetting("GUICHET_TRUSTED_PROXY", address, "IP addresses separated by commas");
            try {
                out.add(java.net.InetAddress.getByName(address).getHostAddress());
            } catch (java.net.UnknownHostException e) {
                throw new InvalidSetting("GUICHET_TRUSTED_PROXY", address, "IP addresses separated by commas");
            }
        }
        return java.util.Set.copyOf(out);
    }

    public Config withDatabase(String url, String user, String password) {
        return new Config(port, dataDir, url, user, password, databasePool, adminEmail,
                adminPassword, demo, rateLimits, timeZone, nodeName, metricsToken, trustedProxies, settings);
    }

    /** The raw settings, read with a type and a range; a bad value throws {@link InvalidSetting}. */
    public record Settings(Map<String, String> values) {
        public Settings {
            values = Map.copyOf(values);
        }

        public String text(String key, String fallback) {
            String v = values.get(key);
            return v == null || v.isBlank() ? fallback : v.trim();
        }

        public int integer(String key, int fallback, int min, int max) {
            String v = text(key, null);
            if (v == null) return fallback;
            try {
                int n = Integer.parseInt(v);
                if (n < min || n > max) throw new NumberFormatException();
                return n;
            } catch (NumberFormatException e) {
                throw new InvalidSetting(key, v, "a whole number from " + min + " to " + max);
            }
        }

        public boolean bool(String key, boolean fallback) {
            String v = text(key, null);
            if (v == null) return fallback;
            return switch (v.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1", "on" -> true;
                case "false", "no", "0", "off" -> false;
                default -> throw new InvalidSetting(key, v, "true or false");
            };
        }

        public ZoneId zone(String key, ZoneId fallback) {
            String v = text(key, null);
            if (v == null) return fallback;
            try {
                return ZoneId.of(v);
            } catch (RuntimeException e) {
                throw new InvalidSetting(key, v, "a time zone such as America/Montreal");
            }
        }
    }
}
