package io.guichet.people;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The contact list: search without accents, filters, French name order, keyset pages, agents' view, segments. */
class ContactListTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static String élodie, zoé, amours, côté, éric, merged, erased;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents(Cegep.Persona.ELODIE).withSupervisor();
        api.post("/api/v1/contact-fields", cegep.admin, Map.of("key", "cohorte", "labelFr", "Cohorte", "labelEn", "Cohort",
                "type", "choice", "choices", List.of("A2026", "A2027")));
        élodie = create("name", "Élodie Tremblay", "kinds", List.of("prospect"), "city", "Sherbrooke", "emails", List.of("elodie.t@exemple.ca"),
                "phones", List.of("514 555 0101"), "tags", List.of("Salon-2026"), "programme", "Sciences de la nature",
                "fields", Map.of("cohorte", "A2027"));
        zoé = create("name", "Zoé Lévesque", "kinds", List.of("prospect", "parent"), "city", "Montréal", "studentNumber", "E7654321");
        amours = create("name", "Gabriel d'Amours", "kinds", List.of("parent"), "city", "sherbrooke", "country", "CA", "tags", List.of("salon-2026"));
        côté = create("name", "Louis Côté", "kinds", List.of("alumnus"), "graduationYear", 2015);
        éric = create("name", "Éric Ouellet", "kinds", List.of("employer"), "organisation", "Usine Cascades");
        merged = create("name", "Élodie T.", "kinds", List.of("prospect"), "city", "Sherbrooke");
        erased = create("name", "Élodie Effacée", "kinds", List.of("prospect"), "city", "Sherbrooke");
        node.app.database().jdbi().useHandle(h -> {
            h.execute("UPDATE contacts SET merged_into = ? WHERE id = ?", Long.parseLong(élodie), Long.parseLong(merged));
            h.execute("UPDATE contacts SET erased_at = now() WHERE id = ?", Long.parseLong(erased));
        });
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static String create(Object... pairs) {
        Map<String, Object> m = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) m.put((String) pairs[i], pairs[i + 1]);
        Api.Response r = api.post("/api/v1/contacts", cegep.jérôme, m);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(201);
        return r.text("id");
    }

    static Api.Response list(String token, String query) {
        return api.get("/api/v1/contacts?" + query, token);
    }

    static List<String> names(String query) {
        Api.Response r = list(cegep.jérôme, query);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().path("contacts").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    static String q(String text) {
        return "q=" + URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    @Test
    void searchIgnoresAccentsAndCaseAndLooksIntoIdentities() {
        assertThat(names(q("elodie"))).containsExactly("Élodie Tremblay");
        assertThat(names(q("ÉLODIE"))).containsExactly("Élodie Tremblay");
        assertThat(names(q("d’amours"))).as("either apostrophe").containsExactly("Gabriel d'Amours");
        assertThat(names(q("elodie.t@"))).containsExactly("Élodie Tremblay");
        assertThat(names(q("(514) 555-01"))).containsExactly("Élodie Tremblay");
        assertThat(names(q("e765"))).containsExactly("Zoé Lévesque");
        assertThat(names(q("100%_"))).as("wildcards are text").isEmpty();
    }

    @Test
    void filtersCombine() {
        assertThat(names("kind=parent&sort=name")).containsExactly("Gabriel d'Amours", "Zoé Lévesque");
        assertThat(names("tag=SALON-2026&sort=name")).containsExactly("Élodie Tremblay", "Gabriel d'Amours");
        assertThat(names("kind=prospect&city=SHERBROOKE")).as("merged and erased contacts never show").containsExactly("Élodie Tremblay");
        assertThat(names("programme=" + URLEncoder.encode("sciences de la nature", StandardCharsets.UTF_8))).containsExactly("Élodie Tremblay");
        assertThat(names("field.cohorte=a2027")).containsExactly("Élodie Tremblay");
        assertThat(names("activeSince=2100-01-01")).isEmpty();
        assertThat(names("activeBefore=2100-01-01&kind=employer")).containsExactly("Éric Ouellet");
        assertThat(names("country=ca")).containsExactly("Gabriel d'Amours");
    }

    @Test
    void namesSortAsAFrenchReaderExpects() {
        assertThat(names("sort=name")).containsExactly("Élodie Tremblay", "Éric Ouellet", "Gabriel d'Amours",
                "Louis Côté", "Zoé Lévesque");
    }

    @Test
    void pagesWalkEveryContactOnceInEitherOrder() {
        for (String sort : List.of("activity", "name")) {
            Set<String> seen = new HashSet<>();
            String cursor = null;
            int pages = 0;
            do {
                Api.Response r = list(cegep.jérôme, "limit=2&sort=" + sort + (cursor == null ? "" : "&cursor=" + cursor));
                assertThat(r.status()).isEqualTo(200);
                r.json().path("contacts").forEach(c -> assertThat(seen.add(c.path("id").asText())).as("shown once").isTrue());
                cursor = r.json().path("next").isNull() ? null : r.text("next");
                pages++;
            } while (cursor != null && pages < 10);
            assertThat(seen).containsExactlyInAnyOrder(élodie, zoé, amours, côté, éric);
            assertThat(pages).isEqualTo(3);
        }
    }

    @Test
    void badParametersAreRefusedNamingThem() {
        assertInvalid(list(cegep.jérôme, "cursor=pas-un-curseur"), "cursor");
        String activityCursor = list(cegep.jérôme, "limit=1").text("next");
        assertInvalid(list(cegep.jérôme, "limit=1&sort=name&cursor=" + activityCursor), "cursor");
        assertInvalid(list(cegep.jérôme, "kind=visiteur"), "kind");
        assertInvalid(list(cegep.jérôme, "limit=0"), "limit");
        assertInvalid(list(cegep.jérôme, "limit=beaucoup"), "limit");
        assertInvalid(list(cegep.jérôme, "sort=hasard"), "sort");
        assertInvalid(list(cegep.jérôme, "activeSince=hier"), "activeSince");
        assertInvalid(list(cegep.jérôme, "field.inconnu=x"), "field.inconnu");
        assertInvalid(list(cegep.jérôme, "field.cohorte=B1999"), "fields.cohorte");
        assertInvalid(list(cegep.jérôme, "consent=newsletters"), "consent");
        assertInvalid(list(cegep.jérôme, "segment=abc"), "segment");
        assertThat(list(cegep.jérôme, "segment=999999").status()).isEqualTo(404);
        assertThat(list(null, "").status()).isEqualTo(401);
    }

    @Test
    void anAgentListsOnlyTheContactsOfTheirConversations() {
        String visitor = api.visitor("Léa Visiteuse");
        assertThat(api.startConversation(visitor, Cegep.ADMISSIONS, "Bonjour").status()).isEqualTo(201);
        Api.Response r = list(cegep.élodie, "");
        assertThat(r.status()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().path("contacts").forEach(c -> names.add(c.path("name").asText()));
        assertThat(names).containsExactly("Léa Visiteuse");
        assertThat(names("q=lea")).as("a supervisor sees her too").containsExactly("Léa Visiteuse");
    }

    @Test
    void segmentsSaveAFilterAndGiveTheirAudience() {
        Api.Response saved = api.post("/api/v1/segments", cegep.jérôme, Map.of("name", "Prospects de Sherbrooke",
                "filter", Map.of("kind", "prospect", "city", "Sherbrooke")));
        assertThat(saved.status()).as(saved.json().toString()).isEqualTo(201);
        String id = saved.text("id");
        assertThat(names("segment=" + id)).containsExactly("Élodie Tremblay");
        assertThat(names("segment=" + id + "&kind=parent")).as("the request's filter wins over the segment's").containsExactly("Gabriel d'Amours");
        JsonNode one = api.get("/api/v1/segments/" + id, cegep.jérôme).json();
        assertThat(one.path("count").asLong()).isEqualTo(1);
        assertThat(one.path("filter").path("city").asText()).isEqualTo("Sherbrooke");
        assertThat(api.get("/api/v1/segments", cegep.élodie).json().path("segments").get(0).path("name").asText()).isEqualTo("Prospects de Sherbrooke");

        assertThat(api.post("/api/v1/segments", cegep.jérôme, Map.of("name", "prospects de sherbrooke", "filter", Map.of("kind", "parent")))
                .json().path("error").path("code").asText()).isEqualTo("name_taken");
        assertThat(api.post("/api/v1/segments", cegep.élodie, Map.of("name", "À moi", "filter", Map.of("kind", "parent"))).status()).isEqualTo(403);
        assertInvalid(api.post("/api/v1/segments", cegep.jérôme, Map.of("name", "Vide", "filter", Map.of())), "filter");
        assertInvalid(api.post("/api/v1/segments", cegep.jérôme, Map.of("name", "Inconnu", "filter", Map.of("field.inconnu", "x"))), "field.inconnu");
        assertInvalid(api.post("/api/v1/segments", cegep.jérôme, Map.of("name", "Consentis", "filter", Map.of("consent", "newsletters"))), "consent");
        assertInvalid(api.post("/api/v1/segments", cegep.jérôme, Map.of("name", "Nombre", "filter", Map.of("kind", 3))), "filter.kind");

        var jdbi = node.app.database().jdbi();
        ContactWork nobody = (v, ids) -> Set.of();
        ContactDirectory directory = new ContactDirectory(jdbi, new PeopleService(jdbi, nobody, node.app.bus()), ZoneId.of("America/Toronto"));
        Api.Response all = api.post("/api/v1/segments", cegep.jérôme, Map.of("name", "Tout le monde récent", "filter", Map.of("activeSince", "2000-01-01")));
        List<String> members = new ArrayList<>();
        long count = directory.accessSegmentMembers(new Viewer(Staff.SYSTEM, Set.of()), Long.parseLong(all.text("id")), c -> members.add(c.name()));
        assertThat(count).isEqualTo(members.size()).isGreaterThanOrEqualTo(5);
        assertThat(members).contains("Élodie Tremblay", "Zoé Lévesque").doesNotContain("Élodie T.", "Élodie Effacée");

        assertThat(api.delete("/api/v1/segments/" + id, cegep.élodie).status()).isEqualTo(403);
        assertThat(api.delete("/api/v1/segments/" + id, cegep.jérôme).status()).isEqualTo(204);
        assertThat(list(cegep.jérôme, "segment=" + id).status()).isEqualTo(404);
    }

    static void assertInvalid(Api.Response r, String field) {
        assertThat(r.status()).as(r.json().toString()).isEqualTo(422);
        assertThat(r.json().path("error").path("message").asText()).contains(field);
    }
}
