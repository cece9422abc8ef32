package io.guichet.platform.web;

import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.util.function.Supplier;

/**
 * Raw request bodies read with a limit. A refused body is still read and dropped when it is not much over the limit:
 * a server that answers 413 and closes while the client is still sending leaves most clients (browsers and Java's
 * HttpClient alike) with a reset connection instead of the answer. Far over that, the connection is closed unread.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** The body, at most {@code max} bytes; a longer one (declared or sent) is {@code tooLarge}, read up to {@code drainLimit}. */
    public static byte[] read(Context ctx, int max, long drainLimit, Supplier<ApiError> tooLarge) {
        long declared = ctx.req().getContentLengthLong();
        if (declared > max) throw refused(ctx, drainLimit, tooLarge.get());
        try (InputStream in = ctx.req().getInputStream()) {
            byte[] bytes = in.readNBytes(max + 1);
            if (bytes.length > max) {
                drain(in, drainLimit - bytes.length);
                throw tooLarge.get();
            }
            return bytes;
        } catch (IOException e) {
            throw ApiError.malformed("Could not read the request body");
        }
    }

    /** {@code error}, once a body of at most {@code drainLimit} bytes has been read and dropped: for the caller to throw. */
    public static ApiError refused(Context ctx, long drainLimit, ApiError error) {
        if (ctx.req().getContentLengthLong() <= drainLimit) {
            try (InputStream in = ctx.req().getInputStream()) {
                drain(in, drainLimit);
            } catch (IOException ignored) {
                // the refusal is the answer either way
            }
        }
        return error;
    }

    private static void drain(InputStream in, long atMost) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long left = atMost;
        while (left > 0) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) return;
            left -= n;
        }
    }
}
