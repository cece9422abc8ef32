package io.guichet.people;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Possible duplicates, merging two contacts and undoing it, over the API, as a supervisor would. */
class MergeTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static Jdbi db;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        db = node.app.database().jdbi();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /** A person who chatted with admissions; returns their visitor token and contact id. */
    record Person(String visitor, long id, String conversation) {
    }

    static Person chatted(String name, String question) {
        String visitor = api.visitor(name);
        String conversation = api.startConversation(visitor, Cegep.ADMISSIONS, question).text("conversationId");
        return new Person(visitor, Long.parseLong(api.get("/api/v1/visitor/me", visitor).text("id")), conversation);
    }

    /**
     * What the contact form gives a contact (city, programme, kinds, tags, emails). Written in SQL only
     * until the contacts API of issue 11 is on main; then this goes through POST/PATCH /api/v1/contacts.
     */
    static void details(long id, String city, String programme, List<String> kinds, List<String> tags, String... emails) {
        db.useHandle(h -> {
            h.createUpdate("UPDATE contacts SET city = :city, programme = :p, kinds = :kinds, tags = :tags WHERE id = :id")
                    .bind("id", id).bind("city", city).bind("p", programme)
                    .bindArray("kinds", String.class, kinds).bindArray("tags", String.class, tags).execute();
            boolean first = true;
            for (String e : emails) {
                h.createUpdate("INSERT INTO contact_identities (contact_id, kind, value, shown, is_primary, source) VALUES (:c, 'email', lower(:e), :e, :p, 'staff')")
                        .bind("c", id).bind("e", e).bind("p", first).execute();
                first = false;
            }
        });
    }

    /** What a contact's record holds, to compare before and after. */
    static Map<String, Object> record(long id) {
        return db.withHandle(h -> h.createQuery("""
                        SELECT c.name, c.city, c.programme, array_to_string(c.kinds, ',') AS kinds, array_to_string(c.tags, ',') AS tags,
                               c.custom::text AS custom, c.merged_into,
                               (SELECT string_agg(i.kind || ':' || i.value || ':' || i.is_primary, ' ' ORDER BY i.id) FROM contact_identities i
                                WHERE i.contact_id = c.id) AS identities
                        FROM contacts c WHERE c.id = :id""").bind("id", id).mapToMap().one());
    }

    static JsonNode timeline(long id) {
        Api.Response r = api.get("/api/v1/contacts/" + id + "/timeline?lang=fr", cegep.jérôme);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        return r.json();
    }

    static List<String> whats(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("entries").forEach(e -> out.add(e.path("what").asText()));
        return out;
    }

    static Api.Response merge(long survivor, long other, String token) {
        return api.post("/api/v1/contacts/" + survivor + "/merge", token, Map.of("otherId", Long.toString(other)));
    }

    @Test
    void likelyDuplicatesAreProposedWithWhyAndANotADuplicateIsRemembered() {
        Person zoé = chatted("Zoé Lefebvre", "Bonjour, les portes ouvertes?");
        Person zoe = chatted("Zoe Lefebvre", "Allô, la date limite?");
        Person other = chatted("Zoé Lefebvre", "Et à Gaspé?");
        details(zoé.id(), "Rimouski", null, List.of("prospect"), List.of(), "zoe.lefebvre@gmail.com");
        details(zoe.id(), "rimouski", null, List.of(), List.of(), "ZoeLefebvre@gmail.com");
        details(other.id(), "Gaspé", null, List.of(), List.of(), "info@cegep-gaspe.qc.ca");
        Person hotmail = chatted("Z. L.", "Encore moi");
        details(hotmail.id(), null, null, List.of(), List.of(), "zoe.lefebvre+cegep@hotmail.com");

        Api.Response r = api.get("/api/v1/contacts/" + zoé.id() + "/duplicates", cegep.jérôme);
        assertThat(r.status()).isEqualTo(200);
        Map<String, String> found = new java.util.HashMap<>();
        r.json().path("duplicates").forEach(d -> found.put(d.path("contact").path("id").asText(), d.path("reasons").toString()));
        assertThat(found).as("same name and city, and the same mailbox (dots, +tag, other domain); not the same name elsewhere")
                .containsOnlyKeys(Long.toString(zoe.id()), Long.toString(hotmail.id()));
        assertThat(found.get(Long.toString(zoe.id()))).isEqualTo("[\"email\",\"name_city\"]");
        assertThat(found.get(Long.toString(hotmail.id()))).isEqualTo("[\"email\"]");
        JsonNode side = r.json().path("duplicates").findValues("contact").stream()
                .filter(c -> c.path("id").asText().equals(Long.toString(zoe.id()))).findFirst().orElseThrow();
        assertThat(side.path("name").asText()).isEqualTo("Zoe Lefebvre");
        assertThat(side.path("emails").get(0).asText()).isEqualTo("ZoeLefebvre@gmail.com");

        assertThat(pairs()).contains(List.of(zoe.id(), zoé.id()), List.of(hotmail.id(), zoé.id()), List.of(hotmail.id(), zoe.id()));
        assertThat(api.get("/api/v1/duplicates", cegep.élodie).status()).as("agents do not review duplicates").isEqualTo(403);
        assertThat(api.get("/api/v1/contacts/" + zoé.id() + "/duplicates", cegep.élodie).status()).isEqualTo(403);

        Api.Response dismissed = api.post("/api/v1/contacts/" + hotmail.id() + "/duplicates/dismiss", cegep.jérôme,
                Map.of("otherId", Long.toString(zoé.id())));
        assertThat(dismissed.status()).isEqualTo(204);
        assertThat(pairs()).doesNotContain(List.of(hotmail.id(), zoé.id())).contains(List.of(zoe.id(), zoé.id()));
        assertThat(api.get("/api/v1/contacts/" + zoé.id() + "/duplicates", cegep.jérôme).json().path("duplicates").size()).isEqualTo(1);
        assertThat(api.post("/api/v1/contacts/" + zoé.id() + "/duplicates/dismiss", cegep.jérôme, Map.of("otherId", Long.toString(zoé.id())))
                .json().path("error").path("code").asText()).isEqualTo("self_merge");
        assertThat(api.post("/api/v1/contacts/" + zoé.id() + "/duplicates/dismiss", cegep.élodie, Map.of("otherId", Long.toString(zoe.id())))
                .status()).isEqualTo(403);
    }

    static List<List<Long>> pairs() {
        Api.Response all = api.get("/api/v1/duplicates", cegep.jérôme);
        assertThat(all.status()).isEqualTo(200);
        List<List<Long>> out = new ArrayList<>();
        all.json().path("duplicates").forEach(d -> out.add(List.of(d.path("newer").path("id").asLong(), d.path("older").path("id").asLong())));
        return out;
    }

    @Test
    void aMergeMovesIdentitiesAndTimelineFillsTheEmptyFieldsAndConversationsShowUnderTheSurvivor() {
        Person survivor = chatted("Léa Côté", "Question de Léa");
        Person other = chatted("Lea Cote", "Question de Lea");
        details(survivor.id(), "Sherbrooke", null, List.of("prospect"), List.of("portes-ouvertes"), "lea.cote@gmail.com");
        details(other.id(), "Magog", "Sciences de la nature", List.of("parent", "prospect"), List.of("bourses"), "leacote@videotron.ca");

        Api.Response r = merge(survivor.id(), other.id(), cegep.jérôme);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        JsonNode m = r.json().path("merge");
        assertThat(m.path("survivorId").asText()).isEqualTo(Long.toString(survivor.id()));
        assertThat(m.path("identitiesMoved").asInt()).as("the visitor token and the email").isEqualTo(2);
        assertThat(m.path("undoable").asBoolean()).isTrue();

        Map<String, Object> after = record(survivor.id());
        assertThat(after.get("city")).as("the survivor's own value is kept").isEqualTo("Sherbrooke");
        assertThat(after.get("programme")).as("an empty field is filled").isEqualTo("Sciences de la nature");
        assertThat(after.get("kinds")).isEqualTo("prospect,parent");
        assertThat(after.get("tags")).isEqualTo("portes-ouvertes,bourses");
        assertThat((String) after.get("identities")).contains("email:lea.cote@gmail.com:true", "email:leacote@videotron.ca:false");
        assertThat(record(other.id()).get("identities")).isNull();

        JsonNode survivorTimeline = timeline(survivor.id());
        assertThat(whats(survivorTimeline).getFirst()).isEqualTo("people.merged");
        assertThat(survivorTimeline.path("entries").get(0).path("text").asText()).isEqualTo("Fiche « Lea Cote » fusionnée dans celle-ci par Jérôme Bélanger");
        assertThat(whats(survivorTimeline)).as("both chats").filteredOn("chat.started"::equals).hasSize(2);
        JsonNode viaMerged = timeline(other.id());
        assertThat(viaMerged.path("contactId").asText()).as("the merged id opens the survivor").isEqualTo(Long.toString(survivor.id()));

        JsonNode conversation = api.get("/api/v1/conversations/" + other.conversation(), cegep.élodie).json();
        assertThat(conversation.path("contact").path("id").asText()).isEqualTo(Long.toString(survivor.id()));
        assertThat(conversation.path("contact").path("name").asText()).isEqualTo("Léa Côté");
        assertThat(api.get("/api/v1/contacts/" + survivor.id() + "/timeline", cegep.élodie).status())
                .as("an agent of the merged one's conversation reads the survivor").isEqualTo(200);

        // The merged person's browser now speaks for the survivor, and still finds its conversation.
        Api.Response mine = api.get("/api/v1/visitor/me", other.visitor());
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().toString()).contains("\"" + other.conversation() + "\"", "\"" + survivor.conversation() + "\"");
        assertThat(api.post("/api/v1/visitor/conversations/" + other.conversation() + "/messages", other.visitor(),
                Map.of("body", "Toujours là?", "clientId", "after-merge")).status()).isEqualTo(201);
    }

    @Test
    void anUndoPutsBackExactlyWhatTheMergeMovedAndIsToldOnBothTimelines() {
        Person survivor = chatted("Mathis Gagné", "Q1");
        Person other = chatted("", "Q2");
        details(survivor.id(), null, null, List.of("student"), List.of(), "mathis.gagne@cegep.qc.ca");
        details(other.id(), "Lévis", "Techniques de l’informatique", List.of("student", "alumnus"), List.of("mentor"), "mathis.g@gmail.com", "mg@outlook.com");
        db.useHandle(h -> h.createUpdate("UPDATE contacts SET custom = '{\"cote_r\": 29.5}' WHERE id = :id").bind("id", other.id()).execute());
        Map<String, Object> survivorBefore = record(survivor.id());
        Map<String, Object> otherBefore = record(other.id());
        List<String> survivorEntries = ids(timeline(survivor.id()));
        List<String> otherEntries = ids(timeline(other.id()));

        String mergeId = merge(survivor.id(), other.id(), cegep.jérôme).json().path("merge").path("id").asText();
        assertThat(record(survivor.id())).isNotEqualTo(survivorBefore);
        Api.Response listed = api.get("/api/v1/contacts/" + survivor.id() + "/merges", cegep.jérôme);
        assertThat(listed.json().path("merges").get(0).path("id").asText()).isEqualTo(mergeId);

        Api.Response undo = api.post("/api/v1/contacts/" + survivor.id() + "/merges/" + mergeId + "/undo", cegep.jérôme, Map.of());
        assertThat(undo.status()).as(undo.json().toString()).isEqualTo(200);
        assertThat(undo.json().path("merge").path("undoable").asBoolean()).isFalse();
        assertThat(record(survivor.id())).isEqualTo(survivorBefore);
        assertThat(record(other.id())).isEqualTo(otherBefore);
        JsonNode survivorAfter = timeline(survivor.id());
        JsonNode otherAfter = timeline(other.id());
        assertThat(otherAfter.path("contactId").asText()).isEqualTo(Long.toString(other.id()));
        assertThat(whats(survivorAfter).subList(0, 2)).containsExactly("people.merge_undone", "people.merged");
        assertThat(ids(survivorAfter).subList(2, ids(survivorAfter).size())).isEqualTo(survivorEntries);
        assertThat(whats(otherAfter).subList(0, 2)).containsExactly("people.merge_undone", "people.merged_into");
        assertThat(ids(otherAfter).subList(2, ids(otherAfter).size())).isEqualTo(otherEntries);
        assertThat(otherAfter.path("entries").get(0).path("text").asText()).isEqualTo("Fusion avec la fiche « Mathis Gagné » annulée par Jérôme Bélanger");
        assertThat(api.get("/api/v1/conversations/" + other.conversation(), cegep.jérôme).json().path("contact").path("id").asText())
                .isEqualTo(Long.toString(other.id()));

        Api.Response again = api.post("/api/v1/contacts/" + survivor.id() + "/merges/" + mergeId + "/undo", cegep.jérôme, Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().path("error").path("code").asText()).isEqualTo("already_undone");
    }

    static List<String> ids(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.path("entries").forEach(e -> out.add(e.path("id").asText()));
        return out;
    }

    @Test
    void anUndoAfterThirtyDaysIsGoneAndOneAfterALaterMergeOfTheSurvivorWaitsForThatOne() {
        Person a = chatted("Anaïs Roy", "A");
        Person b = chatted("Anais Roy", "B");
        Person c = chatted("Anaïs Roy-Poulin", "C");
        String ab = merge(b.id(), a.id(), cegep.jérôme).json().path("merge").path("id").asText();
        String bc = merge(c.id(), b.id(), cegep.jérôme).json().path("merge").path("id").asText();
        assertThat(api.get("/api/v1/conversations/" + a.conversation(), cegep.jérôme).json().path("contact").path("id").asText())
                .as("the first merged one now resolves to the last survivor").isEqualTo(Long.toString(c.id()));
        Api.Response blocked = api.post("/api/v1/contacts/" + b.id() + "/merges/" + ab + "/undo", cegep.jérôme, Map.of());
        assertThat(blocked.status()).isEqualTo(409);
        assertThat(blocked.json().path("error").path("code").asText()).isEqualTo("merged_since");
        assertThat(blocked.json().path("error").path("message").asText()).contains("undo that merge first");

        db.useHandle(h -> h.createUpdate("UPDATE contact_merges SET merged_at = now() - interval '30 days 1 minute' WHERE id = :id")
                .bind("id", Long.parseLong(bc)).execute());
        Api.Response late = api.post("/api/v1/contacts/" + c.id() + "/merges/" + bc + "/undo", cegep.jérôme, Map.of());
        assertThat(late.status()).isEqualTo(410);
        assertThat(late.json().path("error").path("code").asText()).isEqualTo("undo_expired");
        assertThat(late.json().path("error").path("message").asText()).contains("more than 30 days ago");
        assertThat(api.get("/api/v1/contacts/" + c.id() + "/merges", cegep.jérôme).json().path("merges").get(0).path("undoable").asBoolean()).isFalse();
        assertThat(api.post("/api/v1/contacts/" + b.id() + "/merges/" + bc + "/undo", cegep.jérôme, Map.of()).status())
                .as("a merge is undone from its survivor").isEqualTo(404);
    }

    @Test
    void mergesThatCannotBeAreRefusedWithAClearCode() {
        Person a = chatted("Jade Pelletier", "A");
        Person b = chatted("Jade Pelletier", "B");
        Person erased = chatted("Ancien contact", "C");
        db.useHandle(h -> h.createUpdate("UPDATE contacts SET erased_at = now() WHERE id = :id").bind("id", erased.id()).execute());

        assertThat(code(merge(a.id(), a.id(), cegep.jérôme))).isEqualTo("422 self_merge");
        assertThat(code(merge(a.id(), erased.id(), cegep.jérôme))).isEqualTo("422 erased");
        assertThat(code(merge(a.id(), b.id(), cegep.élodie))).isEqualTo("403 forbidden");
        assertThat(code(merge(a.id(), b.id(), null))).isEqualTo("401 unauthorized");
        assertThat(code(merge(a.id(), 987654, cegep.jérôme))).isEqualTo("404 not_found");
        assertThat(code(api.post("/api/v1/contacts/" + a.id() + "/merge", cegep.jérôme, Map.of("otherId", "l'autre")))).isEqualTo("422 invalid");
        assertThat(code(api.post("/api/v1/contacts/" + a.id() + "/merge", cegep.jérôme, Map.of()))).isEqualTo("422 invalid");
        assertThat(code(api.post("/api/v1/contacts/" + a.id() + "/merge", cegep.jérôme, Map.of("otherId", 12)))).isEqualTo("422 invalid");
        assertThat(code(api.post("/api/v1/contacts/" + a.id() + "/merges/abc/undo", cegep.jérôme, Map.of()))).isEqualTo("404 not_found");

        assertThat(merge(a.id(), b.id(), cegep.admin).status()).as("an administrator may").isEqualTo(200);
        Person d = chatted("Jade P.", "D");
        Api.Response intoMerged = merge(b.id(), d.id(), cegep.jérôme);
        assertThat(code(intoMerged)).isEqualTo("422 already_merged");
        assertThat(intoMerged.json().path("error").path("message").asText()).contains("already merged");
        assertThat(code(merge(d.id(), b.id(), cegep.jérôme))).isEqualTo("422 already_merged");
    }

    @Test
    void aMergedVisitorStillSeesTheLiveQuestionsTheyAskedBefore() {
        String now = java.time.OffsetDateTime.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        assertThat(api.post("/api/v1/live", cegep.admin, Map.of("slug", "soiree-fusion", "titleFr", "Soirée d’information", "titleEn", "Information night",
                "startsAt", now, "endsAt", java.time.OffsetDateTime.parse(now).plusHours(2).toString(), "moderation", "post",
                "services", List.of(Cegep.ADMISSIONS))).status()).isEqualTo(201);
        Person asker = chatted("Éloïse Fortin", "Bonjour");
        Person survivor = chatted("Eloise Fortin", "Re-bonjour");
        String question = api.post("/api/v1/live/soiree-fusion/questions", asker.visitor(), Map.of("body", "La visite est-elle guidée?",
                "visibility", "public", "clientId", "q-fusion")).text("id");
        assertThat(merge(survivor.id(), asker.id(), cegep.jérôme).status()).isEqualTo(200);
        Api.Response mine = api.get("/api/v1/live/soiree-fusion/mine", asker.visitor());
        assertThat(mine.status()).isEqualTo(200);
        assertThat(mine.json().toString()).contains("\"" + question + "\"");
    }

    static String code(Api.Response r) {
        return r.status() + " " + r.json().path("error").path("code").asText();
    }
}
