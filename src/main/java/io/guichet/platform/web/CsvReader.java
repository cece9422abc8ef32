package io.guichet.platform.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The one CSV reader of every import (the counterpart of {@link CsvWriter}). A spreadsheet's CSV as people here send it: UTF-8 with or without a byte-order mark, or Windows-1252
 * (what Excel writes by default on a French Windows), separated by commas or semicolons (French Excel
 * writes semicolons) or tabs. The encoding is decided by decoding strictly: text that is not valid UTF-8
 * is read as Windows-1252 when it is valid Windows-1252, else refused with a sentence saying so. Refusals are
 * {@link ApiError}s whose codes ({@code csv_empty}, {@code csv_encoding}, {@code csv_malformed}, {@code csv_header},
 * {@code too_large}) an import's screen can tell in its reader's language.
 */
public final class CsvReader {
    /** A larger file is refused before it is read: 50,000 contacts of a dozen columns take about 8 MB. */
    public static final int MAX_BYTES = 20 * 1024 * 1024;
    /** A row longer than this is refused as a row (its cells are not kept), not read into a contact. */
    public static final int MAX_ROW_CHARS = 10_000;
    public static final int MAX_COLUMNS = 100;
    public static final int MAX_ROWS = 200_000;

    /** One data row: its line in the file (the header is line 1, as a spreadsheet numbers it) and its cells. */
    public record Row(int number, List<String> cells) {
    }

    /** A file read: its header, its rows, and how it was read (shown in the preview). */
    public record Table(List<String> header, List<Row> rows, String encoding, char delimiter) {
    }

    public static Table read(byte[] bytes) {
        if (bytes.length > MAX_BYTES) throw tooLarge();
        Decoded decoded = decode(bytes);
        String text = decoded.text();
        if (text.isBlank()) throw new ApiError(422, "csv_empty", "The file is empty: a header line and at least one row are expected", "file");
        char delimiter = delimiter(text);
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(false).get();
        List<String> header = null;
        List<Row> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            for (CSVRecord record : parser) {
                if (header == null) {
                    header = header(record);
                    continue;
                }
                if (rows.size() >= MAX_ROWS) {
                    throw new ApiError(413, "too_large", "The file has more than " + MAX_ROWS + " rows: split it in several files");
                }
                rows.add(new Row((int) record.getRecordNumber(), record.toList()));
            }
        } catch (UncheckedIOException | IllegalStateException | IOException e) {
            // commons-csv stops at the first malformed record (a quote never closed): nothing is imported.
            throw new ApiError(422, "csv_malformed", "The file is not valid CSV near line " + lineOf(e) + ": a quoted cell is not closed", "file");
        }
        if (header == null) throw new ApiError(422, "csv_empty", "The file is empty: a header line and at least one row are expected", "file");
        if (rows.isEmpty()) throw new ApiError(422, "csv_empty", "The file has a header line but no rows", "file");
        return new Table(header, rows, decoded.encoding(), delimiter);
    }

    /** Over {@link #MAX_BYTES}: said with the limit, so the person knows to split the file. */
    public static ApiError tooLarge() {
        return new ApiError(413, "too_large", "The file is over " + MAX_BYTES / (1024 * 1024) + " MB: split it in several files");
    }

    /** Whether the row is over {@link #MAX_ROW_CHARS}: such a row is refused as a row, its cells not read. */
    public static boolean tooLong(Row row) {
        int chars = 0;
        for (String c : row.cells()) chars += c.length();
        return chars > MAX_ROW_CHARS;
    }

    /**
     * A cell as its writer meant it: {@link CsvWriter} writes {@code '+1514…}, {@code '=…} so a spreadsheet shows them
     * and never runs them; read back, the quote goes.
     */
    public static String unquoted(String cell) {
        return cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@".indexOf(cell.charAt(1)) >= 0 ? cell.substring(1) : cell;
    }

    private static List<String> header(CSVRecord record) {
        if (record.size() > MAX_COLUMNS) {
            throw new ApiError(422, "csv_header", "The header has " + record.size() + " columns; at most " + MAX_COLUMNS + " are read", "file");
        }
        List<String> names = new ArrayList<>();
        for (String cell : record) {
            String name = cell.strip();
            if (name.length() > 200 || name.chars().anyMatch(Character::isISOControl)) {
                throw new ApiError(422, "csv_header", "The first line must name the columns", "file");
            }
            names.add(name);
        }
        return List.copyOf(names);
    }

    private static String lineOf(Exception e) {
        String message = String.valueOf(e.getMessage());
        var m = java.util.regex.Pattern.compile("line (\\d+)").matcher(message);
        return m.find() ? m.group(1) : "?";
    }

    private static final byte[] UTF8_BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    record Decoded(String text, String encoding) {
    }

    /** The text of the file and its encoding, or a refusal that says which encodings were tried. */
    static Decoded decode(byte[] bytes) {
        if (startsWith(bytes, UTF8_BOM)) {
            String text = strict(StandardCharsets.UTF_8, bytes, 3);
            if (text == null) throw undecidable("it starts as UTF-8 but has bytes that are not UTF-8");
            return new Decoded(text, "UTF-8");
        }
        if (startsWith(bytes, new byte[]{(byte) 0xFF, (byte) 0xFE}) || startsWith(bytes, new byte[]{(byte) 0xFE, (byte) 0xFF})) {
            String text = strict(StandardCharsets.UTF_16, bytes, 0); // Excel's "Unicode text": the BOM tells the byte order
            if (text == null) throw undecidable("it starts as UTF-16 but is not");
            return new Decoded(text, "UTF-16");
        }
        String utf8 = strict(StandardCharsets.UTF_8, bytes, 0);
        if (utf8 != null) return new Decoded(utf8, "UTF-8");
        String windows = strict(WINDOWS_1252, bytes, 0);
        // Windows-1252 decodes almost any byte; C1 control characters left after it mean another encoding (Mac, UTF-16…).
        if (windows == null || windows.chars().anyMatch(c -> c >= 0x80 && c <= 0x9F)) {
            throw undecidable("it is neither UTF-8 nor Windows-1252");
        }
        return new Decoded(windows, "Windows-1252");
    }

    private static ApiError undecidable(String why) {
        return new ApiError(422, "csv_encoding", "The file's encoding could not be recognised (" + why
                + "): in Excel, save it as \"CSV UTF-8\" and import it again", "file");
    }

    private static String strict(Charset charset, byte[] bytes, int offset) {
        try {
            return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static boolean startsWith(byte[] bytes, byte[] prefix) {
        if (bytes.length < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) if (bytes[i] != prefix[i]) return false;
        return true;
    }

    /** The separator the header line uses most, outside quotes: {@code ;} from French Excel, {@code ,} otherwise, or a tab. */
    static char delimiter(String text) {
        int comma = 0, semicolon = 0, tab = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (!quoted && (c == '\n' || c == '\r')) break;
            else if (!quoted && c == ',') comma++;
            else if (!quoted && c == ';') semicolon++;
            else if (!quoted && c == '\t') tab++;
        }
        if (tab > comma && tab > semicolon) return '\t';
        return semicolon > comma ? ';' : ',';
    }

    private CsvReader() {
    }
}
