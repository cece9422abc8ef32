package io.guichet.insights;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api;
import io.guichet.testing.Api.Response;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The report on a small synthetic history whose answers are computed by hand (in the comments): eight admissions
 * conversations over two February days in Montréal (UTC−5), the answer target the standard 60 s of chats.
 */
class InsightsReportTest {
    static final ZoneId ZONE = ZoneId.of("America/Montreal");
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static final AtomicInteger CONTACTS = new AtomicInteger(900_000);

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        node.app.database().jdbi().useTransaction(InsightsReportTest::history);
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    /**
     * 10 Feb: #1 09:00 answered in 30 s (handled 590 s, rated 5); #2 09:10 in 50 s (300 s, rated 3, a comment); #3 09:40 in
     * 120 s after an internal note at 60 s (600 s); #4 10:05 never answered, closed (abandoned); #5 10:20 in 200 s, still
     * open; #6 20:00 offline, answered the next morning in 43,200 s (260 s). 11 Feb: #7 14:00 in 10 s (100 s); #8 14:31
     * still waiting (not abandoned).
     */
    static void history(Handle h) {
        long s = h.createQuery("SELECT id FROM services WHERE slug = 'admissions'").mapTo(Long.class).one();
        long élodie = h.createQuery("SELECT id FROM staff WHERE email = :e").bind("e", Cegep.Persona.ELODIE.email).mapTo(Long.class).one();
        long c1 = conversation(h, s, élodie, at(10, 9, 0), false, 10, 600L, 30);
        long c2 = conversation(h, s, élodie, at(10, 9, 10), false, 20, 320L, 50);
        long c3 = conversation(h, s, élodie, at(10, 9, 40), false, 100, 700L, 120);
        message(h, c3, "agent", élodie, true, at(10, 9, 40).plusSeconds(60));
        conversation(h, s, null, at(10, 10, 5), false, null, 300L, null);
        conversation(h, s, élodie, at(10, 10, 20), false, 190, null, 200);
        conversation(h, s, élodie, at(10, 20, 0), true, 43_000, 43_260L, 43_200);
        conversation(h, s, élodie, at(11, 14, 0), false, 5, 105L, 10);
        conversation(h, s, null, at(11, 14, 31), false, null, null, null);
        h.createUpdate("INSERT INTO conversation_ratings (conversation_id, score, comment, rated_at) VALUES (:c1, 5, NULL, :t1), (:c2, 3, :text, :t2)")
                .bind("c1", c1).bind("t1", at(10, 9, 20)).bind("c2", c2).bind("text", "=HYPERLINK(\"http://x\") un peu lent, d’après moi")
                .bind("t2", at(10, 9, 30)).execute();
    }

    static OffsetDateTime at(int day, int hour, int minute) {
        return LocalDateTime.of(2026, 2, day, hour, minute).atZone(ZONE).toOffsetDateTime();
    }

    /** A conversation started at {@code start}, assigned, resolved and first answered so many seconds later (null: never). */
    static long conversation(Handle h, long service, Long assignee, OffsetDateTime start, boolean offline, Integer assignedAfter,
                             Long resolvedAfter, Integer answeredAfter) {
        String status = resolvedAfter != null ? "resolved" : assignedAfter != null ? "open" : "waiting";
        long id = h.createQuery("""
                        INSERT INTO conversations (service_id, contact_id, client_id, status, assignee_id, offline, created_at, queued_at,
                                                   assigned_at, resolved_at, last_message_at)
                        VALUES (:s, :contact, 'c', :st, :a, :off, :t, :t, :assigned, :resolved, :t) RETURNING id""")
                .bind("s", service).bind("contact", CONTACTS.incrementAndGet()).bind("st", status)
                .bind("a", assignee).bind("off", offline).bind("t", start)
                .bind("assigned", assignedAfter == null ? null : start.plusSeconds(assignedAfter))
                .bind("resolved", resolvedAfter == null ? null : start.plusSeconds(resolvedAfter)).mapTo(Long.class).one();
        message(h, id, "visitor", null, false, start);
        if (answeredAfter != null) {
            message(h, id, "agent", assignee, false, start.plusSeconds(answeredAfter));
            message(h, id, "agent", assignee, false, start.plusSeconds(answeredAfter + 30L)); // a second reply changes nothing
        }
        return id;
    }

    static void message(Handle h, long conversation, String author, Long staff, boolean internal, OffsetDateTime at) {
        h.createUpdate("""
                        WITH bumped AS (UPDATE conversations SET last_seq = last_seq + 1, -- as ConversationDao.append writes a reply
                            first_reply_at = CASE WHEN :a = 'agent' AND NOT :i THEN coalesce(first_reply_at, :t) ELSE first_reply_at END
                          WHERE id = :c RETURNING last_seq)
                        INSERT INTO messages (conversation_id, seq, author_kind, author_staff_id, body, internal, created_at)
                        SELECT :c, last_seq, :a, :st, 'texte', :i, :t FROM bumped""")
                .bind("c", conversation).bind("a", author).bind("st", staff).bind("i", internal).bind("t", at).execute();
    }

    static JsonNode report(String query) {
        Response r = api.get("/api/v1/insights/report?" + query, cegep.jérôme);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        return r.json();
    }

    @Test
    void theFiguresOfEachDayAndChannelAreTheOnesComputedByHand() {
        JsonNode r = report("from=2026-02-10&to=2026-02-11&service=admissions");
        JsonNode total = r.path("total");
        assertThat(total.path("arrivals").asInt()).isEqualTo(8);
        assertThat(total.path("answered").asInt()).isEqualTo(6);
        assertThat(total.path("answeredWithinTarget").asInt()).as("30, 50 and 10 s are within 60 s").isEqualTo(3);
        assertThat(total.path("averageWaitSeconds").asDouble()).isCloseTo(43_610 / 6.0, within(0.01));
        // [10, 30, 50, 120, 200, 43200]: rank 0.9 × 5 = 4.5, halfway from 200 to 43,200
        assertThat(total.path("p90WaitSeconds").asDouble()).isCloseTo(21_700, within(0.01));
        assertThat(total.path("abandoned").asInt()).as("#4 only: #8 still waits").isEqualTo(1);
        assertThat(total.path("abandonedShare").asDouble()).isCloseTo(1 / 8.0, within(1e-9));
        assertThat(total.path("averageHandlingSeconds").asDouble()).isCloseTo((590 + 300 + 600 + 260 + 100) / 5.0, within(0.01));
        assertThat(total.path("rated").asInt()).isEqualTo(2);
        assertThat(total.path("averageScore").asDouble()).isCloseTo(4.0, within(1e-9));

        JsonNode chat = r.path("channels").path("chat");
        assertThat(chat.path("arrivals").asInt()).isEqualTo(7);
        assertThat(chat.path("answered").asInt()).isEqualTo(5);
        assertThat(chat.path("averageWaitSeconds").asDouble()).isCloseTo(82, within(0.01));
        // [10, 30, 50, 120, 200]: rank 3.6, 120 + 0.6 × 80
        assertThat(chat.path("p90WaitSeconds").asDouble()).isCloseTo(168, within(0.01));
        assertThat(chat.path("withinTargetShare").asDouble()).isCloseTo(3 / 5.0, within(1e-9));
        assertThat(r.path("channels").path("offline").path("arrivals").asInt()).isEqualTo(1);

        JsonNode tenth = r.path("periods").get(0);
        assertThat(tenth.path("start").asText()).isEqualTo("2026-02-10");
        JsonNode tenthChat = tenth.path("channels").path("chat");
        assertThat(tenthChat.path("arrivals").asInt()).isEqualTo(5);
        assertThat(tenthChat.path("answered").asInt()).isEqualTo(4);
        assertThat(tenthChat.path("answeredWithinTarget").asInt()).isEqualTo(2);
        assertThat(tenthChat.path("averageWaitSeconds").asDouble()).isCloseTo(100, within(0.01));
        // [30, 50, 120, 200]: rank 2.7, 120 + 0.7 × 80
        assertThat(tenthChat.path("p90WaitSeconds").asDouble()).isCloseTo(176, within(0.01));
        assertThat(tenthChat.path("abandoned").asInt()).isEqualTo(1);
        assertThat(tenthChat.path("averageHandlingSeconds").asDouble()).isCloseTo((590 + 300 + 600) / 3.0, within(0.01));
        assertThat(r.path("periods").get(1).path("arrivals").asInt()).isEqualTo(2);

        // half-hour slots on Montréal's wall clock
        Map<String, Integer> slots = new TreeMap<>();
        r.path("slots").forEach(x -> slots.merge(x.path("slot").asText(), x.path("arrivals").asInt(), Integer::sum));
        assertThat(slots).containsExactlyEntriesOf(new TreeMap<>(Map.of("09:00", 2, "09:30", 1, "10:00", 2, "14:00", 1,
                "14:30", 1, "20:00", 1)));
        assertThat(r.path("incidents").path("connection").asInt()).isZero();

        JsonNode week = report("from=2026-02-10&to=2026-02-11&service=admissions&unit=week");
        assertThat(week.path("periods")).hasSize(1);
        assertThat(week.path("periods").get(0).path("start").asText()).as("the Monday of that week").isEqualTo("2026-02-09");
        assertThat(report("from=2026-02-10&to=2026-02-10&service=aide-financiere").path("total").path("arrivals").asInt()).isZero();
    }

    @Test
    void badQueriesAndReadersAreRefused() {
        String base = "/api/v1/insights/report?";
        assertThat(api.get(base + "from=2026-02-10&to=2026-02-11", cegep.élodie).status()).as("leads read the reports").isEqualTo(403);
        assertThat(api.get(base + "from=2026-02-10", null).status()).isEqualTo(401);
        for (String bad : new String[]{"from=2026-02-31", "from=10/02/2026", "from=2026-02-11&to=2026-02-10", "from=2024-01-01&to=2026-02-10",
                "unit=month", "from=%3Cscript%3E"}) {
            Response r = api.get(base + bad, cegep.jérôme);
            assertThat(r.status()).as(bad).isEqualTo(422);
        }
        assertThat(api.get(base + "service=nulle-part", cegep.jérôme).status()).isEqualTo(422);
        Response page = api.get("/insights/report?from=2026-02-11&to=2026-02-10", cegep.jérôme);
        assertThat(page.status()).isEqualTo(422);
        assertThat(page.raw().body()).contains("Entrez une date de fin valide");
        assertThat(api.get("/insights/report", cegep.élodie).status()).isEqualTo(403);
    }

    @Test
    void theReportsCsvHoldsEveryGroup() {
        Response csv = api.get("/insights/report.csv?from=2026-02-10&to=2026-02-11&service=admissions", cegep.jérôme);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.raw().headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
        String body = csv.raw().body();
        assertThat(body).contains("period_start,channel,arrivals").contains("2026-02-10,chat,5,4,2,0.50,100.00,176.00,1,0.20")
                .contains(",,8,6,3,0.50");
    }

    @Test
    void satisfactionShowsPerServiceAgentDayAndChannelWithTheCommentsAndANeutralisedCsv() {
        Response page = api.get("/insights/satisfaction?from=2026-02-10&to=2026-02-11", cegep.jérôme);
        assertThat(page.status()).isEqualTo(200);
        String html = page.raw().body();
        assertThat(html).contains("Par agent").contains("Élodie Tremblay").contains("Admissions")
                .contains("un peu lent, d’après moi").contains("3 — Correct").contains("=HYPERLINK(\"http://x\") un peu lent");
        Response csv = api.get("/insights/satisfaction.csv?from=2026-02-10&to=2026-02-11", cegep.jérôme);
        assertThat(csv.raw().body()).contains("'=HYPERLINK").contains("Élodie Tremblay").contains("admissions,");
        assertThat(api.get("/insights/satisfaction", cegep.élodie).status()).isEqualTo(403);
    }
}
