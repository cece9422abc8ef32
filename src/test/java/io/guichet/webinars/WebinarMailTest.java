package io.guichet.webinars;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registration mail as it arrives at a real SMTP server (GreenMail): in the registrant's language, with the
 * invitation (.ics, parsed back) when they hold a seat, the signed cancel link, and the seat going to the waitlist's first.
 */
class WebinarMailTest {
    static GreenMail smtp;
    static TestNode node;
    static Api api;
    static Cegep cegep;

    @BeforeAll
    static void start() {
        smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", "smtp").dynamicPort());
        smtp.start();
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_SMTP_URL", "smtp://127.0.0.1:" + smtp.getSmtp().getPort(),
                "GUICHET_MAIL_FROM", "guichet@cegep-test.qc.ca", "GUICHET_PUBLIC_URL", "http://localhost:1", "GUICHET_MAIL_RATE", "600000"));
        api = node.api();
        cegep = Cegep.on(node).withServices().withSupervisor();
    }

    @AfterAll
    static void stop() {
        node.close();
        smtp.stop();
    }

    static MimeMessage mailTo(String address, String subjectStart) throws Exception {
        for (int i = 0; i < 100; i++) {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (Arrays.stream(m.getAllRecipients()).anyMatch(a -> a.toString().contains(address)) && m.getSubject().startsWith(subjectStart)) return m;
            }
            smtp.waitForIncomingEmail(200, smtp.getReceivedMessages().length + 1);
        }
        throw new AssertionError("no mail to " + address + " starting " + subjectStart);
    }

    static String text(MimeMessage m) throws Exception {
        Multipart mixed = (Multipart) m.getContent();
        Object first = mixed.getBodyPart(0).getContent();
        Multipart alternative = first instanceof Multipart mp ? mp : mixed;
        return (String) alternative.getBodyPart(0).getContent();
    }

    static Calendar invitation(MimeMessage m) throws Exception {
        Multipart mixed = (Multipart) m.getContent();
        assertThat(mixed.getContentType()).startsWith("multipart/mixed");
        BodyPart ics = mixed.getBodyPart(1);
        assertThat(ics.getFileName()).isEqualTo("invitation.ics");
        assertThat(ics.getContentType()).startsWith("text/calendar");
        return InvitationsTest.parse(ics.getInputStream().readAllBytes());
    }

    static String cancelPath(String text) {
        Matcher m = Pattern.compile("http://localhost:1(/link/webinaire/annuler/[A-Za-z0-9_.-]+)").matcher(text);
        assertThat(m.find()).as("the cancel link in " + text).isTrue();
        return m.group(1);
    }

    @Test
    void theConfirmationCarriesTheInvitationTheWaitlistedWaitAndACancellationMailsTheNextOne() throws Exception {
        String id = api.post("/api/v1/webinars/sessions", cegep.jérôme, WebinarApiTest.session("Séance d’information", 1)).text("id");
        String path = "/api/v1/webinars/sessions/" + id + "/registrations";
        api.post(path, null, Map.of("name", "Zoé Lévesque", "email", "zoe@exemple.ca", "lang", "fr"));
        api.post(path, null, Map.of("name", "Noah Smith", "email", "noah@exemple.ca", "lang", "en"));

        MimeMessage confirmation = mailTo("zoe@exemple.ca", "Inscription confirmée : Séance d’information");
        String zoéText = text(confirmation);
        assertThat(zoéText).contains("Votre inscription à « Séance d’information » est confirmée").contains("/j/");
        VEvent event = (VEvent) invitation(confirmation).getComponents().getFirst();
        assertThat(event.getProperty("UID").map(Property::getValue)).contains("webinar-" + id + "@localhost");
        assertThat(event.getProperty("SEQUENCE").map(Property::getValue)).contains("0");

        MimeMessage waitlisted = mailTo("noah@exemple.ca", "Waitlist: Séance d’information (EN)");
        assertThat(text(waitlisted)).contains("is full: you are on the waitlist").doesNotContain("/j/");

        // Zoé cancels through her link: a page first (a link preview cancels nothing), then the button
        HttpClient http = HttpClient.newHttpClient();
        String cancel = node.baseUrl() + cancelPath(zoéText);
        HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(cancel)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).contains("Annuler votre inscription ?");
        assertThat(api.get(path, cegep.jérôme).json().get("registrations").findValuesAsText("status")).containsExactly("registered", "waitlisted");
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(cancel)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(done.body()).contains("Inscription annulée");
        assertThat(api.get(path, cegep.jérôme).json().get("registrations").findValuesAsText("status")).containsExactly("cancelled", "registered");

        MimeMessage cancelled = mailTo("zoe@exemple.ca", "Inscription annulée");
        Calendar cancel_ = invitation(cancelled);
        assertThat(cancel_.getProperty("METHOD").map(Property::getValue)).contains("CANCEL");
        MimeMessage promoted = mailTo("noah@exemple.ca", "A seat is yours");
        assertThat(text(promoted)).contains("/j/");
        assertThat(invitation(promoted).getProperty("METHOD").map(Property::getValue)).contains("REQUEST");

        // a forged or altered link opens nothing
        HttpResponse<String> forged = http.send(HttpRequest.newBuilder(URI.create(cancel + "x")).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(forged.statusCode()).isEqualTo(404);
        assertThat(forged.body()).contains("Lien non valide");
        List<String> statuses = api.get(path, cegep.jérôme).json().get("registrations").findValuesAsText("status");
        assertThat(statuses).containsExactly("cancelled", "registered");
    }

    @Test
    void staffMoveASessionFromItsFormTheRegisteredGetTheNewTimeWithSequenceOneAndMoreSeatsGoToTheWaitlist() throws Exception {
        String id = api.post("/api/v1/webinars/sessions", cegep.jérôme, WebinarApiTest.session("Atelier déplacé", 2)).text("id");
        String path = "/api/v1/webinars/sessions/" + id + "/registrations";
        api.post(path, null, Map.of("name", "Léa Côté", "email", "lea.moved@exemple.ca", "lang", "fr"));
        api.post(path, null, Map.of("name", "Noé Roy", "email", "noe.moved@exemple.ca", "lang", "fr"));
        api.post(path, null, Map.of("name", "Liam Smith", "email", "liam.moved@exemple.ca", "lang", "en"));
        io.guichet.testing.FormBrowser staff = new io.guichet.testing.FormBrowser(node.baseUrl());
        staff.logIn(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        String form = staff.get("/webinars/sessions/" + id + "/edit").body();
        String start = WebinarApiTest.NEXT_MONTH.toLocalDateTime().toString();
        assertThat(form).contains("value=\"Atelier déplacé\"", "value=\"" + start + "\"", "value=\"2\"");

        String later = WebinarApiTest.NEXT_MONTH.plusDays(1).toLocalDateTime().toString(), end = WebinarApiTest.NEXT_MONTH.plusDays(1).plusHours(1).toLocalDateTime().toString();
        Map<String, String> fields = new java.util.HashMap<>(Map.of("kind", "webinar", "titleFr", "", "titleEn", "Moved workshop", "lang", "fr",
                "startsAt", later, "endsAt", later, "capacity", "3", "speakers", "Élodie Tremblay"));
        HttpResponse<String> refused = staff.post("/webinars/sessions/" + id + "/edit", fields);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Le titre en français est requis", "Indiquez une fin après le début").contains("value=\"Moved workshop\"");
        fields.putAll(Map.of("titleFr", "Atelier déplacé", "startsAt", "2027-03-14T02:30", "endsAt", "2027-03-14T03:30"));
        assertThat(staff.post("/webinars/sessions/" + id + "/edit", fields).body()).as("a time the clocks skip")
                .contains("Cette heure n’existe pas ce jour-là : les horloges la sautent au passage à l’heure d’été.");
        fields.putAll(Map.of("startsAt", later, "endsAt", end, "capacity", "1"));
        assertThat(staff.post("/webinars/sessions/" + id + "/edit", fields).body()).contains("Pas moins de places que celles déjà prises");
        assertThat(api.get("/api/v1/webinars/sessions/" + id, null).json().get("startsAt").asText()).as("nothing changed").startsWith(start.substring(0, 10));

        fields.put("capacity", "3");
        assertThat(staff.post("/webinars/sessions/" + id + "/edit", fields).statusCode()).isEqualTo(303);
        MimeMessage moved = mailTo("lea.moved@exemple.ca", "Nouvel horaire : Atelier déplacé");
        assertThat(text(moved)).contains("La séance « Atelier déplacé » change d’horaire", "/j/");
        VEvent event = (VEvent) invitation(moved).getComponents().getFirst();
        assertThat(event.getProperty("UID").map(Property::getValue)).contains("webinar-" + id + "@localhost");
        assertThat(event.getProperty("SEQUENCE").map(Property::getValue)).contains("1");
        assertThat(event.getProperty("DTSTART").map(Property::getValue).orElseThrow())
                .isEqualTo(WebinarApiTest.NEXT_MONTH.plusDays(1).withZoneSameInstant(java.time.ZoneOffset.UTC).format(java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")));
        MimeMessage promoted = mailTo("liam.moved@exemple.ca", "A seat is yours");
        assertThat(invitation(promoted).getComponents().getFirst().getProperty("SEQUENCE").map(Property::getValue)).contains("1");
    }

    @Test
    void staffEditASeriesEveryOccurrenceToComeTakesItAndTheNewSeatsGoToTheWaitlistFirst() throws Exception {
        Map<String, Object> series = new java.util.HashMap<>(WebinarApiTest.session("Série à modifier", 1));
        series.remove("startsAt");
        series.remove("endsAt");
        java.time.LocalDate from = java.time.LocalDate.now(WebinarFixture.TORONTO).plusDays(1);
        series.putAll(Map.of("slug", "serie-modifiee", "weekday", "tuesday", "time", "12:00", "minutes", 45, "from", from.toString(),
                "until", from.plusWeeks(3).toString()));
        Api.Response made = api.post("/api/v1/webinars/series", cegep.jérôme, series);
        String seriesId = made.text("id");
        String first = made.json().get("sessions").get(0).get("id").asText();
        int occurrences = made.json().get("sessions").size();
        String firstDay = made.json().get("sessions").get(0).get("startsAt").asText().substring(0, 10);
        api.post("/api/v1/webinars/sessions/" + first + "/registrations", null, Map.of("name", "Léa Côté", "email", "lea.series@exemple.ca", "lang", "fr"));
        api.post("/api/v1/webinars/sessions/" + first + "/registrations", null, Map.of("name", "Noé Roy", "email", "noe.series@exemple.ca", "lang", "fr"));
        io.guichet.testing.FormBrowser staff = new io.guichet.testing.FormBrowser(node.baseUrl());
        staff.logIn(TestNode.ADMIN_EMAIL, TestNode.ADMIN_PASSWORD);
        assertThat(staff.get("/webinars/numbers/series/" + seriesId).body()).contains("href=\"/webinars/series/" + seriesId + "/edit\"");
        String form = staff.get("/webinars/series/" + seriesId + "/edit").body();
        assertThat(form).contains("value=\"Série à modifier\"", "value=\"1\"", occurrences + " séances à venir prennent ces changements");

        Map<String, String> fields = new java.util.HashMap<>(Map.of("titleFr", "", "titleEn", "Edited series", "lang", "fr", "capacity", "abc",
                "speakers", "Élodie Tremblay"));
        HttpResponse<String> refused = staff.post("/webinars/series/" + seriesId + "/edit", fields);
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body()).contains("Le titre en français est requis", "Le nombre de places est un nombre entier").contains("value=\"Edited series\"");
        fields.putAll(Map.of("titleFr", "Série modifiée", "capacity", "0"));
        assertThat(staff.post("/webinars/series/" + seriesId + "/edit", fields).body()).contains("Le nombre de places est un nombre entier de 1 à 100");
        assertThat(api.get("/api/v1/webinars/sessions/" + first, null).json().get("titleFr").asText()).as("nothing changed").isEqualTo("Série à modifier");

        fields.put("capacity", "2");
        assertThat(staff.post("/webinars/series/" + seriesId + "/edit", fields).statusCode()).isEqualTo(303);
        List<String> titles = node.app.database().jdbi().withHandle(h -> h.createQuery(
                "SELECT title_fr || ' ' || capacity || ' ' || to_char(starts_at AT TIME ZONE 'America/Toronto', 'HH24:MI') FROM webinar_sessions WHERE series_id = :s ORDER BY starts_at")
                .bind("s", Long.parseLong(seriesId)).mapTo(String.class).list());
        assertThat(titles).hasSize(occurrences).allMatch(t -> t.equals("Série modifiée 2 12:00"));
        String seriesTitle = node.app.database().jdbi().withHandle(h -> h.createQuery("SELECT title_en FROM webinar_series WHERE id = :s")
                .bind("s", Long.parseLong(seriesId)).mapTo(String.class).one());
        assertThat(seriesTitle).isEqualTo("Edited series");
        MimeMessage promoted = mailTo("noe.series@exemple.ca", "Une place s’est libérée : Série modifiée");
        assertThat(text(promoted)).contains("Série modifiée");

        fields.put("capacity", "1");
        assertThat(staff.post("/webinars/series/" + seriesId + "/edit", fields).body()).as("the occurrence whose seats are taken is named")
                .contains("Pas moins de places que celles déjà prises à la séance du " + firstDay);
    }
}
