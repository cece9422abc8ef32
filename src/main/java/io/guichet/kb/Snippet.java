package io.guichet.kb;

import java.util.ArrayList;
import java.util.List;

/** A short extract of an article with the words that matched the search marked ({@code [start, end)} offsets). */
public record Snippet(String text, List<Mark> marks) {
    public record Mark(int start, int end) {
    }

    /** A run of the extract, marked when it matched: templates and scripts render these as text. */
    public record Segment(String text, boolean hit) {
    }

    public List<Segment> segments() {
        List<Segment> out = new ArrayList<>();
        int at = 0;
        for (Mark m : marks) {
            if (m.start() > at) out.add(new Segment(text.substring(at, m.start()), false));
            out.add(new Segment(text.substring(m.start(), m.end()), true));
            at = m.end();
        }
        if (at < text.length()) out.add(new Segment(text.substring(at), false));
        return out;
    }
}
