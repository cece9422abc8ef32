package io.guichet.people;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code consent=<purpose>:<state>} on the contact list, segments and export: the state the ledger derives, the same
 * as each contact's consent page says, a merged contact's ledger counting for its survivor.
 */
class ConsentFilterTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static final Map<String, String> IDS = new HashMap<>();

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withSupervisor();
        for (String name : List.of("Amélie Exprès", "Benoît Enquête", "Chloé Retirée", "Denis Sans-Réponse", "Émile Revenu", "Félix Relation",
                "Gaëlle Fusion", "Gaëlle F.", "Hugo Fusion", "Hugo F.")) {
            Api.Response r = api.post("/api/v1/contacts", cegep.jérôme, Map.of("name", name, "kinds", List.of("prospect")));
            assertThat(r.status()).as(r.json().toString()).isEqualTo(201);
            IDS.put(name, r.text("id"));
        }
        grant("Amélie Exprès", Map.of("basis", "express"));
        grant("Amélie Exprès", Map.of("basis", "express", "purpose", "events"));
        grant("Benoît Enquête", Map.of("basis", "implied", "ground", "inquiry", "groundAt", LocalDate.now().minusMonths(7).toString()));
        grant("Chloé Retirée", Map.of("basis", "express"));
        withdraw("Chloé Retirée");
        withdraw("Émile Revenu");
        grant("Émile Revenu", Map.of("basis", "express"));
        grant("Félix Relation", Map.of("basis", "implied", "ground", "relationship"));
        // Said yes under the address that became a duplicate: it counts for the survivor once merged.
        grant("Gaëlle F.", Map.of("basis", "express"));
        merge("Gaëlle Fusion", "Gaëlle F.");
        // Said yes, then no under the other address: the later withdrawal wins.
        grant("Hugo Fusion", Map.of("basis", "express"));
        withdraw("Hugo F.");
        merge("Hugo Fusion", "Hugo F.");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static void grant(String name, Map<String, String> more) {
        Map<String, Object> body = new HashMap<>(Map.of("purpose", "newsletters", "state", "granted", "wording", "J’accepte de recevoir l’infolettre du cégep."));
        body.putAll(more);
        Api.Response r = api.post("/api/v1/contacts/" + IDS.get(name) + "/consent", cegep.jérôme, body);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(201);
    }

    static void withdraw(String name) {
        Api.Response r = api.post("/api/v1/contacts/" + IDS.get(name) + "/consent", cegep.jérôme, Map.of("purpose", "newsletters", "state", "withdrawn"));
        assertThat(r.status()).as(r.json().toString()).isEqualTo(201);
    }

    static void merge(String survivor, String other) {
        Api.Response r = api.post("/api/v1/contacts/" + IDS.get(survivor) + "/merge", cegep.jérôme, Map.of("otherId", IDS.get(other)));
        assertThat(r.status()).as(r.json().toString()).isLessThan(300);
    }

    static List<String> names(String query) {
        Api.Response r = api.get("/api/v1/contacts?sort=name&" + query, cegep.jérôme);
        assertThat(r.status()).as(r.json().toString()).isEqualTo(200);
        List<String> names = new ArrayList<>();
        r.json().path("contacts").forEach(c -> names.add(c.path("name").asText()));
        return names;
    }

    static String stateOnItsPage(String name, String purpose) {
        JsonNode ledger = api.get("/api/v1/contacts/" + IDS.get(name) + "/consent", cegep.jérôme).json();
        for (JsonNode s : ledger.path("current")) if (s.path("purpose").asText().equals(purpose)) return s.path("state").asText();
        throw new AssertionError("no " + purpose + " on " + ledger);
    }

    @Test
    void eachStateListsWhomTheLedgerSaysAndAgreesWithEachContactsConsentPage() {
        assertThat(names("consent=newsletters:granted")).containsExactly("Amélie Exprès", "Émile Revenu", "Félix Relation", "Gaëlle Fusion");
        assertThat(names("consent=newsletters:expired")).containsExactly("Benoît Enquête");
        assertThat(names("consent=newsletters:withdrawn")).containsExactly("Chloé Retirée", "Hugo Fusion");
        assertThat(names("consent=newsletters:none")).containsExactly("Denis Sans-Réponse");
        assertThat(names("consent=events:granted")).containsExactly("Amélie Exprès");
        assertThat(names("consent=events:none")).hasSize(7).doesNotContain("Amélie Exprès");
        for (String state : ContactFilter.Consent.STATES) {
            for (String name : names("consent=newsletters:" + state)) {
                assertThat(stateOnItsPage(name, "newsletters")).as(name).isEqualTo(state);
            }
        }
        assertThat(names("consent=newsletters:granted&q=fusion")).as("with the other filters").containsExactly("Gaëlle Fusion");
    }

    @Test
    void aMergedContactsGrantCountsForTheSurvivorAndALaterWithdrawalOnEitherWins() {
        assertThat(stateOnItsPage("Gaëlle Fusion", "newsletters")).isEqualTo("granted");
        assertThat(stateOnItsPage("Hugo Fusion", "newsletters")).isEqualTo("withdrawn");
        assertThat(stateOnItsPage("Gaëlle F.", "newsletters")).as("the merged contact reads as its survivor").isEqualTo("granted");
        boolean allowed = node.app.database().jdbi().withHandle(h -> new ConsentLedger(node.app.database().jdbi(), null, java.time.Clock.systemUTC())
                .allows(h, Long.parseLong(IDS.get("Hugo Fusion")), io.guichet.platform.mail.Purpose.NEWSLETTERS, java.time.Instant.now()));
        assertThat(allowed).as("no newsletter to Hugo").isFalse();
    }

    @Test
    void aSegmentKeepsTheConsentFilterAndTheExportHoldsExactlyThem() {
        Api.Response saved = api.post("/api/v1/segments", cegep.jérôme, Map.of("name", "Infolettre : consentement valide",
                "filter", Map.of("consent", "newsletters:granted")));
        assertThat(saved.status()).as(saved.json().toString()).isEqualTo(201);
        JsonNode one = api.get("/api/v1/segments/" + saved.text("id"), cegep.jérôme).json();
        assertThat(one.path("count").asLong()).isEqualTo(4);
        assertThat(one.path("filter").path("consent").asText()).isEqualTo("newsletters:granted");
        String csv = api.get("/api/v1/contacts/export?consent=newsletters:withdrawn", cegep.jérôme).raw().body();
        assertThat(csv).contains("Chloé Retirée", "Hugo Fusion").doesNotContain("Amélie", "Denis");
    }

    @Test
    void aBadConsentFilterIsRefusedNamingIt() {
        for (String bad : List.of("newsletters", "newsletters:", "transactional:granted", "infolettre:granted", "newsletters:peut-être",
                "newsletters:granted:encore", "x".repeat(500), "newsletters:granted\u0007", "<script>alert(1)</script>")) {
            Api.Response r = api.get("/api/v1/contacts?consent=" + URLEncoder.encode(bad, StandardCharsets.UTF_8), cegep.jérôme);
            assertThat(r.status()).as(bad).isEqualTo(422);
            assertThat(r.json().path("error").path("message").asText()).as(bad).contains("consent");
        }
        assertThat(api.post("/api/v1/segments", cegep.jérôme, Map.of("name", "Mauvais", "filter", Map.of("consent", "newsletters:oui"))).status())
                .isEqualTo(422);
    }
}
