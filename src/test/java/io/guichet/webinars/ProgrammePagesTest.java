package io.guichet.webinars;

import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.FormBrowser;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The public programme as a visitor without JavaScript reads it: lists, filters, a session's page, its form, the feeds. */
class ProgrammePagesTest {
    static TestNode node;
    static Api api;
    static Cegep cegep;
    static final ZonedDateTime NEXT_MONTH = ZonedDateTime.now(WebinarFixture.TORONTO).plusMonths(1).withHour(14).withMinute(0).withSecond(0).withNano(0);
    static String portes, english, fairTalk;

    @BeforeAll
    static void start() {
        node = TestNode.start(TestDatabases.fresh());
        api = node.api();
        cegep = Cegep.on(node).withServices().withAgents().withSupervisor();
        portes = api.post("/api/v1/webinars/sessions", cegep.jérôme, session("Portes ouvertes à l’École", "fr", NEXT_MONTH, 1)).text("id");
        api.post("/api/v1/webinars/sessions", cegep.jérôme, session("Atelier CV", "fr", NEXT_MONTH.plusDays(2), 3));
        english = api.post("/api/v1/webinars/sessions", cegep.jérôme, session("Studying in Québec", "en", NEXT_MONTH.plusDays(1), null)).text("id");
        LocalDate fairDay = NEXT_MONTH.plusDays(3).toLocalDate();
        assertThat(api.post("/api/v1/webinars/events", cegep.jérôme, Map.of("slug", "salon-metiers", "titleFr", "Salon des métiers", "titleEn",
                "Trades fair", "firstDay", fairDay.toString(), "lastDay", fairDay.plusDays(3).toString(), "tracks", List.of("Bâtiment", "Alimentation")))
                .status()).isEqualTo(201);
        String eventId = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT id FROM webinar_events WHERE slug = 'salon-metiers'")
                .mapTo(Long.class).one()).toString();
        Map<String, Object> talk = session("Devenir boulangère", "fr", NEXT_MONTH.plusDays(3), null);
        talk.putAll(Map.of("eventId", eventId, "track", "Alimentation", "kind", "talk"));
        fairTalk = api.post("/api/v1/webinars/sessions", cegep.jérôme, talk).text("id");
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    static Map<String, Object> session(String title, String lang, ZonedDateTime start, Integer capacity) {
        Map<String, Object> m = new HashMap<>(Map.of("titleFr", title, "titleEn", title + " (EN)", "descriptionFr", "Un **aperçu** <script>alert(1)</script>",
                "descriptionEn", "An **overview**", "speakers", List.of("Élodie Tremblay"), "lang", lang, "audiences", List.of("parents"),
                "startsAt", start.toOffsetDateTime().toString(), "endsAt", start.plusHours(1).toOffsetDateTime().toString()));
        if (capacity != null) m.put("capacity", capacity);
        return m;
    }

    @Test
    void theProgrammeListsTheSessionsToComeByDayAndTrackAndItsFiltersWorkWithoutJavaScriptAndWithHtmx() throws Exception {
        FormBrowser visitor = new FormBrowser(node.baseUrl());
        HttpResponse<String> page = visitor.get("/programme?lang=fr");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<title>Programme des webinaires</title>", "<meta name=\"description\"",
                "Portes ouvertes à l’École", "Studying in Québec (EN)".replace(" (EN)", ""), "Devenir boulangère", "Alimentation",
                "3 places restantes", "Salon des métiers", "datetime=\"" + NEXT_MONTH.toInstant() + "\"", "14 h 00 – 15 h 00");

        HttpResponse<String> french = visitor.get("/programme?lang=fr&lang-filter=fr");
        assertThat(french.body()).contains("Portes ouvertes à l’École").doesNotContain("Studying in Québec");
        HttpResponse<String> none = visitor.get("/programme?lang=fr&audience=retraités");
        assertThat(none.body()).contains("Aucune séance ne correspond à ces choix.", "0 séance");

        HttpResponse<String> fragment = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/programme?lang=en&theme=Alimentation"))
                .header("HX-Request", "true").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fragment.body()).doesNotContain("<html").contains("Devenir boulangère (EN)", "1 session").doesNotContain("Portes ouvertes");
    }

    @Test
    void aFairsPageShowsItsDaysTracksAndTalksAndUnknownOnesAre404() {
        FormBrowser visitor = new FormBrowser(node.baseUrl());
        HttpResponse<String> page = visitor.get("/programme/salon-metiers?lang=fr");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1 class=\"help-title\">Salon des métiers</h1>", "Alimentation", "Mini-conférence", "Devenir boulangère")
                .doesNotContain("Portes ouvertes");
        HttpResponse<String> unknown = visitor.get("/programme/pas-de-salon");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).as("a public page's error stays public").doesNotContain("/console").contains("name=\"q\"");
    }

    @Test
    void aSessionsPageShowsTheSafeDescriptionAndItsFormRegistersThenWaitlists() {
        FormBrowser visitor = new FormBrowser(node.baseUrl());
        HttpResponse<String> page = visitor.get("/programme/seance/" + portes + "?lang=fr");
        assertThat(page.body()).contains("<strong>aperçu</strong>", "Élodie Tremblay", "S’inscrire", "name=\"consent\"")
                .doesNotContain("<script>alert").doesNotContain("name=\"consent\" checked");
        HttpResponse<String> done = visitor.post("/programme/seance/" + portes + "?lang=fr", Map.of("name", "Zoé Lévesque", "email", "zoe@exemple.ca", "lang", "fr"));
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(done.body()).contains("Vous êtes inscrit·e", "Portes ouvertes à l’École");

        FormBrowser other = new FormBrowser(node.baseUrl());
        other.get("/programme/seance/" + portes + "?lang=en");
        HttpResponse<String> waiting = other.post("/programme/seance/" + portes + "?lang=en", Map.of("name", "Noé Gagnon", "email", "noe@exemple.ca", "lang", "en"));
        assertThat(waiting.body()).contains("You are on the waitlist");
        assertThat(other.get("/programme/seance/" + portes + "?lang=en").body()).contains("Full: waitlist");
    }

    @Test
    void badInputComesBackOnTheFormWithEveryErrorAtItsFieldAndNothingTypedLost() {
        FormBrowser visitor = new FormBrowser(node.baseUrl());
        visitor.get("/programme/seance/" + english + "?lang=fr");
        HttpResponse<String> refused = visitor.post("/programme/seance/" + english + "?lang=fr", Map.of("name", " ", "email", "pas-une-adresse<b>", "lang", "fr"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Entrez votre nom (120 caractères au plus).", "Entrez une adresse courriel valide, comme nom@exemple.ca.", "value=\"pas-une-adresse&lt;b")
                .doesNotContain("pas-une-adresse<b>");
        HttpResponse<String> tooLong = visitor.post("/programme/seance/" + english + "?lang=fr", Map.of("name", "é".repeat(121), "email", "ok@exemple.ca"));
        assertThat(tooLong.body()).contains("Entrez votre nom (120 caractères au plus).").contains("value=\"ok@exemple.ca\"");
        assertThat(visitor.postRaw("/programme/seance/" + english, Map.of("name", "Sans jeton", "email", "x@exemple.ca")).statusCode())
                .as("no form token").isEqualTo(403);
    }

    @Test
    void registeringToASeriesFromOneOccurrenceTakesEveryOneToCome() {
        Map<String, Object> series = session("Les mercredis de l’apprentissage", "fr", NEXT_MONTH, null);
        series.remove("startsAt");
        series.remove("endsAt");
        LocalDate from = LocalDate.now(WebinarFixture.TORONTO).plusDays(1);
        series.putAll(Map.of("slug", "mercredis", "weekday", "wednesday", "time", "13:30", "minutes", 60, "from", from.toString(),
                "until", from.plusWeeks(3).toString()));
        Api.Response created = api.post("/api/v1/webinars/series", cegep.jérôme, series);
        String first = created.json().get("sessions").get(0).get("id").asText();
        FormBrowser visitor = new FormBrowser(node.baseUrl());
        assertThat(visitor.get("/programme/seance/" + first + "?lang=fr").body()).contains("Toutes les séances à venir de « Les mercredis de l’apprentissage »");
        HttpResponse<String> done = visitor.post("/programme/seance/" + first + "?lang=fr", Map.of("name", "Léa Côté", "email", "lea@exemple.ca",
                "lang", "fr", "occurrences", "all", "consent", "on"));
        assertThat(done.body()).contains("Vous êtes inscrit·e à la série");
        assertThat(done.body().split(": inscrit·e", -1)).hasSize(created.json().get("sessions").size() + 1);
    }

    @Test
    void theFeedsParseBackWithTheUidsOfTheConfirmationMails() throws Exception {
        FormBrowser visitor = new FormBrowser(node.baseUrl());
        HttpResponse<String> feed = visitor.get("/programme.ics?lang=fr");
        assertThat(feed.headers().firstValue("Content-Type").orElse("")).startsWith("text/calendar");
        Calendar cal = new CalendarBuilder().build(new StringReader(feed.body()));
        List<VEvent> events = cal.getComponents("VEVENT");
        String host = URI.create(node.baseUrl()).getHost();
        VEvent portesEvent = events.stream().filter(e -> e.getProperty(Property.UID).orElseThrow().getValue().equals("webinar-" + portes + "@" + host))
                .findFirst().orElseThrow();
        assertThat(portesEvent.getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("Portes ouvertes à l’École");
        assertThat(Instant.parse(portesEvent.getProperty(Property.DTSTART).orElseThrow().getValue().replaceAll(
                "(\\d{4})(\\d{2})(\\d{2})T(\\d{2})(\\d{2})(\\d{2})Z", "$1-$2-$3T$4:$5:$6Z"))).isEqualTo(NEXT_MONTH.toInstant());

        Calendar fair = new CalendarBuilder().build(new StringReader(visitor.get("/programme/salon-metiers.ics").body()));
        assertThat(fair.<VEvent>getComponents("VEVENT")).extracting(e -> e.getProperty(Property.UID).orElseThrow().getValue())
                .containsExactly("webinar-" + fairTalk + "@" + host);
    }
}
