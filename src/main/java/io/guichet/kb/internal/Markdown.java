package io.guichet.kb.internal;

import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

/**
 * Article bodies are Markdown written by staff. Raw HTML in them is shown as text and unsafe link
 * schemes are dropped (commonmark), then the HTML passes an allow-list sanitiser, so that no tag,
 * attribute or script an author typed ever reaches a visitor's browser.
 */
public final class Markdown {
    private static final Parser PARSER = Parser.builder().build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES).and(new HtmlPolicyBuilder()
                    .allowElements("pre", "code", "hr", "br", "dl", "dt", "dd")
                    .toFactory());

    /** Safe HTML for an article page. */
    public static String html(String markdown) {
        Node document = PARSER.parse(markdown == null ? "" : markdown);
        return POLICY.sanitize(HTML.render(document));
    }

    /** The words a reader sees, for the index, snippets, meta descriptions and inserting into a reply. */
    public static String text(String markdown) {
        return TEXT.render(PARSER.parse(markdown == null ? "" : markdown)).strip();
    }

    private Markdown() {
    }
}
