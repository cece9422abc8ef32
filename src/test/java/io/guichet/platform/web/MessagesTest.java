package io.guichet.platform.web;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MessagesTest {

    @Test
    void everyShippedPatternIsReadableInBothLanguages() {
        Messages messages = new Messages();
        assertThat(messages.in("fr").plural("live.viewers", 1)).isEqualTo("1 personne présente");
    }

    @Test
    void aChoiceNestedInAChoiceIsRefusedWithItsKeyNotWhenAVisitorSearches() {
        Properties bundle = new Properties();
        bundle.setProperty("inbox.search.found",
                "{0,choice,0#Aucune.|1#1 trouvée.|1<{0} trouvées{1,choice,0#.|1#, et d’autres à la page suivante.}}");
        bundle.setProperty("plain", "L’heure d’ouverture");
        assertThatThrownBy(() -> Messages.checkPatterns(bundle, Locale.CANADA_FRENCH))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("inbox.search.found");
    }

    @Test
    void anApostropheOrAPlaceholderAloneIsFine() {
        Properties bundle = new Properties();
        bundle.setProperty("a", "Bonjour {0}, c’est l’heure");
        bundle.setProperty("b", "{0,choice,0#aucune|1#une|1<{0} personnes}");
        Messages.checkPatterns(bundle, Locale.CANADA_FRENCH);
    }
}
