package io.guichet.people.web;

import io.guichet.people.ContactTimeline;
import io.guichet.platform.web.Messages;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A timeline entry told in the reader's language, and where its thing is. The sentence is the message
 * {@code timeline.<what>}, a MessageFormat pattern whose placeholders are named after the entry's params
 * ({@code {service}}, {@code {count,choice,…}}); {@code {staff}} is who did it. A param {@code x} may have
 * an English form {@code x_en}, used when reading in English. An entry of an event this version does not
 * know (written by a newer node) is told as {@code timeline.unknown}.
 */
public final class TimelineSentences {
    private static final Pattern NAMED = Pattern.compile("\\{([a-z][a-zA-Z_]*)([,}])");

    /** Where each kind of thing an entry refers to is opened by staff. */
    private static final Map<String, String> LINKS = Map.of(
            "conversation", "/console/c/%s",
            "live_session", "/live/%s/moderate",
            "article", "/kb/articles/%s",
            "contact", "/console/contacts/%s",
            "import", "/people/import/%s");

    public static String sentence(Messages.Localizer t, ContactTimeline.Entry e) {
        String key = "timeline." + e.what();
        if (!t.has(key)) return t.t("timeline.unknown", e.module(), e.what());
        Matcher m = NAMED.matcher(t.t(key));
        List<Object> args = new ArrayList<>();
        StringBuilder indexed = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(indexed, Matcher.quoteReplacement("{" + args.size() + m.group(2)));
            args.add(value(t, e, m.group(1)));
        }
        m.appendTail(indexed);
        return new MessageFormat(indexed.toString(), t.locale()).format(args.toArray());
    }

    private static Object value(Messages.Localizer t, ContactTimeline.Entry e, String name) {
        if (name.equals("staff")) return e.staffName() == null ? "?" : e.staffName();
        String v = e.params().getOrDefault(name + "_" + t.lang(), e.params().get(name));
        if (v == null) return "?";
        if (v.isEmpty() && name.equals("name")) return t.t("people.anonymous"); // a contact with neither name nor email
        return v.matches("-?\\d{1,18}") ? (Object) Long.parseLong(v) : v;
    }

    /** The address of the entry's thing, or null when it refers to nothing staff can open. */
    public static String link(ContactTimeline.Entry e) {
        String pattern = e.refKind() == null ? null : LINKS.get(e.refKind());
        return pattern == null || e.refId() == null ? null : pattern.formatted(URLEncoder.encode(e.refId(), StandardCharsets.UTF_8));
    }

    private TimelineSentences() {
    }
}
