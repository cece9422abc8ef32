package io.guichet.platform;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Article bodies are Markdown; no HTML, script or dangerous link an author typed survives rendering. */
class MarkdownTest {
    @Test
    void markdownBecomesHtml() {
        String html = Markdown.html("## Étapes\n\n1. **Omnivox**\n2. *Mot de passe oublié*\n\n[Le SRAM](https://www.sram.qc.ca)\n\n| a | b |\n|---|---|\n| 1 | 2 |");
        assertThat(html).contains("<h2>Étapes</h2>", "<ol>", "<strong>Omnivox</strong>", "<em>Mot de passe oublié</em>",
                "href=\"https://www.sram.qc.ca\"");
    }

    @Test
    void rawHtmlIsShownAsText() {
        String html = Markdown.html("<script>alert('x')</script>\n\nTexte <b onmouseover=alert(1)>gras</b> <iframe src=//evil></iframe>");
        assertThat(html).doesNotContain("<script", "<b ", "<iframe", "onmouseover=\"");
        assertThat(html).contains("&lt;script&gt;", "&lt;iframe");
    }

    @Test
    void dangerousLinksAndImagesAreDropped() {
        String html = Markdown.html("[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html;base64,PHNjcmlwdD4=) ![i](javascript:alert(1)) <javascript:alert(1)>");
        assertThat(html.toLowerCase()).doesNotContain("href=\"javascript", "href=\"data:", "src=\"javascript", "<img");
    }

    @Test
    void plainTextHasTheWordsWithoutTheMarkup() {
        assertThat(Markdown.text("## Titre\n\nLe **1er mars**, à *23 h 59*.")).contains("Titre", "Le 1er mars, à 23 h 59.").doesNotContain("*", "#");
    }
}
