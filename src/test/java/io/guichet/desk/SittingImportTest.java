package io.guichet.desk;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.testing.Api.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The registrar's spreadsheet of sittings: a report line per row, the same file twice creates nothing twice, bad files and rows refused clearly. */
class SittingImportTest {
    @BeforeAll
    static void start() {
        DeskTest.start();
    }

    @AfterAll
    static void stop() {
        DeskTest.stop();
    }

    static Response upload(String token, byte[] csv) {
        return DeskTest.api.postBytes("/api/v1/desk/sittings/import", token, "text/csv", csv);
    }

    @Test
    void aFrenchSpreadsheetImportsEachRowOnceAndSaysWhyARowIsRefused() {
        ZoneId zone = ZoneId.of("America/Montreal"); // the institution's zone (GUICHET_TIME_ZONE's default)
        String soon = LocalDateTime.ofInstant(Instant.now().minus(10, ChronoUnit.MINUTES), zone).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm"));
        String csv = """
                Séance;Sigle;Titre;Début;Durée;Modalité;Faculté;Nom faculté;Bureau des examens;Relève;Courriel relève;Professeurs;Matricules;Salle
                CSV-1;PHY-101;Physique — mécanique;%s;120;à distance;sciences;Faculté des sciences;examens@univ-test.ca;Hélène Dubé;releve@univ-test.ca;"Prof. Gaël Ménard <gael.menard@univ-test.ca>; Prof. Zoé Çelik <zoe.celik@univ-test.ca>";2026001 2026002;B-204
                CSV-2;PHY-102;Physique — ondes;2026-12-02T13:00:00-05:00;90;sur le campus;sciences;Faculté des sciences;examens@univ-test.ca;;releve@univ-test.ca;Prof. Gaël Ménard <gael.menard@univ-test.ca>;;B-205
                CSV-3;PHY-103;Physique — optique;demain matin;90;remote;sciences;Faculté des sciences;examens@univ-test.ca;;releve@univ-test.ca;Prof. Gaël Ménard <gael.menard@univ-test.ca>;;B-206
                CSV-4;PHY-104;Physique\u0007;2026-12-02T13:00:00-05:00;90;remote;sciences;Faculté des sciences;examens@univ-test.ca;;releve@univ-test.ca;;;B-207
                """.formatted(soon);
        byte[] windows = csv.getBytes(Charset.forName("windows-1252"));
        Response r = upload(DeskTest.cegep.jérôme, windows);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        JsonNode j = r.json();
        assertThat(j.get("encoding").asText()).isEqualTo("Windows-1252");
        assertThat(j.get("ignoredColumns").get(0).asText()).isEqualTo("Salle");
        assertThat(j.get("created").asInt()).as(j.toString()).isEqualTo(2);
        assertThat(j.get("refused").asInt()).isEqualTo(2);
        JsonNode lines = j.get("lines");
        assertThat(lines.get(0).get("line").asInt()).isEqualTo(2);
        assertThat(lines.get(2).get("outcome").asText()).isEqualTo("refused");
        assertThat(lines.get(2).get("error").get("field").asText()).isEqualTo("start");
        assertThat(lines.get(3).get("outcome").asText()).as("a control character").isEqualTo("refused");

        JsonNode running = DeskTest.api.get("/api/v1/desk/sittings?running=now", DeskTest.cegep.jérôme).json().get("sittings");
        JsonNode first = null;
        for (JsonNode s : running) if (s.get("sittingId").asText().equals("CSV-1")) first = s;
        assertThat(first).as("the local time read in the institution's zone: running now").isNotNull();
        assertThat(first.get("courseTitle").asText()).isEqualTo("Physique — mécanique");
        assertThat(first.get("professors").findValuesAsText("name")).containsExactlyInAnyOrder("Prof. Gaël Ménard", "Prof. Zoé Çelik");
        assertThat(first.get("studentCount").asInt()).isEqualTo(2);
        assertThat(first.get("mode").asText()).isEqualTo("remote");

        JsonNode again = upload(DeskTest.cegep.jérôme, csv.getBytes(StandardCharsets.UTF_8)).json();
        assertThat(again.get("created").asInt()).as("the same list again").isZero();
        assertThat(again.get("already").asInt()).isEqualTo(2);
        assertThat(again.get("lines").get(0).get("id").asLong()).isEqualTo(lines.get(0).get("id").asLong());
    }

    @Test
    void aFileThatCannotBeReadIsRefusedWholeAndOnlySupervisorsImport() {
        assertThat(upload(DeskTest.cegep.jérôme, new byte[0]).json().get("error").get("code").asText()).isEqualTo("csv_empty");
        Response noColumn = upload(DeskTest.cegep.jérôme, "Cours,Titre\nPHY-1,Physique\n".getBytes(StandardCharsets.UTF_8));
        assertThat(noColumn.status()).isEqualTo(422);
        assertThat(noColumn.json().get("error").get("code").asText()).isEqualTo("csv_header");
        Response unclosed = upload(DeskTest.cegep.jérôme, "sittingId,courseCode,start,faculty\n\"X,Y,Z\n".getBytes(StandardCharsets.UTF_8));
        assertThat(unclosed.status()).isEqualTo(422);
        assertThat(upload(DeskTest.cegep.élodie, "sittingId\nA\n".getBytes(StandardCharsets.UTF_8)).status()).as("an agent imports no sittings").isEqualTo(403);
        assertThat(upload(null, "sittingId\nA\n".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(401);
        Response cells = upload(DeskTest.cegep.jérôme, "sittingId,courseCode,start,faculty\nA,B\n".getBytes(StandardCharsets.UTF_8));
        assertThat(cells.json().get("lines").get(0).get("error").get("message").asText()).isEqualTo("The row has 2 cells; the header has 4");
    }
}
