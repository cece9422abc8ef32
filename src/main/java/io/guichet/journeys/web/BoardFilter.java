package io.guichet.journeys.web;

import io.guichet.journeys.Journey;
import io.guichet.journeys.Template;

import java.text.Normalizer;
import java.util.List;
import java.util.Locale;

/**
 * The board's filters: a state (late, refused, submitted…) at one step or any, and words of the name or address
 * (case- and accent-blind: "eloise" finds Éloïse). Anything unknown is no filter: a filter narrows, it never refuses.
 */
record BoardFilter(String state, String step, String text) {
    static final List<String> STATES = List.of("todo", "submitted", "approved", "refused", "late");

    static BoardFilter of(String state, String step, String text, Template latest) {
        String s = state != null && STATES.contains(state) ? state : null;
        String k = latest.steps().stream().map(Template.Step::key).filter(x -> x.equals(step)).findFirst().orElse(null);
        String q = text == null || text.isBlank() ? null : text.strip();
        return new BoardFilter(s, k, q == null ? null : q.substring(0, Math.min(q.length(), 100)));
    }

    /** The state a journey shows at a step, as on the board: lateness first. */
    static String standing(Journey.StepStatus s) {
        return s.late() ? "late" : s.state().key();
    }

    boolean matches(Journey j) {
        if (text != null) {
            String who = fold(j.enrolment().name()) + " " + fold(j.enrolment().email());
            if (!who.contains(fold(text))) return false;
        }
        if (state == null) return step == null || j.steps().stream().anyMatch(s -> s.step().key().equals(step));
        return j.steps().stream().anyMatch(s -> (step == null || s.step().key().equals(step)) && standing(s).equals(state));
    }

    /** The query parameters that keep these filters, without "?" (after a bulk action, the board comes back as it was). */
    String query() {
        StringBuilder q = new StringBuilder();
        if (state != null) q.append("&etat=").append(state);
        if (step != null) q.append("&etape=").append(step);
        if (text != null) q.append("&q=").append(java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8));
        return q.isEmpty() ? "" : q.substring(1);
    }

    private static String fold(String s) {
        return s == null ? "" : Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }
}
