package io.guichet.kb;

/**
 * What the widget's suggestions did over a period: visitors who opened a suggested article, and of
 * them how many did not start a chat afterwards (deflected).
 */
public record Deflection(int days, int openedArticle, int deflected) {
    public int percent() {
        return openedArticle == 0 ? 0 : Math.round(100f * deflected / openedArticle);
    }
}
