package io.guichet.platform.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The one check of every return path a request names ({@code ?back=}, {@code ?next=}): only a path of this
 * site is followed, so a link cannot borrow our redirects to send someone to another host.
 */
public final class ReturnPaths {
    private static final int MAX_LENGTH = 2_000;

    /** The path itself when it stays on this site, else "/". */
    public static String safe(String path) {
        return safe(path, "/");
    }

    /** The path itself when it stays on this site, else the fallback. */
    public static String safe(String path, String fallback) {
        if (path == null || path.length() > MAX_LENGTH || !sameSite(path)) return fallback;
        try {
            // Once more decoded: a browser or proxy on the way may decode what we did not.
            String decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
            return sameSite(decoded) ? path : fallback;
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    private static boolean sameSite(String path) {
        // Starting with one "/" rules out a scheme ("https:", "javascript:"); "//" anywhere is refused too.
        if (!path.startsWith("/") || path.contains("//") || path.contains("\\")) return false;
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c) || Character.isSpaceChar(c)) return false;
        }
        return true;
    }

    private ReturnPaths() {
    }
}
