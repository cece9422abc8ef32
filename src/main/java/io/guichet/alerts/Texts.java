package io.guichet.alerts;

/** An alert's message in both languages (an alert written in one only carries the same text in the other). */
public record Texts(AlertText fr, AlertText en) {
    /** A push notification's and a banner's room: longer short texts are cut, with a warning. */
    public static final int SHORT_MAX = 160;
    public static final int LONG_MAX = 5000;

    public AlertText in(String lang) {
        return "en".equals(lang) ? en : fr;
    }
}
