package io.guichet.platform.mail;

import java.util.regex.Pattern;

/**
 * A file a mail carries, such as a calendar invitation ({@code text/calendar; method=REQUEST}). Ours, never a
 * visitor's upload: a name or type that could break a MIME header is a programming error, refused loudly.
 */
public record MailAttachment(String filename, String contentType, byte[] content) {
    public static final int MAX_BYTES = 1024 * 1024;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N} ._()-]{1,100}");
    private static final Pattern TYPE = Pattern.compile("[a-z]+/[a-z0-9.+-]+(; ?[a-z-]+=[A-Za-z0-9-]+)*");

    public MailAttachment {
        if (filename == null || !NAME.matcher(filename).matches()) throw new IllegalArgumentException("attachment name: " + filename);
        if (contentType == null || !TYPE.matcher(contentType).matches()) throw new IllegalArgumentException("attachment type: " + contentType);
        if (content == null || content.length == 0 || content.length > MAX_BYTES) throw new IllegalArgumentException("an attachment holds 1 byte to 1 MiB");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }
}
