package io.guichet.platform;

import org.commonmark.node.BlockQuote;
import org.commonmark.node.Emphasis;
import org.commonmark.node.Image;
import org.commonmark.node.Link;
import org.commonmark.node.ListItem;
import org.commonmark.node.Node;
import org.commonmark.node.StrongEmphasis;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.commonmark.renderer.text.TextContentRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;

/**
 * Markdown written by staff (help-centre articles, mails). Raw HTML in them is shown as text and unsafe link
 * schemes are dropped (commonmark), then the HTML passes an allow-list sanitiser, so that no tag,
 * attribute or script an author typed ever reaches a visitor's browser.
 * <p>
 * commonmark's renderers recurse once per nesting level, so a few kilobytes of {@code >} or {@code ![}
 * overflow the stack: the parser keeps at most {@value #MAX_OPEN_BLOCKS} blocks open (deeper block
 * starts stay text), writes refuse more than {@value #MAX_NESTING} levels ({@link #nesting}), and a
 * body saved before that rule is not rendered: it fails alone with {@link Unrenderable}.
 */
public final class Markdown {
    /** Quotes, list items, links, images and emphasis inside one another that a body may hold. */
    public static final int MAX_NESTING = 20;
    private static final int MAX_OPEN_BLOCKS = 100; // the default of later commonmark releases
    private static final Parser PARSER = Parser.builder().maxOpenBlockParsers(MAX_OPEN_BLOCKS).build();
    private static final HtmlRenderer HTML = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();
    private static final TextContentRenderer TEXT = TextContentRenderer.builder().build();
    private static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS)
            .and(Sanitizers.TABLES).and(new HtmlPolicyBuilder()
                    .allowElements("pre", "code", "hr", "br", "dl", "dt", "dd")
                    .toFactory());

    /** One body that is not turned into HTML or text: only bodies saved before nesting was bounded. */
    public static final class Unrenderable extends RuntimeException {
        Unrenderable(StackOverflowError cause) {
            super("The Markdown nests more than " + MAX_NESTING + " levels deep", cause, false, false);
        }
    }

    /** Safe HTML for an article page. */
    public static String html(String markdown) {
        return rendered(markdown, document -> POLICY.sanitize(HTML.render(document)));
    }

    /** The words a reader sees, for the index, snippets, meta descriptions and inserting into a reply. */
    public static String text(String markdown) {
        return rendered(markdown, document -> TEXT.render(document).strip());
    }

    /** How many quotes, list items, links, images and emphasis the body nests at its deepest. */
    public static int nesting(String markdown) {
        return nesting(parse(markdown));
    }

    /** Walked without recursion: the tree may be thousands of levels deep. */
    private static int nesting(Node document) {
        int deepest = 0;
        Deque<Node> nodes = new ArrayDeque<>();
        Deque<Integer> levels = new ArrayDeque<>();
        nodes.push(document);
        levels.push(0);
        while (!nodes.isEmpty()) {
            Node node = nodes.pop();
            int level = levels.pop() + (nests(node) ? 1 : 0);
            deepest = Math.max(deepest, level);
            for (Node child = node.getFirstChild(); child != null; child = child.getNext()) {
                nodes.push(child);
                levels.push(level);
            }
        }
        return deepest;
    }

    private static boolean nests(Node node) {
        return node instanceof BlockQuote || node instanceof ListItem || node instanceof Link || node instanceof Image
                || node instanceof Emphasis || node instanceof StrongEmphasis;
    }

    /** What is shown follows the rule writes follow: a body nested deeper than writes allow is not shown. */
    private static String rendered(String markdown, Function<Node, String> render) {
        Node document = parse(markdown);
        if (nesting(document) > MAX_NESTING) throw new Unrenderable(null);
        try {
            return render.apply(document);
        } catch (StackOverflowError tooDeep) { // only this body's recursion: the stack unwinds to here
            throw new Unrenderable(tooDeep);
        }
    }

    private static Node parse(String markdown) {
        return PARSER.parse(markdown == null ? "" : markdown);
    }

    private Markdown() {
    }
}
