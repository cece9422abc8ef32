package io.guichet.channels.internal;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The new text of an answer by mail, without the history mail clients quote under or above it: the lines after
 * an attribution ("Le lun. 1 déc. 2026 à 21 h 39, Élodie a écrit :", "On Mon, Dec 1, 2026, Élodie wrote:", wrapped
 * over two lines as Gmail does), Outlook's "-----Original Message-----" / "-----Message d'origine-----" and its
 * "De : … Envoyé : …" header block, {@code >} lines, a signature after "-- ", and the "Envoyé de mon iPhone" line.
 * HTML-only mail loses its quote blocks (Gmail's {@code gmail_quote}, Outlook's {@code divRplyFwdMsg}, Thunderbird's
 * {@code moz-cite-prefix}, {@code blockquote}) and its scripts and styles before it becomes text. Rules after
 * Discourse's email_reply_trimmer, the few that matter for French and English mail; issue 19 extends them.
 */
public final class ReplyTrimmer {
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^\\s*(?:Le|On)\\s.{4,300}?(?:a\\s+écrit|wrote)\\s*:\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern ORIGINAL = Pattern.compile(
            "^\\s*-{3,}\\s*(?:Original Message|Message d['’]origine|Courriel original|Forwarded message|Message transféré)\\s*-{3,}\\s*$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_FROM = Pattern.compile("^\\s*\\*?(?:De|From)\\s*:\\*?\\s+\\S.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER_NEXT = Pattern.compile(
            "^\\s*\\*?(?:Envoyé|Sent|Date|À|A|To|Objet|Subject|Cc)\\s*:\\*?.*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern RULE = Pattern.compile("^\\s*_{10,}\\s*$");
    private static final Pattern SIGNATURE = Pattern.compile("^-- ?$");
    private static final Pattern SENT_FROM = Pattern.compile(
            "^\\s*(?:Envoyé de mon|Sent from my|Envoyé depuis|Get Outlook for)\\b.*$", Pattern.CASE_INSENSITIVE);

    private ReplyTrimmer() {
    }

    /** The new text of a plain-text answer: what stands above the quoted history. */
    public static String trimText(String text) {
        String[] lines = text.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (startsHistory(lines, i)) break;
            if (SIGNATURE.matcher(line).matches()) break;
            if (line.stripLeading().startsWith(">")) continue;
            kept.add(line.stripTrailing());
        }
        while (!kept.isEmpty() && (kept.getLast().isBlank() || SENT_FROM.matcher(kept.getLast()).matches())) kept.removeLast();
        while (!kept.isEmpty() && kept.getFirst().isBlank()) kept.removeFirst();
        return String.join("\n", kept).replaceAll("\n{3,}", "\n\n");
    }

    /** The new text of an HTML-only answer: its quote blocks, scripts and styles removed, then trimmed as text. */
    public static String trimHtml(String html) {
        Document doc = Jsoup.parse(html);
        doc.select("script, style, head, .gmail_quote, .gmail_extra, blockquote, #divRplyFwdMsg, #appendonsend, .moz-cite-prefix,"
                + " .yahoo_quoted, [type=cite]").remove();
        // Outlook puts the history after an hr or the divRplyFwdMsg it just lost: whatever follows the first hr goes.
        Element hr = doc.selectFirst("hr");
        if (hr != null) {
            for (Element next = hr.nextElementSibling(); next != null; next = hr.nextElementSibling()) next.remove();
            hr.remove();
        }
        doc.select("p, div, li, tr, h1, h2, h3, h4").after("\n"); // wholeText already ends a line at each br
        return trimText(doc.body() == null ? "" : doc.body().wholeText().replace('\u00a0', ' '));
    }

    /** Whether line {@code i} opens the quoted history (an attribution on one or two lines, an Outlook block). */
    private static boolean startsHistory(String[] lines, int i) {
        String line = lines[i];
        if (ATTRIBUTION.matcher(line).matches() || ORIGINAL.matcher(line).matches()) return true;
        if (i + 1 < lines.length && (line.stripLeading().startsWith("Le ") || line.stripLeading().startsWith("On "))
                && ATTRIBUTION.matcher(line + " " + lines[i + 1].strip()).matches()) return true;
        if (RULE.matcher(line).matches() && i + 1 < lines.length && HEADER_FROM.matcher(lines[i + 1]).matches()) return true;
        if (HEADER_FROM.matcher(line).matches()) {
            for (int j = i + 1; j < Math.min(lines.length, i + 4); j++) if (HEADER_NEXT.matcher(lines[j]).matches()) return true;
        }
        return false;
    }
}
