package io.guichet.people;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** One contact through the API: creation, reading, partial change, identities shared by no two contacts, rights, bad input. */
class ContactApiTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE, Cegep.Persona.NOEMIE).withSupervisor().withVisitor();
        Api.Response f = api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "cohorte", "labelFr", "Cohorte", "labelEn", "Cohort",
                "type", "choice", "choices", List.of("A2026", "A2027")));
        assertThat(f.status()).as(f.json().toString()).isEqualTo(201);
        api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "derniere_visite", "labelFr", "Date de la dernière visite",
                "labelEn", "Last visit", "type", "date"));
        api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "moyenne", "labelFr", "Moyenne", "labelEn", "Average", "type", "number"));
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
        return m;
    }

    static Api.Response create(Object... pairs) {
        return api.post("/api/v1/contacts", cegep.jérôme, body(pairs));
    }

    @Test
    void aSupervisorCreatesAContactAndReadsItBackNormalised() {
        Api.Response r = create("name", "Zoé d'Amours", "lang", "fr", "kinds", List.of("prospect", "parent"),
                "emails", List.of("Zoe.dAmours@Exemple.ca", "zoe@maison.ca"), "phones", List.of("(514) 555-0123", "+33 1 42 68 53 00"),
                "studentNumber", "e 1234567", "programme", "Sciences de la nature", "graduationYear", 2027, "organisation", "École Sainte-Foy",
                "city", "Sherbrooke", "postalCode", "j1h5n4", "country", "ca", "tags", List.of("salon-2026", "Salon-2026", "bourse"),
                "fields", Map.of("cohorte", "a2027", "derniere_visite", "2026-10-03", "moyenne", "85,5"));
        assertThat(r.status()).as(r.json().toString()).isEqualTo(201);
        JsonNode c = api.get("/api/v1/contacts/" + r.text("id"), cegep.jérôme).json();
        assertThat(c.path("name").asText()).isEqualTo("Zoé d'Amours");
        assertThat(c.path("kinds").toString()).isEqualTo("[\"prospect\",\"parent\"]");
        assertThat(c.path("emails").toString()).as("as typed, first primary").isEqualTo("[\"Zoe.dAmours@Exemple.ca\",\"zoe@maison.ca\"]");
        assertThat(c.path("phones").toString()).isEqualTo("[\"+15145550123\",\"+33142685300\"]");
        assertThat(c.path("studentNumber").asText()).isEqualTo("E1234567");
        assertThat(c.path("postalCode").asText()).isEqualTo("J1H 5N4");
        assertThat(c.path("country").asText()).isEqualTo("CA");
        assertThat(c.path("tags").toString()).isEqualTo("[\"salon-2026\",\"bourse\"]");
        assertThat(c.path("fields").path("cohorte").asText()).isEqualTo("A2027");
        assertThat(c.path("fields").path("derniere_visite").asText()).isEqualTo("2026-10-03");
        assertThat(c.path("fields").path("moyenne").decimalValue()).isEqualByComparingTo("85.5");
        assertThat(c.path("graduationYear").asInt()).isEqualTo(2027);
    }

    @Test
    void anIdentityTakenByAnotherContactIsA409NamingIt() {
        String first = create("name", "François Gagnon", "emails", List.of("francois.g@exemple.ca"), "phones", List.of("819 555 0199")).text("id");
        Api.Response sameEmail = create("name", "F. Gagnon", "emails", List.of("FRANCOIS.G@exemple.ca"));
        assertThat(sameEmail.status()).isEqualTo(409);
        assertThat(sameEmail.json().path("error").path("code").asText()).isEqualTo("duplicate");
        assertThat(sameEmail.json().path("error").path("field").asText()).isEqualTo("emails");
        assertThat(sameEmail.text("existingId")).isEqualTo(first);
        Api.Response samePhone = create("name", "Autre", "phones", List.of("+1 819-555-0199"));
        assertThat(samePhone.status()).isEqualTo(409);
        assertThat(samePhone.text("existingId")).isEqualTo(first);
        String other = create("name", "Autre", "emails", List.of("autre@exemple.ca")).text("id");
        Api.Response patch = api.patch("/api/v1/contacts/" + other, cegep.jérôme, Map.of("emails", List.of("autre@exemple.ca", "francois.g@exemple.ca")));
        assertThat(patch.status()).isEqualTo(409);
        assertThat(api.get("/api/v1/contacts/" + other, cegep.jérôme).json().path("emails").toString())
                .as("nothing of the refused change was kept").isEqualTo("[\"autre@exemple.ca\"]");
    }

    @Test
    void patchChangesOnlyWhatItNames() {
        String id = create("name", "Noah Bélanger", "city", "Québec", "kinds", List.of("student"), "emails", List.of("noah@exemple.ca"),
                "tags", List.of("sport"), "fields", Map.of("cohorte", "A2026")).text("id");
        Api.Response r = api.patch("/api/v1/contacts/" + id, cegep.jérôme, body("city", null, "emails", List.of("noah.b@cegep.qc.ca", "noah@exemple.ca"),
                "fields", body("cohorte", null, "moyenne", 72)));
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        JsonNode c = r.json();
        assertThat(c.path("name").asText()).isEqualTo("Noah Bélanger");
        assertThat(c.path("city").isNull()).isTrue();
        assertThat(c.path("kinds").toString()).isEqualTo("[\"student\"]");
        assertThat(c.path("tags").toString()).isEqualTo("[\"sport\"]");
        assertThat(c.path("emails").toString()).as("the new primary first").isEqualTo("[\"noah.b@cegep.qc.ca\",\"noah@exemple.ca\"]");
        assertThat(c.path("fields").has("cohorte")).isFalse();
        assertThat(c.path("fields").path("moyenne").asInt()).isEqualTo(72);
        JsonNode dropped = api.patch("/api/v1/contacts/" + id, cegep.jérôme, Map.of("emails", List.of("noah@exemple.ca"))).json();
        assertThat(dropped.path("emails").toString()).isEqualTo("[\"noah@exemple.ca\"]");
        assertThat(create("name", "Autre Noah", "emails", List.of("noah.b@cegep.qc.ca")).status()).as("a removed email is free again").isEqualTo(201);
    }

    @Test
    void badInputIsRefusedNamingTheField() {
        assertInvalid(create("emails", List.of("pas-une-adresse")), "emails", "pas-une-adresse");
        assertInvalid(create("emails", List.of("a@b")), "emails", "a@b");
        assertInvalid(create("phones", List.of("12345")), "phones", "country code");
        assertInvalid(create("phones", List.of("514-555-ABCD")), "phones", "514-555-ABCD");
        assertInvalid(create("phones", List.of("+1 114 555 0123")), "phones", "not valid");
        assertInvalid(create("name", "x".repeat(201)), "name", "longer than 200");
        assertInvalid(create("name", "Zoé\u0007"), "name", "control character");
        assertInvalid(create("kinds", "prospect"), "kinds", "list");
        assertInvalid(create("kinds", List.of("visiteur")), "kinds", "visiteur");
        assertInvalid(create("graduationYear", "2027"), "graduationYear", "whole number");
        assertInvalid(create("graduationYear", 1850), "graduationYear", "between");
        assertInvalid(create("country", "XX"), "country", "ISO");
        assertInvalid(create("postalCode", "75001"), "postalCode", "Canadian");
        assertInvalid(create("lang", "de"), "lang", "fr or en");
        assertInvalid(create("email", "zoe@exemple.ca"), "email", "Unknown field");
        assertInvalid(create("tags", List.of("t".repeat(41))), "tags", "longer than 40");
        assertInvalid(create("fields", Map.of("cohorte", "B2030")), "fields.cohorte", "A2026");
        assertInvalid(create("fields", Map.of("derniere_visite", "3 octobre")), "fields.derniere_visite", "YYYY-MM-DD");
        assertInvalid(create("fields", Map.of("moyenne", "beaucoup")), "fields.moyenne", "number");
        assertInvalid(create("fields", Map.of("moyenne", List.of(1))), "fields.moyenne", "must be a number");
        assertInvalid(create("fields", Map.of("inconnu", "x")), "fields.inconnu", "no contact field");
        assertThat(api.postRaw("/api/v1/contacts", cegep.jérôme, "{\"name\": ").status()).isEqualTo(400);
        assertThat(create("postalCode", "75001", "country", "FR").status()).as("other countries' codes as typed").isEqualTo(201);
    }

    @Test
    void htmlInANameIsKeptAsText() {
        String name = "<script>alert('é')</script>";
        String id = create("name", name).text("id");
        assertThat(api.get("/api/v1/contacts/" + id, cegep.jérôme).json().path("name").asText()).isEqualTo(name);
    }

    @Test
    void agentsReadAndCorrectOnlyTheContactsOfTheirConversations() {
        String stranger = create("name", "Inconnue Tremblay").text("id");
        Api.Response refused = api.get("/api/v1/contacts/" + stranger, cegep.élodie);
        assertThat(refused.status()).isEqualTo(403);
        assertThat(api.post("/api/v1/contacts", cegep.élodie, Map.of("name", "Nouvelle")).status()).isEqualTo(403);
        assertThat(api.patch("/api/v1/contacts/" + stranger, cegep.élodie, Map.of("name", "Changée")).status()).isEqualTo(403);

        String visitor = api.visitor("Léa Visiteuse");
        String leaId = api.get("/api/v1/visitor/me", visitor).json().path("id").asText();
        assertThat(api.startConversation(visitor, Cegep.ADMISSIONS, "Bonjour, une question sur l’admission").status()).isEqualTo(201);
        Api.Response read = api.get("/api/v1/contacts/" + leaId, cegep.élodie);
        assertThat(read.status()).as(read.json().toString()).isEqualTo(200);
        assertThat(api.patch("/api/v1/contacts/" + leaId, cegep.élodie, Map.of("city", "Lévis")).json().path("city").asText()).isEqualTo("Lévis");
        assertThat(api.get("/api/v1/contacts/" + leaId, cegep.noémie).status()).as("not her service").isEqualTo(403);
        assertThat(api.get("/api/v1/contacts/" + leaId, null).status()).isEqualTo(401);
        assertThat(api.get("/api/v1/contacts/abc", cegep.jérôme).status()).isEqualTo(404);
        assertThat(api.get("/api/v1/contacts/99999999", cegep.jérôme).status()).isEqualTo(404);
    }

    @Test
    void anEmailTypedInTheChatNeverJoinsTheContactThatOwnsIt() {
        String owner = create("name", "Élodie Proulx", "emails", List.of("elodie.proulx@exemple.ca")).text("id");
        Api.Response session = api.post("/api/v1/visitor/sessions", null, Map.of("name", "Quelqu’un", "email", "Elodie.Proulx@exemple.ca", "lang", "fr"));
        String token = session.text("visitorToken");
        String visitorId = session.text("contactId");
        assertThat(visitorId).isNotEqualTo(owner);
        JsonNode visitorContact = api.get("/api/v1/contacts/" + visitorId, cegep.jérôme).json();
        assertThat(visitorContact.path("emails").size()).isZero();
        assertThat(visitorContact.path("claimedEmails").toString()).isEqualTo("[\"Elodie.Proulx@exemple.ca\"]");
        assertThat(api.get("/api/v1/contacts/" + owner, cegep.jérôme).json().path("claimedEmails").size()).isZero();
        assertThat(api.get("/api/v1/visitor/me", token).json().path("conversations").size())
                .as("the browser sees only its own conversations").isZero();
        // A new address typed in the chat is not an identity either: a staff member may still give it to someone.
        api.post("/api/v1/visitor/sessions", null, Map.of("name", "Autre", "email", "jamais.vue@exemple.ca", "lang", "fr"));
        assertThat(create("name", "Vraie personne", "emails", List.of("jamais.vue@exemple.ca")).status()).isEqualTo(201);
    }

    @Test
    void mergedAndErasedContactsAreNotChanged() {
        String survivor = create("name", "Maëlle Roy", "emails", List.of("maelle@exemple.ca")).text("id");
        String merged = create("name", "Maelle Roy").text("id");
        String erased = create("name", "Effacée").text("id");
        node.app.database().jdbi().useHandle(h -> {
            h.execute("UPDATE contacts SET merged_into = ? WHERE id = ?", Long.parseLong(survivor), Long.parseLong(merged));
            h.execute("UPDATE contacts SET erased_at = now(), name = NULL WHERE id = ?", Long.parseLong(erased));
        });
        Api.Response r = api.get("/api/v1/contacts/" + merged, cegep.jérôme);
        assertThat(r.text("id")).isEqualTo(survivor);
        assertThat(r.text("mergedFrom")).isEqualTo(merged);
        Api.Response p = api.patch("/api/v1/contacts/" + merged, cegep.jérôme, Map.of("name", "x"));
        assertThat(p.status()).isEqualTo(409);
        assertThat(p.json().path("error").path("code").asText()).isEqualTo("merged");
        assertThat(p.json().path("error").path("message").asText()).contains(survivor);
        assertThat(api.get("/api/v1/contacts/" + erased, cegep.jérôme).status()).isEqualTo(404);
        Api.Response e = api.patch("/api/v1/contacts/" + erased, cegep.jérôme, Map.of("name", "x"));
        assertThat(e.status()).isEqualTo(409);
        assertThat(e.json().path("error").path("code").asText()).isEqualTo("erased");
    }

    @Test
    void onlyAnAdministratorDefinesFieldsAndDefinitionsAreChecked() {
        assertThat(api.post("/api/v1/contact-fields", cegep.jérôme, Map.of("key", "x", "labelFr", "X", "labelEn", "X", "type", "text")).status())
                .isEqualTo(403);
        assertInvalid(api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "Mauvaise clé", "labelFr", "X", "labelEn", "X", "type", "text")),
                "key", "lower-case");
        assertInvalid(api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "genre", "labelFr", "X", "labelEn", "X", "type", "couleur")),
                "type", "text, number");
        assertInvalid(api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "choix", "labelFr", "X", "labelEn", "X", "type", "choice")),
                "choices", "needs choices");
        assertThat(api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "cohorte", "labelFr", "X", "labelEn", "X", "type", "text"))
                .json().path("error").path("code").asText()).isEqualTo("key_taken");
        assertThat(api.get("/api/v1/contact-fields", cegep.élodie).json().path("fields").get(0).path("labelFr").asText()).isEqualTo("Cohorte");

        api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "ecole", "labelFr", "École", "labelEn", "School", "type", "choice",
                "choices", List.of("Polyvalente", "Collège")));
        String id = create("name", "Élève", "fields", Map.of("ecole", "collège")).text("id");
        assertInvalid(api.put("/api/v1/contact-fields/ecole", cegep.admin, Map.of("labelFr", "École", "labelEn", "School", "type", "choice",
                "choices", List.of("Polyvalente"))), "choices", "1 contacts still hold");
        assertThat(api.put("/api/v1/contact-fields/ecole", cegep.admin, Map.of("labelFr", "École secondaire", "labelEn", "High school", "type", "choice",
                "choices", List.of("Polyvalente", "Collège", "Académie"))).status()).isEqualTo(200);
        assertThat(api.delete("/api/v1/contact-fields/ecole", cegep.admin).status()).isEqualTo(204);
        assertThat(api.get("/api/v1/contacts/" + id, cegep.jérôme).json().path("fields").has("ecole")).as("its values went with it").isFalse();
    }

    static void assertInvalid(Api.Response r, String field, String words) {
        assertThat(r.status()).as(r.json().toString()).isEqualTo(422);
        assertThat(r.json().path("error").path("message").asText()).as(field).contains(words);
        assertThat(r.json().path("error").path("message").asText()).as("names the field").contains(field);
    }
}
