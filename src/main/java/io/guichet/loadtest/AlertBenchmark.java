package io.guichet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code java -jar guichet.jar alert-benchmark --url http://localhost:8181 [--recipients 5000] [--sockets 5000]
 * [--acks 1000] [--ack-seconds 60] [--smtp-port 2525] [--push-port 8899] [--runs 3]}: issue 18's speed targets against a
 * running server whose mail goes to this process's SMTP sink ({@code GUICHET_SMTP_URL=smtp://127.0.0.1:2525}) and whose
 * push services include its push sink ({@code GUICHET_ALERT_PUSH_SERVICES=http://127.0.0.1:8899}); bench/bench.sh alerts
 * starts it so. It imports the recipients (each with an address), subscribes as many browsers to push, opens the sockets
 * on {@code /ws/alerts} as public pages do, then per run drafts an alert to everyone, has a second communicator approve
 * it and measures, from the approval's request:
 * <ul>
 *     <li>each socket's banner frame naming the alert: p50, p99, max, missing (target p99 ≤ 2 s);</li>
 *     <li>the last of the mails handed to the SMTP sink (target ≤ 60 s) and the last push request (target ≤ 30 s);</li>
 *     <li>{@code --acks} acknowledgements ("safe") from the mailed personal links, evenly over {@code --ack-seconds}:
 *     errors, and whether the alert's counts hold every one (target: none lost).</li>
 * </ul>
 * The all-clear ends each run (its mails and pushes drained before the next).
 */
public final class AlertBenchmark {
    private AlertBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    /** A public page's socket: when the banner first named the alert under test. */
    static final class Page implements WebSocket.Listener {
        volatile String awaited;
        volatile long arrivedAt;
        private final StringBuilder partial = new StringBuilder();
        final CompletableFuture<Void> greeted = new CompletableFuture<>();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String frame = partial.toString();
                partial.setLength(0);
                if (frame.contains("\"type\":\"alerts\"")) {
                    greeted.complete(null);
                    String id = awaited;
                    if (id != null && arrivedAt == 0 && frame.contains("\"id\":\"" + id + "\"")) arrivedAt = System.nanoTime();
                }
            }
            ws.request(1);
            return null;
        }
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        String url = ImportBenchmark.flag(args, "--url", null);
        if (url == null) {
            System.err.println("alert-benchmark --url http://host:port [--recipients 5000] [--sockets 5000] [--acks 1000] [--ack-seconds 60] "
                    + "[--smtp-port 2525] [--push-port 8899] [--runs 3] (GUICHET_ADMIN_EMAIL/PASSWORD: an administrator)");
            return 2;
        }
        int recipients = Integer.parseInt(ImportBenchmark.flag(args, "--recipients", "5000"));
        int socketCount = Integer.parseInt(ImportBenchmark.flag(args, "--sockets", "5000"));
        int acks = Integer.parseInt(ImportBenchmark.flag(args, "--acks", "1000"));
        int ackSeconds = Integer.parseInt(ImportBenchmark.flag(args, "--ack-seconds", "60"));
        int runs = Integer.parseInt(ImportBenchmark.flag(args, "--runs", "3"));
        String runId = Long.toString(System.currentTimeMillis(), 36);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        try (var smtp = new AlertSinks.Smtp(Integer.parseInt(ImportBenchmark.flag(args, "--smtp-port", "2525")));
             var push = new AlertSinks.Push(Integer.parseInt(ImportBenchmark.flag(args, "--push-port", "8899")))) {
            String admin = ImportBenchmark.login(client, url, env.getOrDefault("GUICHET_ADMIN_EMAIL", "admin@charge.test"),
                    env.getOrDefault("GUICHET_ADMIN_PASSWORD", "mot-de-passe-charge"));
            String password = "mot-de-passe-du-banc-" + runId;
            String helpService = "urgence-" + runId;
            post(client, url, admin, "/api/v1/services", Http.JSON.createObjectNode().put("slug", helpService).put("nameFr", "Urgence " + runId)
                    .put("nameEn", "Emergency " + runId));
            String[] communicators = new String[2];
            for (int i = 0; i < 2; i++) {
                String email = "communication-" + i + "-" + runId + "@bench.test";
                ObjectNode b = Http.JSON.createObjectNode().put("email", email).put("name", "Communication " + i).put("password", password)
                        .put("role", "communicator").put("maxConcurrent", 1);
                b.putArray("services");
                post(client, url, admin, "/api/v1/staff", b);
                communicators[i] = ImportBenchmark.login(client, url, email, password);
            }

            long t = System.nanoTime();
            StringBuilder csv = new StringBuilder("\uFEFF").append(ImportBenchmark.HEADER);
            for (int i = 0; i < recipients; i++) {
                csv.append(String.join(";", "Élève", "Banc" + i, "eleve" + i + "." + runId + "@bench.test", "", "", i % 3 == 0 ? "en" : "fr", "étudiant",
                        "", "", "", "", "")).append('\n');
            }
            importContacts(client, url, admin, csv.toString().getBytes(StandardCharsets.UTF_8));
            out.printf(Locale.ROOT, "setup: %d recipients imported in %.1f s%n", recipients, (System.nanoTime() - t) / 1e9);

            t = System.nanoTime();
            String p256dh = browserKey(), auth = Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[16]);
            List<CompletableFuture<HttpResponse<String>>> subs = new ArrayList<>();
            for (int i = 0; i < recipients; i++) {
                ObjectNode b = Http.JSON.createObjectNode().put("endpoint", push.origin() + "/push/" + runId + "-" + i).put("lang", i % 3 == 0 ? "en" : "fr");
                b.putObject("keys").put("p256dh", p256dh).put("auth", auth);
                subs.add(client.sendAsync(HttpRequest.newBuilder(URI.create(url + "/api/v1/alerts/push/subscriptions")).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(b.toString())).build(), HttpResponse.BodyHandlers.ofString()));
                if (subs.size() % 200 == 0) subs.getLast().join();
            }
            long refused = subs.stream().map(CompletableFuture::join).filter(r -> r.statusCode() != 201).count();
            out.printf(Locale.ROOT, "setup: %d push subscriptions in %.1f s (refused %d)%n", recipients, (System.nanoTime() - t) / 1e9, refused);

            t = System.nanoTime();
            List<Page> pages = new ArrayList<>();
            List<WebSocket> sockets = new ArrayList<>();
            String ws = url.replaceFirst("^http", "ws") + "/ws/alerts?lang=fr";
            for (int i = 0; i < socketCount; i += 100) {
                List<CompletableFuture<WebSocket>> batch = new ArrayList<>();
                for (int j = i; j < Math.min(socketCount, i + 100); j++) {
                    Page p = new Page();
                    pages.add(p);
                    batch.add(client.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(20)).buildAsync(URI.create(ws), p));
                }
                batch.forEach(f -> sockets.add(f.join()));
            }
            for (Page p : pages) p.greeted.orTimeout(30, java.util.concurrent.TimeUnit.SECONDS).join();
            out.printf(Locale.ROOT, "setup: %d public sockets open in %.1f s%n", socketCount, (System.nanoTime() - t) / 1e9);

            List<double[]> results = new ArrayList<>();
            boolean ok = true;
            for (int r = 1; r <= runs; r++) {
                double[] m = runOnce(client, url, communicators, helpService, pages, smtp, push, recipients, acks, ackSeconds, r, out);
                results.add(m);
                ok &= m[1] <= 2000 && m[3] == 0 && m[4] <= 60_000 && m[5] <= 30_000 && m[7] == 0 && m[8] == acks;
            }
            if (runs > 1) {
                out.printf(Locale.ROOT, "median of %d: banner p50 %.0f ms, p99 %.0f ms; mails %.1f s; push %.1f s; %d acks in %.1f s, lost %d%n", runs,
                        median(results, 0), median(results, 1), median(results, 4) / 1000, median(results, 5) / 1000, acks, median(results, 6) / 1000,
                        (long) (acks - median(results, 8)));
            }
            sockets.forEach(s -> s.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
            out.println(ok ? "targets met" : "TARGETS MISSED");
            return ok ? 0 : 1;
        } catch (java.io.IOException e) {
            System.err.println("alert-benchmark: " + e);
            return 1;
        }
    }

    /**
     * One alert: {p50 ms, p99 ms, max ms, missing sockets, last mail ms, last push ms, acks' duration ms, ack errors, safe counted}.
     */
    private static double[] runOnce(HttpClient client, String url, String[] communicators, String helpService, List<Page> pages, AlertSinks.Smtp smtp, AlertSinks.Push push,
                                    int recipients, int acks, int ackSeconds, int run, PrintStream out) {
        ObjectNode draft = Http.JSON.createObjectNode();
        draft.putObject("audience").put("kind", "everyone");
        draft.putObject("fr").put("short", "URGENT — exercice " + run + " : évacuez le pavillon A.").put("long", "Évacuez le pavillon A par les sorties de secours.");
        draft.putObject("en").put("short", "URGENT — drill " + run + ": leave building A.").put("long", "Leave building A by the emergency exits.");
        draft.putArray("channels").add("mail").add("banner").add("push");
        draft.put("helpService", helpService);
        String id = post(client, url, communicators[0], "/api/v1/alerts", draft).path("id").asText();
        for (Page p : pages) {
            p.arrivedAt = 0;
            p.awaited = id;
        }
        smtp.tokens.clear();
        int mailsBefore = smtp.messages.get(), pushBefore = push.requests.get();
        long t0 = System.nanoTime();
        post(client, url, communicators[1], "/api/v1/alerts/" + id + "/approve", Http.JSON.createObjectNode());
        long mailAt = waitUntil(() -> smtp.messages.get() - mailsBefore >= recipients, 120_000, () -> smtp.lastAt);
        long pushAt = waitUntil(() -> push.requests.get() - pushBefore >= recipients, 120_000, () -> push.lastAt);
        List<Long> latencies = new ArrayList<>();
        int missing = 0;
        for (Page p : pages) {
            if (p.arrivedAt == 0) missing++;
            else latencies.add(p.arrivedAt - t0);
        }
        Collections.sort(latencies);
        double p50 = ms(pct(latencies, 50)), p99 = ms(pct(latencies, 99)), max = ms(latencies.isEmpty() ? 0 : latencies.getLast());
        double mails = mailAt < 0 ? Double.MAX_VALUE : ms(mailAt - t0), pushes = pushAt < 0 ? Double.MAX_VALUE : ms(pushAt - t0);
        int mailed = smtp.messages.get() - mailsBefore, pushed = push.requests.get() - pushBefore;

        // acknowledgements from the personal links, evenly over the window
        List<String> tokens = new ArrayList<>(smtp.tokens);
        int n = Math.min(acks, tokens.size());
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        long a0 = System.nanoTime(), step = ackSeconds * 1_000_000_000L / Math.max(1, n);
        for (int i = 0; i < n; i++) {
            long wait = a0 + i * step - System.nanoTime();
            if (wait > 0) Http.sleep(wait / 1_000_000);
            answers.add(client.sendAsync(HttpRequest.newBuilder(URI.create(url + "/api/v1/alerts/ack/" + tokens.get(i))).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"state\":\"safe\"}")).build(), HttpResponse.BodyHandlers.discarding())
                    .thenApply(HttpResponse::statusCode).exceptionally(e -> 0));
        }
        long ackErrors = answers.stream().map(CompletableFuture::join).filter(s -> s != 200).count();
        double ackMs = ms(System.nanoTime() - a0);
        int safe = get(client, url, communicators[0], "/api/v1/alerts/" + id + "/status").path("counts").path("safe").asInt();
        out.printf(Locale.ROOT, "run %d: banner on %d sockets p50 %.0f ms, p99 %.0f ms, max %.0f ms, missing %d; %d mails handed to SMTP in %.1f s; "
                        + "%d push requests in %.1f s; %d acks in %.1f s, errors %d, counted safe %d%n",
                run, pages.size(), p50, p99, max, missing, mailed, mails / 1000, pushed, pushes / 1000, n, ackMs / 1000, ackErrors, safe);

        // the all-clear; its mails and pushes drained before the next run
        int mailsNow = smtp.messages.get(), pushNow = push.requests.get();
        post(client, url, communicators[1], "/api/v1/alerts/" + id + "/close", Http.JSON.createObjectNode());
        waitUntil(() -> smtp.messages.get() - mailsNow >= recipients, 120_000, () -> 0);
        waitUntil(() -> push.requests.get() - pushNow >= recipients, 120_000, () -> 0);
        return new double[]{p50, p99, max, missing, mails, pushes, ackMs, ackErrors, safe};
    }

    /** The uncompressed P-256 public key a browser would give (one for every subscription: the server encrypts to it alike). */
    private static String browserKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            ECPublicKey k = (ECPublicKey) g.generateKeyPair().getPublic();
            byte[] point = new byte[65];
            point[0] = 4;
            put(k.getW().getAffineX(), point, 1);
            put(k.getW().getAffineY(), point, 33);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(point);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void put(BigInteger v, byte[] out, int at) {
        byte[] raw = v.toByteArray();
        int from = Math.max(0, raw.length - 32);
        System.arraycopy(raw, from, out, at + 32 - (raw.length - from), raw.length - from);
    }

    /** The nanoTime the condition became true at (as the sink recorded it), or -1 after the timeout. */
    private static long waitUntil(java.util.function.BooleanSupplier done, long timeoutMs, java.util.function.LongSupplier at) {
        long end = System.nanoTime() + timeoutMs * 1_000_000;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > end) return -1;
            Http.sleep(20);
        }
        return at.getAsLong();
    }

    private static long pct(List<Long> sorted, int p) {
        if (sorted.isEmpty()) return 0;
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double median(List<double[]> results, int i) {
        List<Double> v = new ArrayList<>(results.stream().map(r -> r[i]).toList());
        Collections.sort(v);
        return v.get(v.size() / 2);
    }

    private static void importContacts(HttpClient client, String url, String token, byte[] csv) {
        JsonNode answer = ImportBenchmark.send(client, HttpRequest.newBuilder(URI.create(url + "/api/v1/contacts/import")).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv; charset=utf-8").POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
        if (!answer.has("import")) return;
        String path = "/api/v1/contacts/imports/" + answer.path("import").path("id").asText();
        while (!get(client, url, token, path).path("import").path("status").asText().equals("done")) Http.sleep(250);
    }

    private static JsonNode post(HttpClient client, String url, String token, String path, JsonNode body) {
        return ImportBenchmark.send(client, HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private static JsonNode get(HttpClient client, String url, String token, String path) {
        return ImportBenchmark.send(client, HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token).GET());
    }
}
