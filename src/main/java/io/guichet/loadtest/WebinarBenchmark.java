package io.guichet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code java -jar guichet.jar webinar-benchmark --url http://localhost:8181 --database-url jdbc:postgresql://… [--rush 2000]
 * [--capacity 500] [--window 60] [--reminders 5000] [--sessions 10] [--runs 3]}, two measures of issue 15 against a running
 * server (rate limits off):
 * <ul>
 *   <li><b>The rush:</b> {@code --rush} registrations to one session of {@code --capacity} seats, sent at an even pace over
 *   {@code --window} seconds from as many concurrent clients as needed (virtual threads), one in ten retried at once with
 *   its client id. It reports p50/p95/p99/max of the answers and the errors, then checks what was stored: every person
 *   once, the retry answered {@code 200} with the same registration, the seats exactly the capacity, and the registered
 *   the first arrivals (the list comes in arrival order).</li>
 *   <li><b>A fair's reminders:</b> {@code --reminders} registrants spread over {@code --sessions} sessions three days
 *   ahead; then their start is moved (in the database) so that the 24-hour reminder is due now, and the server's own
 *   pass, which runs every minute, queues them in the outbox. It reports the wait for the pass, and the time the pass
 *   took to queue them all: the span of the claims' times in {@code webinar_mails_sent}, each claimed with its mail in
 *   one transaction.</li>
 * </ul>
 */
public final class WebinarBenchmark {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        String url = ImportBenchmark.flag(args, "--url", null), db = ImportBenchmark.flag(args, "--database-url", null);
        int rush = Integer.parseInt(ImportBenchmark.flag(args, "--rush", "2000"));
        int capacity = Integer.parseInt(ImportBenchmark.flag(args, "--capacity", "500"));
        int window = Integer.parseInt(ImportBenchmark.flag(args, "--window", "60"));
        int reminders = Integer.parseInt(ImportBenchmark.flag(args, "--reminders", "5000"));
        int sessions = Integer.parseInt(ImportBenchmark.flag(args, "--sessions", "10"));
        int runs = Integer.parseInt(ImportBenchmark.flag(args, "--runs", "3"));
        if (url == null || db == null) {
            System.err.println("webinar-benchmark --url http://host:port --database-url jdbc:postgresql://… [--rush 2000] [--capacity 500] [--window 60]"
                    + " [--reminders 5000] [--sessions 10] [--runs 3] (GUICHET_ADMIN_EMAIL/PASSWORD: an administrator)");
            return 2;
        }
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
        String token = ImportBenchmark.login(client, url, env.getOrDefault("GUICHET_ADMIN_EMAIL", "admin@charge.test"),
                env.getOrDefault("GUICHET_ADMIN_PASSWORD", "mot-de-passe-charge"));
        boolean ok = true;
        for (int r = 1; r <= runs; r++) {
            String runId = Long.toString(System.currentTimeMillis(), 36);
            ok &= rush(client, url, token, runId, rush, capacity, window, r, out);
            if (reminders > 0) ok &= reminders(client, url, token, db, env, runId, reminders, sessions, r, out);
        }
        out.println(ok ? "result: every check passed" : "result: a check failed (see above)");
        return ok ? 0 : 1;
    }

    // ---- the rush ------------------------------------------------------------------------------------------------

    private static boolean rush(HttpClient client, String url, String token, String runId, int people, int capacity, int window, int run,
                                PrintStream out) {
        String session = session(client, url, token, "Salon : la ruée " + runId, capacity, Duration.ofDays(7));
        Latencies latencies = new Latencies();
        AtomicInteger errors = new AtomicInteger(), retriesWrong = new AtomicInteger();
        Map<Integer, String> ids = new ConcurrentHashMap<>();
        long start = System.nanoTime();
        long pace = window * 1_000_000_000L / Math.max(1, people);
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < people; i++) {
                int n = i;
                long due = start + n * pace;
                clients.submit(() -> {
                    sleepUntil(due);
                    Map<String, Object> body = Map.of("name", "Inès Bélanger-" + n, "email", "ruee-" + runId + "-" + n + "@exemple.ca", "lang", n % 3 == 0 ? "en" : "fr",
                            "clientId", runId + "-" + n);
                    long t0 = System.nanoTime();
                    HttpResponse<String> r = post(client, url + "/api/v1/webinars/sessions/" + session + "/registrations", null, body);
                    latencies.add(System.nanoTime() - t0);
                    if (r == null || r.statusCode() != 201) {
                        errors.incrementAndGet();
                        return;
                    }
                    ids.put(n, json(r.body()).path("id").asText());
                    if (n % 10 == 0) { // the same person pressing again: the same registration, answered 200
                        HttpResponse<String> again = post(client, url + "/api/v1/webinars/sessions/" + session + "/registrations", null, body);
                        if (again == null || again.statusCode() != 200 || !ids.get(n).equals(json(again.body()).path("id").asText())) retriesWrong.incrementAndGet();
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        Latencies.Summary s = latencies.summary();
        out.printf(Locale.ROOT, "rush %d: %d registrations to one session of %d seats over %.1f s: p50 %.0f ms, p95 %.0f ms, p99 %.0f ms, max %.0f ms; errors %d%n",
                run, people, capacity, seconds, s.percentile(50), s.percentile(95), s.percentile(99), s.max(), errors.get());
        JsonNode stored = ImportBenchmark.send(client, HttpRequest.newBuilder(URI.create(url + "/api/v1/webinars/sessions/" + session + "/registrations"))
                .header("Authorization", "Bearer " + token).timeout(TIMEOUT).GET()).path("registrations");
        Set<String> emails = new HashSet<>();
        int registered = 0, outOfOrder = 0, index = 0;
        for (JsonNode r : stored) {
            emails.add(r.path("email").asText());
            boolean seat = r.path("status").asText().equals("registered");
            if (seat) registered++;
            if (seat != index < capacity) outOfOrder++; // arrival order: the first `capacity` hold the seats, the others wait
            index++;
        }
        boolean ok = errors.get() == 0 && retriesWrong.get() == 0 && stored.size() == people && emails.size() == people
                && registered == Math.min(capacity, people) && outOfOrder == 0;
        out.printf(Locale.ROOT, "rush %d checks: stored %d (distinct %d), seats taken %d of %d, waitlisted %d, out of arrival order %d, retries wrong %d: %s%n",
                run, stored.size(), emails.size(), registered, capacity, stored.size() - registered, outOfOrder, retriesWrong.get(), ok ? "ok" : "FAILED");
        return ok;
    }

    // ---- a fair's reminders ----------------------------------------------------------------------------------------

    private static boolean reminders(HttpClient client, String url, String token, String db, Map<String, String> env, String runId, int people,
                                     int sessionCount, int run, PrintStream out) {
        List<String> sessions = new ArrayList<>();
        for (int i = 0; i < sessionCount; i++) sessions.add(session(client, url, token, "Salon, atelier " + (i + 1) + " " + runId, null, Duration.ofDays(3)));
        AtomicInteger errors = new AtomicInteger();
        long t0 = System.nanoTime();
        try (ExecutorService clients = Executors.newFixedThreadPool(32, Thread.ofVirtual().factory())) {
            for (int i = 0; i < people; i++) {
                int n = i;
                clients.submit(() -> {
                    HttpResponse<String> r = post(client, url + "/api/v1/webinars/sessions/" + sessions.get(n % sessionCount) + "/registrations", null,
                            Map.of("name", "Raphaël Côté-" + n, "email", "salon-" + runId + "-" + n + "@exemple.ca", "lang", n % 2 == 0 ? "fr" : "en"));
                    if (r == null || r.statusCode() != 201) errors.incrementAndGet();
                });
            }
        }
        out.printf(Locale.ROOT, "reminders %d: %d registrants over %d sessions registered in %.1f s (errors %d)%n", run, people, sessionCount,
                (System.nanoTime() - t0) / 1e9, errors.get());
        try (Connection c = DriverManager.getConnection(db, env.getOrDefault("GUICHET_DATABASE_USER", "postgres"),
                env.getOrDefault("GUICHET_DATABASE_PASSWORD", "postgres"))) {
            Long[] ids = sessions.stream().map(Long::valueOf).toArray(Long[]::new);
            // due now: the 24-hour reminder's moment is the last registration's (a reminder is not for those who registered after it)
            try (PreparedStatement move = c.prepareStatement("""
                    WITH last AS (SELECT max(created_at) AS at FROM webinar_registrations WHERE session_id = ANY(?))
                    UPDATE webinar_sessions SET starts_at = last.at + interval '24 hours', ends_at = last.at + interval '25 hours'
                    FROM last WHERE id = ANY(?)""")) {
                move.setArray(1, c.createArrayOf("bigint", ids));
                move.setArray(2, c.createArrayOf("bigint", ids));
                move.executeUpdate();
            }
            Instant due = Instant.now();
            Instant until = due.plus(Duration.ofSeconds(180));
            int queued = 0;
            Instant first = null, last = null;
            while (Instant.now().isBefore(until)) {
                try (PreparedStatement q = c.prepareStatement("""
                        SELECT count(*), min(m.sent_at), max(m.sent_at) FROM webinar_mails_sent m JOIN webinar_registrations r ON r.id = m.registration_id
                        WHERE m.kind = 'reminder' AND r.session_id = ANY(?)""")) {
                    q.setArray(1, c.createArrayOf("bigint", ids));
                    try (ResultSet rs = q.executeQuery()) {
                        rs.next();
                        queued = rs.getInt(1);
                        first = rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant();
                        last = rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant();
                    }
                }
                if (queued >= people - errors.get()) break;
                sleepUntil(System.nanoTime() + 500_000_000L);
            }
            boolean ok = errors.get() == 0 && queued == people;
            out.printf(Locale.ROOT, "reminders %d: %d of %d queued; the pass began %.1f s after they were due (it runs every minute) and queued them in %.2f s: %s%n",
                    run, queued, people, first == null ? -1 : Duration.between(due, first).toMillis() / 1000.0,
                    first == null ? -1 : Duration.between(first, last).toMillis() / 1000.0, ok ? "ok" : "FAILED");
            return ok;
        } catch (SQLException e) {
            out.println("reminders " + run + ": the database: " + e.getMessage());
            return false;
        }
    }

    // ---- shared ----------------------------------------------------------------------------------------------------

    private static String session(HttpClient client, String url, String token, String title, Integer capacity, Duration ahead) {
        Instant start = Instant.now().plus(ahead).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        Map<String, Object> body = new LinkedHashMap<>(Map.of("titleFr", title, "titleEn", title, "lang", "fr", "startsAt", start.toString().replace("Z", "+00:00"),
                "endsAt", start.plus(Duration.ofHours(1)).toString().replace("Z", "+00:00")));
        if (capacity != null) body.put("capacity", capacity);
        HttpResponse<String> r = post(client, url + "/api/v1/webinars/sessions", token, body);
        if (r == null || r.statusCode() != 201) throw new IllegalStateException("the session was not made: " + (r == null ? "no answer" : r.body()));
        return json(r.body()).path("id").asText();
    }

    /** The answer, or null when none came (counted as an error by the caller). */
    private static HttpResponse<String> post(HttpClient client, String url, String token, Map<String, Object> body) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.writeValueAsString(body), StandardCharsets.UTF_8));
            if (token != null) b.header("Authorization", "Bearer " + token);
            return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static JsonNode json(String body) {
        try {
            return Http.JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON: " + body, e);
        }
    }

    private static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait <= 0) return;
        try {
            Thread.sleep(Duration.ofNanos(wait));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private WebinarBenchmark() {
    }
}
