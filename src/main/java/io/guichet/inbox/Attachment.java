package io.guichet.inbox;

/**
 * A file sent with a message: its name as the sender gave it, its type as its content says (never the name or the
 * declared type), and its size in bytes. The bytes themselves are read only to be downloaded.
 */
public record Attachment(long id, String name, String contentType, int size) {
    public boolean isImage() {
        return contentType.startsWith("image/");
    }
}
