package io.guichet.inbox;

import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.FileContent;

/**
 * A file as it arrives, checked at the boundary: a name that is only a name (no control character, no path), at
 * least one byte, and content that is one of the accepted kinds by its first bytes (PNG, JPEG, GIF, WebP, PDF).
 * A {@code .png} that is really HTML, or an SVG (which can carry script), is refused whatever it is called (415).
 */
public final class Upload {
    public static final int MAX_NAME = FileContent.MAX_NAME;

    private final String name;
    private final String contentType;
    private final byte[] data;

    /** The bytes are not copied: an upload can be megabytes, and it is read once, into the database. */
    private Upload(String name, String contentType, byte[] data) {
        this.name = name;
        this.contentType = contentType;
        this.data = data;
    }

    public static Upload checked(String name, byte[] data) {
        String n = FileContent.checkedName(name);
        if (data.length == 0) throw ApiError.invalid("file", "The file is empty").because("empty");
        String type = FileContent.sniff(data).orElseThrow(() -> new ApiError(415, "unsupported_type",
                "Only images (PNG, JPEG, GIF, WebP) and PDF files can be sent", "file"));
        return new Upload(n, type, data);
    }

    public String name() {
        return name;
    }

    public String contentType() {
        return contentType;
    }

    byte[] data() {
        return data;
    }

    public int size() {
        return data.length;
    }

    @Override
    public String toString() {
        return "Upload[" + name + ", " + contentType + ", " + data.length + " bytes]";
    }
}
