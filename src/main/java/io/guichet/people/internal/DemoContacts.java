package io.guichet.people.internal;

import io.guichet.people.ContactDraft;
import io.guichet.people.ContactField;

import java.util.List;
import java.util.Map;

/** The demo cégep's people: every kind, accents and apostrophes, two custom fields, tags that make two segments. */
public final class DemoContacts {
    public static final List<ContactField> FIELDS = List.of(
            ContactField.define("cohorte", "Cohorte", "Cohort", "choice", List.of("A2026", "H2027", "A2027"), 1),
            ContactField.define("derniere_visite", "Date de la dernière visite", "Date of the last visit", "date", List.of(), 2));

    /** A segment's name and its filter, as the list's parameters. */
    public record DemoSegment(String name, Map<String, String> filter) {
    }

    public static final List<DemoSegment> SEGMENTS = List.of(
            new DemoSegment("Prospects de Sherbrooke", Map.of("kind", "prospect", "city", "Sherbrooke")),
            new DemoSegment("Parents de l’international", Map.of("kind", "parent", "tag", "international")),
            // an audience that may receive the newsletter: the ledger says so (Camille, seeded with the privacy demo)
            new DemoSegment("Infolettre : consentement valide", Map.of("consent", "newsletters:granted")));

    public static List<ContactDraft> contacts() {
        return List.of(
                person("Élodie Fortin", "fr", List.of("prospect")).emails(List.of("elodie.fortin@exemple.ca")).phones(List.of("819 555-0142"))
                        .programme("Sciences de la nature").city("Sherbrooke").postalCode("J1H 5N4").tags(List.of("salon-2026", "portes-ouvertes"))
                        .fields(Map.of("cohorte", "A2027", "derniere_visite", "2026-11-14")),
                person("Chloé Pelletier", "fr", List.of("prospect")).emails(List.of("chloe.pelletier@exemple.ca")).programme("Techniques de soins infirmiers")
                        .city("Sherbrooke").postalCode("J1E 2K8").tags(List.of("portes-ouvertes")).fields(Map.of("cohorte", "A2026")),
                person("Noah Tremblay", "fr", List.of("prospect")).phones(List.of("(819) 555-0177")).programme("Techniques de l’informatique")
                        .city("Magog").postalCode("J1X 3W2"),
                person("François Lavoie", "fr", List.of("parent")).emails(List.of("f.lavoie@exemple.ca")).city("Sherbrooke").postalCode("J1J 2B4")
                        .tags(List.of("salon-2026")),
                person("Amira Benali", "fr", List.of("parent")).emails(List.of("amira.benali@exemple.ma")).phones(List.of("+212 522 123 456"))
                        .city("Casablanca").country("MA").postalCode("20250").tags(List.of("international")),
                person("Lucas Moreau", "fr", List.of("prospect")).emails(List.of("lucas.moreau@exemple.fr")).programme("Sciences humaines")
                        .city("Lyon").country("FR").postalCode("69003").tags(List.of("international")).fields(Map.of("cohorte", "H2027")),
                person("Hélène Moreau", "fr", List.of("parent")).emails(List.of("helene.moreau@exemple.fr")).city("Lyon").country("FR")
                        .postalCode("69003").tags(List.of("international")),
                person("Zoé Bergeron", "fr", List.of("student")).emails(List.of("zoe.bergeron@etu.cegep-demo.qc.ca")).studentNumber("2231457")
                        .programme("Arts, lettres et communication").graduationYear(2027).city("Montréal").postalCode("H2X 1Y4"),
                person("Gabriel d'Amours", "fr", List.of("alumnus", "employer")).emails(List.of("gabriel.damours@exemple.ca"))
                        .organisation("Desjardins").graduationYear(2016).city("Québec").postalCode("G1R 4S9").tags(List.of("mentor")),
                person("Marie-Ève Gagné", "fr", List.of("professor")).emails(List.of("me.gagne@cegep-demo.qc.ca")).programme("Sciences de la nature"),
                person("Sophie Côté", "fr", List.of("employer", "partner")).emails(List.of("sophie.cote@cascades.exemple.ca")).phones(List.of("819 555 0111"))
                        .organisation("Cascades").city("Kingsey Falls").tags(List.of("stages")),
                person("Daniel O'Brien", "en", List.of("prospect", "parent")).emails(List.of("dan.obrien@example.com")).city("Ottawa").postalCode("K1P 5J2")
                        .programme("Sciences de la nature"),
                // A pair of likely duplicates (same name and city, the same Gmail mailbox with and without its dot), for the merge screens.
                person("Zoé Lefebvre", "fr", List.of("prospect")).emails(List.of("zoe.lefebvre@gmail.com")).city("Rimouski")
                        .tags(List.of("portes-ouvertes")),
                person("Zoe Lefebvre", "fr", List.of("prospect")).emails(List.of("zoelefebvre@gmail.com")).programme("Sciences de la nature")
                        .city("Rimouski"));
    }

    private static ContactDraft person(String name, String lang, List<String> kinds) {
        return new ContactDraft().name(name).lang(lang).kinds(kinds);
    }

    private DemoContacts() {
    }
}
