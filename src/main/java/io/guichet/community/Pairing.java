package io.guichet.community;

import io.guichet.kb.TextTerms;
import org.jgrapht.Graph;
import org.jgrapht.alg.interfaces.MatchingAlgorithm;
import org.jgrapht.alg.matching.MaximumWeightBipartiteMatching;
import org.jgrapht.graph.DefaultWeightedEdge;
import org.jgrapht.graph.SimpleWeightedGraph;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The proposal of a round: pairs that maximise the total fit, each mentor with at most {@code k} mentees, every pair
 * sharing a language and an availability slot. It is a maximum-weight bipartite matching (JGraphT's
 * {@link MaximumWeightBipartiteMatching}) on a graph where each mentor appears {@code k} times, one vertex per seat.
 */
public final class Pairing {
    public static final int PER_TOPIC = 10, PER_TOPIC_BACK = 3, FORMAT = 2;

    private Pairing() {
    }

    /** Why a pair fits, as message keys and their arguments (topics, languages, slots). */
    public record Reason(String key, String detail) {
    }

    public record Fit(int score, List<Reason> reasons) {
    }

    public record Pair(Participant mentor, Participant mentee, Fit fit) {
    }

    public record Proposal(List<Pair> pairs, int total, List<Participant> unmatched) {
    }

    /** How well a mentor fits a mentee; null when they cannot meet (no language or slot shared) or have nothing to share. */
    public static Fit fit(Participant mentor, Participant mentee) {
        List<String> languages = shared(mentor.languages(), mentee.languages(), false);
        List<String> slots = shared(mentor.availability(), mentee.availability(), false);
        if (languages.isEmpty() || slots.isEmpty()) return null;
        List<String> topics = shared(mentor.teach(), mentee.learn(), true);
        List<String> back = shared(mentee.teach(), mentor.learn(), true);
        List<String> formats = shared(mentor.formats(), mentee.formats(), false);
        int score = topics.size() * PER_TOPIC + back.size() * PER_TOPIC_BACK + (formats.isEmpty() ? 0 : FORMAT);
        if (topics.isEmpty() && back.isEmpty()) return null;
        List<Reason> reasons = new ArrayList<>();
        if (!topics.isEmpty()) reasons.add(new Reason("community.fit.topics", String.join(", ", topics)));
        if (!back.isEmpty()) reasons.add(new Reason("community.fit.back", String.join(", ", back)));
        reasons.add(new Reason("community.fit.languages", String.join(", ", languages)));
        reasons.add(new Reason("community.fit.slots", String.join(", ", slots)));
        if (!formats.isEmpty()) reasons.add(new Reason("community.fit.formats", String.join(", ", formats)));
        return new Fit(score, reasons);
    }

    /** What both lists hold, as the first list spells it; topics are compared by their analysed words ("Réseaux sociaux" = "reseau social"). */
    static List<String> shared(List<String> a, List<String> b, boolean topics) {
        Set<String> other = new HashSet<>();
        for (String s : b) other.add(topics ? key(s) : s);
        List<String> out = new ArrayList<>();
        for (String s : a) if (other.contains(topics ? key(s) : s) && !out.contains(s)) out.add(s);
        return out;
    }

    /** Analysing a topic costs more than comparing it: a proposal compares each one hundreds of times, so keys are kept. */
    private static final Map<String, String> KEYS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String key(String topic) {
        if (KEYS.size() > 50_000) KEYS.clear();
        return KEYS.computeIfAbsent(topic, t -> String.join(" ", TextTerms.of("fr", t)));
    }

    public static Proposal propose(List<Participant> mentors, List<Participant> mentees, int k) {
        if (k < 1) throw new IllegalArgumentException("k is at least 1");
        Graph<Object, DefaultWeightedEdge> g = new SimpleWeightedGraph<>(DefaultWeightedEdge.class);
        record Seat(Participant mentor, int n) {
        }
        Set<Object> seats = new HashSet<>(), learners = new HashSet<>(mentees);
        mentees.forEach(g::addVertex);
        Map<DefaultWeightedEdge, Fit> fits = new LinkedHashMap<>();
        for (Participant m : mentors) {
            List<Seat> mine = new ArrayList<>();
            for (int i = 0; i < k; i++) {
                Seat s = new Seat(m, i);
                g.addVertex(s);
                seats.add(s);
                mine.add(s);
            }
            for (Participant e : mentees) {
                Fit f = fit(m, e);
                if (f == null) continue;
                for (Seat s : mine) {
                    DefaultWeightedEdge edge = g.addEdge(s, e);
                    g.setEdgeWeight(edge, f.score());
                    fits.put(edge, f);
                }
            }
        }
        MatchingAlgorithm.Matching<Object, DefaultWeightedEdge> matching = new MaximumWeightBipartiteMatching<>(g, seats, learners).getMatching();
        List<Pair> pairs = new ArrayList<>();
        Set<Participant> matched = new HashSet<>();
        for (DefaultWeightedEdge edge : matching.getEdges()) {
            Object a = g.getEdgeSource(edge), b = g.getEdgeTarget(edge);
            Seat seat = (Seat) (a instanceof Seat ? a : b);
            Participant mentee = (Participant) (a instanceof Seat ? b : a);
            pairs.add(new Pair(seat.mentor(), mentee, fits.get(edge)));
            matched.add(mentee);
        }
        pairs.sort(Comparator.comparing((Pair p) -> p.mentor().id()).thenComparing(p -> p.mentee().id()));
        int total = pairs.stream().mapToInt(p -> p.fit().score()).sum();
        return new Proposal(pairs, total, mentees.stream().filter(e -> !matched.contains(e)).toList());
    }
}
