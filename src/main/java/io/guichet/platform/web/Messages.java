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
 * {@code messages_en.properties} (read as UTF-8). A key missing from one language, or a pattern that cannot be
 * read, fails at start-up, not in front of a visitor.
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
        checkPatterns(fr, Locale.CANADA_FRENCH);
        checkPatterns(en, Locale.CANADA);
        this.bundles = Map.of(FR, fr, EN, en);
    }

    private static final java.util.regex.Pattern NUMBERED_ARGUMENT = java.util.regex.Pattern.compile("\\{\\d");

    /**
     * A pattern MessageFormat cannot read (a choice nested in a choice, intervals out of order) fails here too. Only
     * patterns with numbered arguments are MessageFormat's: named ones ({@code {staff}}) are filled by their module.
     */
    static void checkPatterns(Properties bundle, Locale locale) {
        for (String key : bundle.stringPropertyNames()) {
            String pattern = bundle.getProperty(key);
            if (!NUMBERED_ARGUMENT.matcher(pattern).find()) continue;
            try {
                new MessageFormat(pattern, locale);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("message " + key + " (" + locale + ") is not a valid pattern: " + e.getMessage(), e);
            }
        }
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

    /**
     * Names in the order a reader of {@code lang} sorts them (see {@link Localizer#collator()}); lists kept in one
     * order for everyone (services, staff, segments) use French, the institution's language.
     */
    public static java.util.Comparator<String> collator(String lang) {
        java.text.Collator collator = java.text.Collator.getInstance(FR.equals(supported(lang)) ? Locale.CANADA_FRENCH : Locale.CANADA);
        return collator::compare;
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
         * {@code key.one} or {@code key.other} filled with {@code n}: French counts 0 and 1 as one ("0 personne
         * présente"), English only 1 ("0 people present"), as CLDR (and a script's {@code Intl.PluralRules}) says.
         */
        public String plural(String key, long n) {
            boolean one = FR.equals(lang) ? n == 0 || n == 1 : n == 1;
            return t(key + (one ? ".one" : ".other"), n);
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

        /**
         * How a reader of this language sorts names: accents and case only break ties, so "Élodie" comes before
         * "François" and "Ève" among the E's (a plain or SQL {@code ORDER BY} puts them after Z).
         */
        public java.util.Comparator<String> collator() {
            return Messages.collator(lang);
        }

        /** The other language, for the switch link. */
        public String other() {
            return FR.equals(lang) ? EN : FR;
        }
    }
}
