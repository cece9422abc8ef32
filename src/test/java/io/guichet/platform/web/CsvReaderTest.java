package io.guichet.platform.web;

import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The shared reader with the files spreadsheets write (the contact import's API test covers it end to end). */
class CsvReaderTest {
    @Test
    void frenchExcelSemicolonsInWindows1252AreRead() {
        byte[] bytes = "Nom;Courriel\r\nÉlodie Bérubé;elodie@exemple.ca\r\n".getBytes(Charset.forName("windows-1252"));
        CsvReader.Table t = CsvReader.read(bytes);
        assertThat(t.delimiter()).isEqualTo(';');
        assertThat(t.encoding()).isEqualTo("Windows-1252");
        assertThat(t.header()).containsExactly("Nom", "Courriel");
        assertThat(t.rows()).singleElement().satisfies(r -> {
            assertThat(r.number()).isEqualTo(2);
            assertThat(r.cells()).containsExactly("Élodie Bérubé", "elodie@exemple.ca");
        });
    }

    @Test
    void aByteOrderMarkAndQuotedCommasAreRead() {
        byte[] bytes = ("\uFEFFname,email\n\"Côté, François\",f@exemple.ca\n").getBytes(StandardCharsets.UTF_8);
        CsvReader.Table t = CsvReader.read(bytes);
        assertThat(t.header()).containsExactly("name", "email");
        assertThat(t.rows().getFirst().cells()).containsExactly("Côté, François", "f@exemple.ca");
    }

    @Test
    void badFilesAreRefusedWithTheirCode() {
        assertThatThrownBy(() -> CsvReader.read(new byte[0])).extracting(e -> ((ApiError) e).code()).isEqualTo("csv_empty");
        assertThatThrownBy(() -> CsvReader.read("a,b\n".getBytes(StandardCharsets.UTF_8))).extracting(e -> ((ApiError) e).code()).isEqualTo("csv_empty");
        assertThatThrownBy(() -> CsvReader.read("a,b\n\"x,y\n".getBytes(StandardCharsets.UTF_8))).extracting(e -> ((ApiError) e).code()).isEqualTo("csv_malformed");
        assertThatThrownBy(() -> CsvReader.read(new byte[]{'a', '\n', (byte) 0x81, (byte) 0x8D})).extracting(e -> ((ApiError) e).code()).isEqualTo("csv_encoding");
        assertThatThrownBy(() -> CsvReader.read(new byte[CsvReader.MAX_BYTES + 1])).extracting(e -> ((ApiError) e).status()).isEqualTo(413);
    }

    @Test
    void aFormulaNeutralisedByTheWriterIsReadBackAsWritten() {
        assertThat(CsvReader.unquoted("'=1+2")).isEqualTo("=1+2");
        assertThat(CsvReader.unquoted("'+15145550142")).isEqualTo("+15145550142");
        assertThat(CsvReader.unquoted("'ordinaire")).isEqualTo("'ordinaire");
        assertThat(CsvReader.tooLong(new CsvReader.Row(2, List.of("x".repeat(CsvReader.MAX_ROW_CHARS + 1))))).isTrue();
    }
}
