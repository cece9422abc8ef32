package io.guichet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One client's WebSocket. Frames are parsed and handed over in order. When {@code reconnect} is on
 * and the server goes away, it dials again with a growing pause and, once greeted, runs
 * {@code onReconnected} so the client can fetch what it missed.
 */
final class Line implements WebSocket.Listener {
    private final HttpClient client;
    private final String url;
    private final Consumer<JsonNode> onFrame;
    private final Runnable onReconnected;
    private final boolean reconnect;
    private final Runnable countReconnect;
    private final StringBuilder partial = new StringBuilder();
    private volatile CompletableFuture<Void> greeted = new CompletableFuture<>();
    private volatile WebSocket socket;
    private volatile boolean closing;

    Line(HttpClient client, String url, Consumer<JsonNode> onFrame, Runnable onReconnected, boolean reconnect, Runnable countReconnect) {
        this.client = client;
        this.url = url;
        this.onFrame = onFrame;
        this.onReconnected = onReconnected;
        this.reconnect = reconnect;
        this.countReconnect = countReconnect;
    }

    /** Opens the socket and waits for the server's hello. */
    void open() {
        dial();
        try {
            greeted.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new Http.Failed("no hello on " + url + ": " + e.getMessage());
        }
    }

    private void dial() {
        client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10)).buildAsync(URI.create(url), this)
                .whenComplete((ws, error) -> {
                    if (error != null) {
                        if (reconnect && !closing) later(this::dial);
                        else greeted.completeExceptionally(error);
                    }
                });
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            String text = partial.toString();
            partial.setLength(0);
            try {
                JsonNode frame = Http.JSON.readTree(text);
                if ("hello".equals(frame.path("type").asText())) {
                    boolean again = greeted.isDone();
                    greeted.complete(null);
                    if (again) Thread.ofVirtual().start(onReconnected);
                } else {
                    onFrame.accept(frame);
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("loadtest: bad frame from " + url + ": " + e.getMessage());
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        lost(new IOException("closed " + statusCode + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        lost(error);
    }

    private void lost(Throwable why) {
        if (closing) return;
        if (!reconnect) {
            greeted.completeExceptionally(why);
            return;
        }
        countReconnect.run();
        later(this::dial);
    }

    private static void later(Runnable r) {
        CompletableFuture.delayedExecutor(250 + (long) (Math.random() * 750), TimeUnit.MILLISECONDS).execute(r);
    }

    void close() {
        closing = true;
        WebSocket ws = socket;
        if (ws != null) ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
    }
}
