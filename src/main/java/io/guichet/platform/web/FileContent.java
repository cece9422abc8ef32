package io.guichet.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * What a received file is, by its first bytes (never by its name or declared type), and how a download names it:
 * shared by the inbox's attachments and the journeys' documents.
 */
public final class FileContent {
    private FileContent() {
    }

    public static final int MAX_NAME = 200;

    /** A file's name that is only a name: 1–200 characters, no control character, no path ({@code 422} naming {@code name}). */
    public static String checkedName(String name) {
        String n = Fields.required("name", name, MAX_NAME);
        if (n.contains("/") || n.contains("\\") || n.equals(".") || n.equals("..")) {
            throw ApiError.invalid("name", "The file name may not contain a path").because("path");
        }
        return n;
    }

    /** The type the content declares by its magic bytes (PNG, JPEG, GIF, WebP, PDF), or empty when it is none of them. */
    public static Optional<String> sniff(byte[] d) {
        if (starts(d, 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return Optional.of("image/png");
        if (starts(d, 0, 0xFF, 0xD8, 0xFF)) return Optional.of("image/jpeg");
        if (starts(d, 0, 'G', 'I', 'F', '8', '7', 'a') || starts(d, 0, 'G', 'I', 'F', '8', '9', 'a')) return Optional.of("image/gif");
        if (starts(d, 0, 'R', 'I', 'F', 'F') && starts(d, 8, 'W', 'E', 'B', 'P')) return Optional.of("image/webp");
        if (starts(d, 0, '%', 'P', 'D', 'F', '-')) return Optional.of("application/pdf");
        return Optional.empty();
    }

    private static boolean starts(byte[] data, int at, int... magic) {
        if (data.length < at + magic.length) return false;
        for (int i = 0; i < magic.length; i++) if ((data[at + i] & 0xFF) != magic[i]) return false;
        return true;
    }

    /**
     * The headers of a file's download, for the inbox's attachments and the journeys' documents alike: always an
     * attachment (never shown in the page), the type the content proved, no sniffing, a sandbox if opened anyway.
     */
    public static void downloadHeaders(io.javalin.http.Context ctx, String contentType, int size, String name, String cacheControl) {
        ctx.header("Content-Type", contentType);
        ctx.header("Content-Length", Integer.toString(size));
        ctx.header("Content-Disposition", attachmentDisposition(name));
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("Content-Security-Policy", "default-src 'none'; sandbox");
        ctx.header("Cache-Control", cacheControl);
    }

    /** RFC 6266 with RFC 5987's {@code filename*}: the name with its accents in UTF-8, and an ASCII fallback for old clients. */
    public static String attachmentDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        StringBuilder encoded = new StringBuilder();
        name.codePoints().forEach(c -> ascii.append(c >= 0x20 && c < 0x7F && c != '"' && c != '\\' ? (char) c : '_'));
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16))).append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
            }
        }
        return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
    }
}
