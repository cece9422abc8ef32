package io.guichet.platform.web;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What Jetty refuses before any handler runs (a URI or headers too long, a malformed request) answered in our
 * error shape, {@code {"error":{"code":…,"message":…}}}, instead of Jetty's HTML page: such a request never
 * got far enough to have a language or a screen, and API clients parse the JSON.
 */
final class JettyErrors extends ErrorHandler {
    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause, Callback callback) {
        String code = switch (status) {
            case 400 -> "malformed";
            case 413 -> "too_large";
            case 414 -> "uri_too_long";
            case 431 -> "headers_too_large";
            default -> status >= 500 ? "internal" : "refused";
        };
        String text = switch (status) {
            case 414 -> "The address is too long";
            case 431 -> "The request headers are too large";
            case 413 -> "The request is too large";
            default -> status >= 500 ? "Internal error" : "The request was refused";
        };
        byte[] body = ("{\"error\":{\"code\":\"" + code + "\",\"message\":\"" + text + "\"}}").getBytes(StandardCharsets.UTF_8);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }
}
