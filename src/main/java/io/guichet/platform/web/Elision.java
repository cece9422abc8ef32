package io.guichet.platform.web;

import java.text.Normalizer;
import java.util.Locale;

/**
 * French elision before a name or a word: "d'Élodie", "d'Hélène", "d'Yves" but "de François", "de Yasmine";
 * "l'équipe" but "le service". A vowel or an h (mute in names and nearly all words) elides; a y elides
 * before a consonant, where it sounds as a vowel (Yves, Yvonne), not before a vowel (Yasmine, Yannick).
 * Messages take the elided form as an argument ("Réponse {1}"), so English patterns simply ignore it.
 */
public final class Elision {
    private Elision() {}

    /** "d'Élodie" / "de François". */
    public static String de(String next) {
        return (elides(next) ? "d’" : "de ") + next;
    }

    /** "l'équipe" / "le service". */
    public static String le(String next) {
        return (elides(next) ? "l’" : "le ") + next;
    }

    public static boolean elides(String next) {
        if (next == null || next.isBlank()) return false;
        String plain = Normalizer.normalize(next.strip(), Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
        char first = plain.charAt(0);
        if ("aeiouh".indexOf(first) >= 0) return true;
        return first == 'y' && plain.length() > 1 && "aeiouy".indexOf(plain.charAt(1)) < 0;
    }
}
