package io.guichet.platform.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ElisionTest {
    @Test
    void a_vowel_a_mute_h_or_a_y_sounding_as_a_vowel_elides() {
        assertThat(Elision.de("Élodie")).isEqualTo("d’Élodie");
        assertThat(Elision.de("Hélène")).isEqualTo("d’Hélène");
        assertThat(Elision.de("Yves")).isEqualTo("d’Yves");
        assertThat(Elision.de("Olivier")).isEqualTo("d’Olivier");
        assertThat(Elision.le("équipe")).isEqualTo("l’équipe");
    }

    @Test
    void a_consonant_or_a_y_before_a_vowel_does_not() {
        assertThat(Elision.de("François")).isEqualTo("de François");
        assertThat(Elision.de("Yasmine")).isEqualTo("de Yasmine");
        assertThat(Elision.le("service")).isEqualTo("le service");
        assertThat(Elision.de("")).isEqualTo("de ");
    }

    @Test
    void plurals_follow_each_language() {
        Messages messages = new Messages();
        assertThat(messages.in("fr").plural("live.viewers", 0)).isEqualTo("0 personne présente");
        assertThat(messages.in("fr").plural("live.viewers", 1)).isEqualTo("1 personne présente");
        assertThat(messages.in("fr").plural("live.viewers", 2)).isEqualTo("2 personnes présentes");
        assertThat(messages.in("en").plural("live.viewers", 0)).isEqualTo("0 people present");
        assertThat(messages.in("en").plural("live.viewers", 1)).isEqualTo("1 person present");
        assertThat(messages.in("en").plural("live.viewers", 1_250)).isEqualTo("1,250 people present");
    }
}
