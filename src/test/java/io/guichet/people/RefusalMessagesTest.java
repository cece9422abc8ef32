package io.guichet.people;

import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Messages;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Every refusal of a contact's field has its own reason, told in French and in English (an import's rows show it). */
class RefusalMessagesTest {
    private static final Messages MESSAGES = new Messages();

    static String told(String lang, Supplier<?> refused) {
        ApiError e = catchThrowableOfType(ApiError.class, refused::get);
        assertThat(e).as("refused").isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isNotNull();
        Messages.Localizer t = MESSAGES.in(lang);
        assertThat(t.has("people.refusal." + e.reason())).as(lang + " people.refusal." + e.reason()).isTrue();
        return t.t("people.refusal." + e.reason(), e.args().toArray());
    }

    @Test
    void eachRefusalHasItsOwnReasonInBothLanguages() {
        ContactField cohort = ContactField.define("cohorte", "Cohorte", "Cohort", "choice", List.of("A2026", "A2027"), null);
        ContactField size = ContactField.define("taille", "Taille", "Size", "number", List.of(), null);
        ContactField day = ContactField.define("visite", "Visite", "Visit", "date", List.of(), null);
        List<Supplier<?>> refusals = List.of(
                () -> new ContactDraft().name("Zoé\u0007"),
                () -> new ContactDraft().name("x".repeat(500)),
                () -> new ContactDraft().lang("es"),
                () -> new ContactDraft().kinds(List.of("visiteur")),
                () -> new ContactDraft().emails(List.of("zoe@")),
                () -> new ContactDraft().phones(List.of("abc")),
                () -> new ContactDraft().phones(List.of("555 0101")),
                () -> new ContactDraft().studentNumber("E12!"),
                () -> new ContactDraft().graduationYear(1800),
                () -> new ContactDraft().country("ZZ"),
                () -> ContactDraft.postalCode("12345", null),
                () -> ContactDraft.postalCode("75!01", "FR"),
                () -> new ContactDraft().tags(java.util.stream.IntStream.range(0, 100).mapToObj(i -> "t" + i).toList()),
                () -> new ContactDraft().emails(java.util.stream.IntStream.range(0, 100).mapToObj(i -> "a" + i + "@b.ca").toList()),
                () -> cohort.value("B1999"),
                () -> size.value("grand"),
                () -> day.value("demain"));
        for (Supplier<?> refused : refusals) {
            String fr = told("fr", refused), en = told("en", refused);
            assertThat(fr).isNotEqualTo(en);
        }
        assertThat(told("fr", () -> new ContactDraft().emails(List.of("pas-un-courriel"))))
                .isEqualTo("« pas-un-courriel » n’est pas une adresse courriel valide.");
        assertThat(told("fr", () -> new ContactDraft().graduationYear(1800))).contains("entre ").doesNotContain("{");
    }
}
