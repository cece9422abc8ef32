package io.guichet.platform.web;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one CSV writer of every export: UTF-8 with a byte-order mark (so spreadsheets open accents correctly),
 * Excel's dialect, and text cells a spreadsheet would run as a formula ({@code =}, {@code +}, {@code -},
 * {@code @}, a tab or a carriage return first) prefixed with {@code '} so they are shown, never run.
 */
public final class CsvWriter {
    /** Where an export adds its rows, one call per row. */
    public interface Rows {
        void add(Object... cells);
    }

    public static final String CONTENT_TYPE = "text/csv; charset=utf-8";

    public static byte[] write(List<String> header, Consumer<Rows> rows) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        stream(out, header, rows);
        return out.toByteArray();
    }

    /** As {@link #write}, row by row into the stream (a large export is never whole in memory); the stream stays open. */
    public static void stream(java.io.OutputStream stream, List<String> header, Consumer<Rows> rows) {
        java.io.Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(stream, StandardCharsets.UTF_8));
        try {
            out.write('\uFEFF');
            CSVPrinter csv = new CSVPrinter(out, CSVFormat.EXCEL);
            csv.printRecord(header.stream().map(CsvWriter::cell).toList());
            rows.accept(cells -> {
                List<Object> safe = new ArrayList<>(cells.length);
                for (Object c : cells) safe.add(cell(c));
                try {
                    csv.printRecord(safe);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            csv.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A cell as written: null is empty; numbers stay numbers; text that could start a formula is neutralised. */
    static Object cell(Object value) {
        if (value == null) return "";
        if (value instanceof Number || value instanceof Boolean) return value;
        String text = value.toString();
        if (!text.isEmpty() && "=+-@\t\r".indexOf(text.charAt(0)) >= 0) return "'" + text;
        return text;
    }

    private CsvWriter() {
    }
}
