package io.guichet.testing;

/** A signed link with one character of its signature changed, as someone guessing or mistyping it would send it. */
public final class Tampered {
    /** The path with its next-to-last character replaced by another one (never the same: a test must not pass by luck). */
    public static String link(String path) {
        char changed = path.charAt(path.length() - 2) == 'A' ? 'B' : 'A';
        return path.substring(0, path.length() - 2) + changed + path.charAt(path.length() - 1);
    }

    private Tampered() {
    }
}
