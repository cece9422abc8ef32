package io.guichet.kb.internal;

import io.guichet.kb.SearchResult;
import io.guichet.kb.Snippet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The French and English analysers and the index built on them, as a visitor's search meets them. */
class SearchIndexTest {
    static final Analyzers ANALYZERS = new Analyzers(Synonyms.defaults("fr"), Synonyms.defaults("en"));
    static SearchIndex index;

    @BeforeAll
    static void build() {
        index = new SearchIndex(ANALYZERS);
        index.replaceAll(List.of(
                doc(1, "fr", "Date limite d’admission", "L’échéance pour l’automne est le 1er mars."),
                doc(2, "fr", "Mot de passe oublié", "Réinitialisez votre mot de passe dans Omnivox."),
                doc(3, "fr", "Obtenir le certificat d’acceptation du Québec", "Le certificat est demandé au ministère."),
                doc(4, "fr", "Inscription aux cours", "L’inscription se fait en ligne au collège."),
                doc(5, "fr", "Stationnement", "Le mot admission apparaît seulement ici, dans le corps."),
                doc(6, "en", "Dropping a course", "Courses can be dropped until September 20."),
                doc(7, "en", "Parking permits", "Buy a permit to park your car.")));
    }

    @AfterAll
    static void close() {
        index.close();
    }

    static SearchIndex.Doc doc(long id, String lang, String title, String text) {
        return new SearchIndex.Doc(id, lang, "a-" + id, title, text, List.of(), null);
    }

    static List<String> fr(String text) {
        return Analyzers.terms(Analyzers.index("fr"), text);
    }

    static List<Long> ids(String query, String lang) {
        return index.search(query, lang, 5).stream().map(SearchResult::id).toList();
    }

    @Test
    void accentsAreFoldedSoThatEcheanceIsEcheance() {
        assertThat(fr("échéance")).isEqualTo(fr("echeance")).isEqualTo(fr("ÉCHÉANCE"));
        assertThat(ids("echeance", "fr")).first().isEqualTo(1L);
    }

    @Test
    void frenchElisionsAreRemovedWithEitherApostrophe() {
        assertThat(fr("l'échéance")).isEqualTo(fr("échéance"));
        assertThat(fr("l’échéance")).isEqualTo(fr("échéance"));
        assertThat(fr("qu'acceptation")).isEqualTo(fr("acceptation"));
        assertThat(fr("jusqu’au")).isEqualTo(fr("au"));
        assertThat(ids("d'admission", "fr")).first().isEqualTo(1L);
    }

    @Test
    void elisionsTypedWithoutTheApostropheStillFind() {
        assertThat(ids("lecheance", "fr")).first().isEqualTo(1L);
        assertThat(ids("date limite dadmission", "fr")).first().isEqualTo(1L);
    }

    @Test
    void lightStemmingJoinsSingularAndPlural() {
        assertThat(fr("inscriptions")).isEqualTo(fr("inscription"));
        assertThat(Analyzers.terms(Analyzers.index("en"), "courses")).isEqualTo(Analyzers.terms(Analyzers.index("en"), "course"));
        assertThat(ids("inscriptions", "fr")).first().isEqualTo(4L);
    }

    @Test
    void stopWordsAreDropped() {
        assertThat(fr("la date de la session")).containsExactly(fr("date").getFirst(), fr("session").getFirst());
        assertThat(Analyzers.terms(Analyzers.index("en"), "the deadline of the term")).hasSize(2);
    }

    @Test
    void synonymsFindEachOtherInBothDirections() {
        assertThat(ids("mdp", "fr")).first().isEqualTo(2L);
        assertThat(ids("CAQ", "fr")).first().isEqualTo(3L);
        assertThat(ids("cégep", "fr")).contains(4L); // the article says "collège"
        assertThat(ids("withdraw a class", "en")).first().isEqualTo(6L);
        assertThat(Analyzers.terms(ANALYZERS.query("fr"), "mdp")).containsAll(fr("mot de passe"));
    }

    @Test
    void typosAreToleratedWhenAWordIsUnknown() {
        assertThat(ids("inscirption", "fr")).first().isEqualTo(4L);
        assertThat(ids("parkng permit", "en")).first().isEqualTo(7L);
    }

    @Test
    void titlesWeighMoreThanBodies() {
        assertThat(ids("admission", "fr")).containsSubsequence(1L, 5L);
    }

    @Test
    void resultsComeAsYouTypeFromTheWordBeingTyped() {
        assertThat(ids("stationn", "fr")).first().isEqualTo(5L);
    }

    @Test
    void languagesAreSearchedSeparately() {
        assertThat(ids("permit", "fr")).doesNotContain(7L);
        assertThat(ids("permit", "en")).containsExactly(7L);
    }

    @Test
    void querySyntaxIsNeverSyntax() {
        for (String q : List.of("\"(*:~", "mot AND passe", "title:mot", "*", "?", "\\", "[a TO z]", "(((", "mot~2", "+-!^{}")) {
            assertThat(index.search(q, "fr", 5)).as(q).isNotNull();
        }
        assertThat(ids("\"mot de passe\"", "fr")).first().isEqualTo(2L);
    }

    @Test
    void snippetsMarkTheWordsThatMatched() {
        Snippet s = index.search("omnivox", "fr", 1).getFirst().snippet();
        assertThat(s.text()).contains("Omnivox");
        assertThat(s.segments()).anySatisfy(seg -> {
            assertThat(seg.hit()).isTrue();
            assertThat(seg.text()).isEqualTo("Omnivox");
        });
    }

    @Test
    void aGoodMatchCoversHalfTheWords() {
        assertThat(index.hasGoodMatch("mot de passe oublie", "fr")).isTrue();
        assertThat(index.hasGoodMatch("bourse hockey piscine", "fr")).isFalse();
        assertThat(index.hasGoodMatch("le la les", "fr")).isFalse();
    }
}
