package io.guichet.platform.web;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** A refusal goes next to its field in the reader's words, found by its code and field, never by its English text. */
class FormErrorsTest {
    static final Messages MESSAGES = new Messages();
    static final FormErrors SESSION = new FormErrors("live-session", Set.of("slug", "titleEn"), Map.of("slug_taken", "slug"));

    @Test
    void aFieldsOwnWordsThenTheFormsThenTheCodes() {
        var fr = MESSAGES.in("fr");
        assertThat(SESSION.of(ApiError.invalid("titleEn", "titleEn is required"), fr))
                .isEqualTo(new FormErrors.Shown("titleEn", "Le titre en anglais est requis (120 caractères au plus)."));
        assertThat(SESSION.of(ApiError.conflict("slug_taken", "A live session already uses the slug x"), fr))
                .isEqualTo(new FormErrors.Shown("slug", "Une soirée utilise déjà cet identifiant."));
        assertThat(new FormErrors("admin-service", Set.of("slug"), Map.of("slug_taken", "slug"))
                .of(ApiError.conflict("slug_taken", "A service already uses the slug x"), MESSAGES.in("en")).message())
                .isEqualTo("A service already uses this identifier.");
        assertThat(SESSION.of(ApiError.forbidden("Supervisors only"), fr))
                .isEqualTo(new FormErrors.Shown("form", "Votre rôle ne permet pas de faire cela."));
    }

    @Test
    void aRefusalOfAFieldTheFormDoesNotShowGoesToTheTopOfTheForm() {
        assertThat(SESSION.of(ApiError.invalid("descriptionFr", "descriptionFr is longer than 2000 characters"), MESSAGES.in("fr")))
                .isEqualTo(new FormErrors.Shown("form", "Vérifiez les champs du formulaire."));
        assertThat(new FormErrors("kb-synonyms", Set.of("rules"), Map.of())
                .of(ApiError.invalid("rules", "These synonyms cannot be used: x"), MESSAGES.in("fr")).message())
                .isEqualTo("Valeur refusée : These synonyms cannot be used: x");
    }
}
