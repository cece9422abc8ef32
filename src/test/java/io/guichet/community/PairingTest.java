package io.guichet.community;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The mentoring proposal is optimal (against brute force on small rounds) and keeps its constraints. */
class PairingTest {
    static final List<String> TOPICS = List.of("réseaux sociaux", "pédagogie numérique", "balados", "vidéo", "Teams", "forums");
    static final List<String> SLOTS = List.of("mon-am", "tue-pm", "wed-eve", "thu-am");

    static Participant person(long id, String side, Random r) {
        return new Participant(id, 1, side, id, side + id, side + id + "@exemple.ca", pick(TOPICS, r, 2), pick(TOPICS, r, 2),
                r.nextInt(4) == 0 ? List.of("en") : r.nextInt(3) == 0 ? List.of("fr", "en") : List.of("fr"), pick(SLOTS, r, 2),
                pick(List.of("online", "in_person"), r, 1));
    }

    static List<String> pick(List<String> from, Random r, int max) {
        List<String> out = new ArrayList<>();
        int n = 1 + r.nextInt(max);
        for (int i = 0; i < n; i++) {
            String v = from.get(r.nextInt(from.size()));
            if (!out.contains(v)) out.add(v);
        }
        return out;
    }

    /** The best total by trying every assignment of each mentee to a mentor or to nobody. */
    static int bruteForce(List<Participant> mentors, List<Participant> mentees, int k, int i, Map<Long, Integer> load) {
        if (i == mentees.size()) return 0;
        int best = bruteForce(mentors, mentees, k, i + 1, load);
        for (Participant m : mentors) {
            Pairing.Fit f = Pairing.fit(m, mentees.get(i));
            if (f == null || load.getOrDefault(m.id(), 0) >= k) continue;
            load.merge(m.id(), 1, Integer::sum);
            best = Math.max(best, f.score() + bruteForce(mentors, mentees, k, i + 1, load));
            load.merge(m.id(), -1, Integer::sum);
        }
        return best;
    }

    @Test
    void theProposalReachesTheBruteForceOptimumAndKeepsEveryConstraintOnSmallRandomRounds() {
        Random r = new Random(20);
        for (int round = 0; round < 200; round++) {
            int k = 1 + r.nextInt(2);
            List<Participant> mentors = new ArrayList<>(), mentees = new ArrayList<>();
            for (int i = 0; i < 1 + r.nextInt(3); i++) mentors.add(person(i + 1, "mentor", r));
            for (int i = 0; i < 1 + r.nextInt(5); i++) mentees.add(person(100 + i, "mentee", r));
            Pairing.Proposal p = Pairing.propose(mentors, mentees, k);
            assertThat(p.total()).as("round " + round).isEqualTo(bruteForce(mentors, mentees, k, 0, new HashMap<>()));
            Map<Long, Integer> load = new HashMap<>();
            for (Pairing.Pair pair : p.pairs()) {
                assertThat(load.merge(pair.mentor().id(), 1, Integer::sum)).isLessThanOrEqualTo(k);
                assertThat(pair.mentor().languages()).containsAnyElementsOf(pair.mentee().languages());
                assertThat(pair.mentor().availability()).containsAnyElementsOf(pair.mentee().availability());
                assertThat(pair.fit().reasons()).isNotEmpty();
            }
            assertThat(p.pairs().stream().map(x -> x.mentee().id()).distinct().count()).isEqualTo(p.pairs().size());
            assertThat(p.pairs().size() + p.unmatched().size()).isEqualTo(mentees.size());
        }
    }

    @Test
    void aPairNeedsALanguageASlotAndATopicAndTopicsCompareByTheirWords() {
        Participant mentor = new Participant(1, 1, "mentor", 1, "Élodie", "e@exemple.ca", List.of("Réseaux sociaux"), List.of("Pédagogie"),
                List.of("fr"), List.of("mon-am"), List.of("online"));
        Participant teacher = new Participant(2, 1, "mentee", 2, "François", "f@exemple.ca", List.of("pédagogie"), List.of("reseaux sociaux"),
                List.of("fr", "en"), List.of("mon-am", "tue-pm"), List.of("online"));
        Pairing.Fit fit = Pairing.fit(mentor, teacher);
        assertThat(fit.score()).isEqualTo(Pairing.PER_TOPIC + Pairing.PER_TOPIC_BACK + Pairing.FORMAT);
        assertThat(fit.reasons()).extracting(Pairing.Reason::key).containsExactly("community.fit.topics", "community.fit.back",
                "community.fit.languages", "community.fit.slots", "community.fit.formats");
        Participant english = new Participant(3, 1, "mentee", 3, "Sam", "s@exemple.ca", List.of(), List.of("Réseaux sociaux"), List.of("en"),
                List.of("mon-am"), List.of("online"));
        assertThat(Pairing.fit(mentor, english)).as("no shared language").isNull();
        Participant evenings = new Participant(4, 1, "mentee", 4, "Lou", "l@exemple.ca", List.of(), List.of("Réseaux sociaux"), List.of("fr"),
                List.of("wed-eve"), List.of("online"));
        assertThat(Pairing.fit(mentor, evenings)).as("no shared slot").isNull();
        // one mentor, k = 1, two teachers who want her: the better fit wins, the other stays unmatched
        Pairing.Proposal p = Pairing.propose(List.of(mentor), List.of(teacher, new Participant(5, 1, "mentee", 5, "Max", "m@exemple.ca", List.of(),
                List.of("Réseaux sociaux"), List.of("fr"), List.of("mon-am"), List.of("in_person"))), 1);
        assertThat(p.pairs()).singleElement().satisfies(x -> assertThat(x.mentee().name()).isEqualTo("François"));
        assertThat(p.unmatched()).extracting(Participant::name).containsExactly("Max");
    }

    @Test
    void threeHundredByThreeHundredIsProposedWithinTwoSeconds() {
        Random r = new Random(300);
        List<Participant> mentors = new ArrayList<>(), mentees = new ArrayList<>();
        for (int i = 0; i < 300; i++) mentors.add(person(i + 1, "mentor", r));
        for (int i = 0; i < 300; i++) mentees.add(person(1000 + i, "mentee", r));
        Pairing.propose(mentors, mentees, 2); // warm-up
        long start = System.nanoTime();
        Pairing.Proposal p = Pairing.propose(mentors, mentees, 2);
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("300x300 proposal (k=2): " + ms + " ms, " + p.pairs().size() + " pairs");
        assertThat(ms).isLessThan(2_000);
    }
}
