package io.guichet.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every string a person reads, in French and English, from {@code messages_fr.properties} and
 * {@code messages_en.properties} (read as UTF-8). A key missing from one language fails at start-up,
 * not in front of a visitor.
 */
public final class Messages {
    public static final String FR = "fr";
    public static final String EN = "en";

    private final Map<String, Properties> bundles;

    public Messages() {
        Properties fr = load("messages_fr.properties");
        Properties en = load("messages_en.properties");
        for (String key : fr.stringPropertyNames()) {
            if (!en.containsKey(key)) throw new IllegalStateException("messages_en.properties lacks " + key);
        }
        for (String key : en.stringPropertyNames()) {
            if (!fr.containsKey(key)) throw new IllegalStateException("messages_fr.properties lacks " + key);
        }
        this.bundles = Map.of(FR, fr, EN, en);
    }

    private static Properties load(String name) {
        Properties p = new Properties();
        try (InputStream in = Messages.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException(name + " is missing");
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }

    /** The supported language closest to the given tag, French by default. */
    public static String supported(String lang) {
        if (lang == null) return FR;
        String l = lang.trim().toLowerCase(Locale.ROOT);
        return l.startsWith("en") ? EN : FR;
    }

    public static boolean isSupported(String lang) {
        return FR.equals(lang) || EN.equals(lang);
    }

    public Localizer in(String lang) {
        String l = supported(lang);
        return new Localizer(l, bundles.get(l));
    }

    /** The strings of one language, as templates and handlers use them. */
    public static final class Localizer {
        private final String lang;
        private final Properties bundle;
        private final Locale locale;

        private Localizer(String lang, Properties bundle) {
            this.lang = lang;
            this.bundle = bundle;
            this.locale = FR.equals(lang) ? Locale.CANADA_FRENCH : Locale.CANADA;
        }

        public String lang() {
            return lang;
        }

        public Locale locale() {
            return locale;
        }

        public String t(String key, Object... args) {
            String pattern = bundle.getProperty(key);
            if (pattern == null) throw new IllegalArgumentException("No message " + key);
            return args.length == 0 ? pattern : new MessageFormat(pattern, locale).format(args);
        }

        public boolean has(String key) {
            return bundle.containsKey(key);
        }

        /**
         * The raw patterns of the keys under {@code prefix}, by the rest of their key: for scripts, which fill
         * {@code {0}}, {@code {1}} themselves (so these patterns keep to plain placeholders).
         */
        public Map<String, String> patterns(String prefix) {
            Map<String, String> out = new TreeMap<>();
            for (String key : bundle.stringPropertyNames()) {
                if (key.startsWith(prefix)) out.put(key.substring(prefix.length()), bundle.getProperty(key));
            }
            return out;
        }

        /** The other language, for the switch link. */
        public String other() {
            return FR.equals(lang) ? EN : FR;
        }
    }
}
