package io.guichet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code loadtest --burst N}: the deadline-night rush. N people click "chat" within the same instant:
 * each opens a visitor session, its socket and sends a first message, with no ramp and no retry, as a
 * person does. It counts every refusal (any answer but success, or no answer), every socket the server
 * closes, and the time from the click to the first message's acknowledgement; then it checks that every
 * conversation is assigned or queued, while {@code /health} is polled throughout.
 */
final class BurstLoad {
    private static final int SETTLE_SECONDS = 5;

    private final LoadOptions options;
    private final PrintStream out;
    private final HttpClient client;
    private final Http http;
    private final Http once;
    private final Latencies toAck = new Latencies();
    private final Latencies toSession = new Latencies();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> closedByServer = new ConcurrentHashMap<>();
    private final AtomicLong healthChecks = new AtomicLong();
    private final AtomicLong healthFailures = new AtomicLong();
    private final java.util.Queue<String> healthProblems = new java.util.concurrent.ConcurrentLinkedQueue<>();
    private final List<Arrival> arrivals = new ArrayList<>();
    private volatile boolean finished;

    BurstLoad(LoadOptions options, PrintStream out, HttpClient client, Http http) {
        this.options = options;
        this.out = out;
        this.client = client;
        this.http = http;
        this.once = http.once();
    }

    /** One person: their token, socket and conversation once they have them. */
    private final class Arrival implements WebSocket.Listener {
        final int n;
        String token;
        String conversationId;
        WebSocket socket;
        final CompletableFuture<Void> hello = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        Arrival(int n) {
            this.n = n;
        }

        @Override
        public void onOpen(WebSocket ws) {
            ws.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode frame = Http.JSON.readTree(partial.toString());
                    if ("hello".equals(frame.path("type").asText())) hello.complete(null);
                } catch (IOException e) {
                    // not JSON: not ours to judge here
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
            if (!finished) closedByServer.computeIfAbsent(code, k -> new AtomicInteger()).incrementAndGet();
            hello.completeExceptionally(new IOException("closed " + code));
            return null;
        }

        @Override
        public void onError(WebSocket ws, Throwable error) {
            if (!finished) closedByServer.computeIfAbsent(1006, k -> new AtomicInteger()).incrementAndGet();
            hello.completeExceptionally(error);
        }
    }

    int run() {
        String service = setUp();
        for (int i = 0; i < options.burst(); i++) arrivals.add(new Arrival(i));
        CountDownLatch go = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(arrivals.size());
        for (Arrival a : arrivals) {
            Thread.ofVirtual().start(() -> {
                try {
                    go.await();
                    arrive(a, service);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    done.countDown();
                }
            });
        }
        Thread health = Thread.ofVirtual().start(this::pollHealth);
        Report.progress("%d arrivals at once", arrivals.size());
        long start = System.nanoTime();
        go.countDown();
        try {
            if (!done.await(120, TimeUnit.SECONDS)) refused("arrival still waiting after 120 s");
            Thread.sleep(SETTLE_SECONDS * 1_000L); // sockets must stay open once the rush is over
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Map<String, Integer> states = states();
        finished = true;
        health.interrupt();
        arrivals.forEach(a -> {
            if (a.socket != null) a.socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").exceptionally(e -> null);
        });
        return report(seconds, states);
    }

    private String setUp() {
        String admin = http.login(options.adminEmail(), options.adminPassword());
        String runId = "rf" + Long.toString(System.currentTimeMillis(), 36);
        String service = http.createService(admin, "rafale", runId, "Rafale", "Burst");
        int capacity = Math.max(1, Math.min(100, options.burst() / options.agents() + 1));
        String password = "rafale-" + java.util.UUID.randomUUID();
        Report.progress("%d agents online (at most %d conversations each)", options.agents(), capacity);
        for (int i = 0; i < options.agents(); i++) {
            String email = runId + "-agent-" + i + "@loadtest.invalid";
            http.createAgent(admin, email, "Agent de rafale " + i, password, service, capacity);
            new Line(client, ws("/ws/agent?token=" + http.login(email, password)), f -> { }, () -> { }, false, () -> { }).open();
        }
        return service;
    }

    /** A click: session, socket, first message, each asked once. */
    private void arrive(Arrival a, String service) {
        long clicked = System.nanoTime();
        try {
            Http.Answer session = once.post("/api/v1/visitor/sessions", null, Map.of("name", "Visiteur " + a.n, "lang", "fr"));
            if (session.status() != 201) {
                refused("session " + session.status());
                return;
            }
            toSession.add(System.nanoTime() - clicked);
            a.token = session.text("visitorToken");
            a.socket = client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create(ws("/ws/visitor?token=" + a.token)), a).get(60, TimeUnit.SECONDS);
            a.hello.get(60, TimeUnit.SECONDS);
            Http.Answer started = once.post("/api/v1/visitor/conversations", a.token, Map.of("service", service,
                    "body", "Bonjour, ma demande d'admission est-elle complète? (" + a.n + ")", "clientId", "rafale-" + a.n));
            if (started.status() != 201) {
                refused("first message " + started.status());
                return;
            }
            toAck.add(System.nanoTime() - clicked);
            a.conversationId = started.text("conversationId");
        } catch (Http.Failed e) {
            String why = e.getMessage();
            refused("no answer (" + why.substring(why.lastIndexOf(':') + 1).strip() + ")");
        } catch (Exception e) {
            refused(a.socket == null ? "socket refused" : "no hello");
        }
    }

    private void refused(String what) {
        refused.computeIfAbsent(what, k -> new AtomicInteger()).incrementAndGet();
    }

    private void pollHealth() {
        while (!finished) {
            String problem = health();
            // a pooled connection the server had just closed fails without reaching it: sent again once, as a browser does
            if (problem != null && problem.startsWith("/health:")) problem = health();
            healthChecks.incrementAndGet();
            if (problem != null) {
                healthFailures.incrementAndGet();
                healthProblems.add(problem);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Null when /health answered 200, else what it answered or why it could not be asked. */
    private String health() {
        try {
            Http.Answer a = once.get("/health", null);
            return a.status() == 200 ? null : "/health answered " + a.status() + " " + a.json();
        } catch (Http.Failed e) {
            return e.getMessage();
        }
    }

    /** How many conversations are open (assigned), waiting (queued) or anything else, as each visitor reads it. */
    private Map<String, Integer> states() {
        Map<String, Integer> states = new TreeMap<>();
        for (Arrival a : arrivals) {
            if (a.conversationId == null) continue;
            Http.Answer c = http.get("/api/v1/visitor/conversations/" + a.conversationId, a.token);
            states.merge(c.status() == 200 ? c.json().path("status").asText() : "unreadable " + c.status(), 1, Integer::sum);
        }
        return states;
    }

    private int report(double seconds, Map<String, Integer> states) {
        int refusals = refused.values().stream().mapToInt(AtomicInteger::get).sum();
        int closed = closedByServer.values().stream().mapToInt(AtomicInteger::get).sum();
        int assigned = states.getOrDefault("open", 0), queued = states.getOrDefault("waiting", 0);
        out.printf(Locale.ROOT, "%nburst: %d arrivals at once, %d agents online, over in %.1f s%n", arrivals.size(), options.agents(), seconds);
        out.printf(Locale.ROOT, "refused %d%s%n", refusals, refused.isEmpty() ? "" : " " + new TreeMap<>(refused));
        out.printf(Locale.ROOT, "sockets closed by the server %d%s%n", closed, closedByServer.isEmpty() ? "" : " (codes " + new TreeMap<>(closedByServer) + ")");
        out.printf(Locale.ROOT, "conversations %d: assigned %d, queued %d%s%n", toAck.summary().count(), assigned, queued,
                assigned + queued == toAck.summary().count() ? "" : ", other " + states);
        out.printf(Locale.ROOT, "/health %d checks, %d not 200%n", healthChecks.get(), healthFailures.get());
        healthProblems.forEach(p -> out.printf(Locale.ROOT, "  %s%n", p));
        out.println();
        Report.header(out);
        Report.row(out, "click → visitor session", toSession.summary());
        Report.row(out, "click → first message acked", toAck.summary());
        boolean ok = refusals == 0 && closed == 0 && healthFailures.get() == 0 && assigned + queued == arrivals.size();
        out.println(ok ? "\nresult: every arrival accepted" : "\nresult: NOT every arrival accepted");
        return ok ? 0 : 1;
    }

    private String ws(String path) {
        return http.base().replaceFirst("^http", "ws") + path;
    }
}
