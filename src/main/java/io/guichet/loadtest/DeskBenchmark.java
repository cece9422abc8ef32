package io.guichet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.WebSocket;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code java -jar guichet.jar desk-benchmark --url http://localhost:8080 [--faculties 12] [--professors 120] [--agents 40]
 * [--sittings 100] [--students 3000] [--incidents 150] [--seconds 1800]}: an exam morning. It imports the sittings
 * (students spread over them), makes the helpdesk agents and the faculty accounts (professors on line, spread over
 * the faculties), opens one socket each on {@code /ws/agent}, then opens the incidents at an even pace over the
 * seconds given and measures, for every frame {@code incident.created}, the time from the request's start to its
 * arrival at each entitled socket. It prints p50, p99 and the maximum, how many deliveries were missing, and how many
 * reached a socket that should not have had them (another faculty's account). The target: p99 under 2 s, none wrong.
 */
public final class DeskBenchmark {
    private DeskBenchmark() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    /** One socket: whose it is, and when each incident's created frame arrived. */
    static final class Listener implements WebSocket.Listener {
        final int faculty; // -1: the helpdesk
        final Map<String, Long> arrivals = new ConcurrentHashMap<>();
        private final StringBuilder partial = new StringBuilder();

        Listener(int faculty) {
            this.faculty = faculty;
        }

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                long now = System.nanoTime();
                try {
                    JsonNode f = Http.JSON.readTree(partial.toString());
                    if ("incident.created".equals(f.path("type").asText())) arrivals.putIfAbsent(f.path("incidentId").asText(), now);
                } catch (java.io.IOException e) {
                    // not a frame of ours
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        String url = ImportBenchmark.flag(args, "--url", null);
        if (url == null) {
            System.err.println("desk-benchmark --url http://host:port [--faculties 12] [--professors 120] [--agents 40] [--sittings 100] "
                    + "[--students 3000] [--incidents 150] [--seconds 1800] (GUICHET_ADMIN_EMAIL/PASSWORD: an administrator)");
            return 2;
        }
        int faculties = Integer.parseInt(ImportBenchmark.flag(args, "--faculties", "12"));
        int professors = Integer.parseInt(ImportBenchmark.flag(args, "--professors", "120"));
        int agents = Integer.parseInt(ImportBenchmark.flag(args, "--agents", "40"));
        int sittings = Integer.parseInt(ImportBenchmark.flag(args, "--sittings", "100"));
        int students = Integer.parseInt(ImportBenchmark.flag(args, "--students", "3000"));
        int incidents = Integer.parseInt(ImportBenchmark.flag(args, "--incidents", "150"));
        int seconds = Integer.parseInt(ImportBenchmark.flag(args, "--seconds", "1800"));
        String run = Long.toString(System.currentTimeMillis(), 36);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String admin = ImportBenchmark.login(client, url, env.getOrDefault("GUICHET_ADMIN_EMAIL", "admin@charge.test"),
                env.getOrDefault("GUICHET_ADMIN_PASSWORD", "mot-de-passe-charge"));
        String password = "mot-de-passe-du-banc-" + run;

        // the morning's sittings, each of one faculty, students spread over them
        List<Long> sittingIds = new ArrayList<>();
        List<Integer> sittingFaculty = new ArrayList<>();
        String start = OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(15).withNano(0).toString();
        for (int s = 0; s < sittings; s++) {
            int f = s % faculties;
            ObjectNode b = Http.JSON.createObjectNode().put("sittingId", "bench-" + run + "-" + s).put("courseCode", "BNC-" + s)
                    .put("courseTitle", "Examen " + s).put("start", start).put("durationMinutes", 180).put("mode", "remote");
            b.putObject("faculty").put("code", "bench-" + run + "-f" + f).put("name", "Faculté " + f).put("examOfficeEmail", "examens-" + f + "@bench.test")
                    .put("backupEmail", "releve-" + f + "@bench.test");
            b.putArray("professors").addObject().put("email", "prof-" + s + "@bench.test").put("name", "Prof. " + s);
            ArrayNode numbers = b.putArray("studentNumbers");
            for (int n = s; n < students; n += sittings) numbers.add("B" + run + n);
            sittingIds.add(post(client, url, admin, "/api/v1/desk/sittings", b).path("id").asLong());
            sittingFaculty.add(f);
        }
        // the helpdesk and the faculty accounts on line, one socket each
        List<Listener> listeners = new ArrayList<>();
        List<WebSocket> sockets = new ArrayList<>();
        for (int a = 0; a < agents + professors; a++) {
            boolean agent = a < agents;
            int f = agent ? -1 : (a - agents) % faculties;
            String email = (agent ? "agent-" : "faculte-") + a + "-" + run + "@bench.test";
            ObjectNode b = Http.JSON.createObjectNode().put("email", email).put("name", "Banc " + a).put("password", password)
                    .put("role", agent ? "agent" : "faculty").put("maxConcurrent", 1);
            b.putArray("services");
            long id = post(client, url, admin, "/api/v1/staff", b).path("id").asLong();
            if (!agent) post(client, url, admin, "/api/v1/desk/faculties/bench-" + run + "-f" + f + "/members", Http.JSON.createObjectNode().put("staffId", id));
            String token = ImportBenchmark.login(client, url, email, password);
            Listener l = new Listener(f);
            listeners.add(l);
            sockets.add(client.newWebSocketBuilder().buildAsync(URI.create(url.replaceFirst("^http", "ws") + "/ws/agent?token=" + token), l).join());
        }
        out.printf(Locale.ROOT, "%d sittings, %d students, %d agents and %d faculty accounts on line; %d incidents over %d s%n",
                sittings, students, agents, professors, incidents, seconds);

        // the incidents, at an even pace; each one's start time kept for its deliveries
        Map<String, Long> started = new ConcurrentHashMap<>();
        Map<String, Integer> facultyOf = new ConcurrentHashMap<>();
        long pace = seconds * 1_000_000_000L / Math.max(1, incidents);
        long t0 = System.nanoTime();
        AtomicInteger failed = new AtomicInteger();
        for (int i = 0; i < incidents; i++) {
            long due = t0 + i * pace;
            while (System.nanoTime() < due) Http.sleep(Math.max(1, (due - System.nanoTime()) / 1_000_000));
            int s = i % sittings;
            ObjectNode b = Http.JSON.createObjectNode().put("clientId", UUID.randomUUID().toString()).put("studentNumber", "B" + run + s)
                    .put("sittingId", sittingIds.get(s)).put("category", "connection").put("description", "Connexion perdue (banc d’essai)")
                    .put("startedAt", OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1).withNano(0).toString());
            long begin = System.nanoTime();
            try {
                String id = post(client, url, admin, "/api/v1/desk/incidents", b).path("id").asText();
                started.put(id, begin);
                facultyOf.put(id, sittingFaculty.get(s));
            } catch (RuntimeException e) {
                failed.incrementAndGet();
            }
        }
        Http.sleep(5_000); // the last frames arrive
        List<Long> latencies = new ArrayList<>();
        int missing = 0, wrong = 0;
        for (var e : started.entrySet()) {
            int f = facultyOf.get(e.getKey());
            for (Listener l : listeners) {
                Long at = l.arrivals.get(e.getKey());
                boolean entitled = l.faculty == -1 || l.faculty == f;
                if (!entitled) {
                    if (at != null) wrong++;
                } else if (at == null) {
                    missing++;
                } else {
                    latencies.add((at - e.getValue()) / 1_000_000);
                }
            }
        }
        sockets.forEach(w -> w.sendClose(WebSocket.NORMAL_CLOSURE, "done"));
        Collections.sort(latencies);
        if (latencies.isEmpty()) {
            out.println("result: no frame arrived");
            return 1;
        }
        long p50 = latencies.get(latencies.size() / 2), p99 = latencies.get(Math.min(latencies.size() - 1, (int) Math.ceil(latencies.size() * 0.99) - 1));
        out.printf(Locale.ROOT, "deliveries: %d, p50 %d ms, p99 %d ms, max %d ms; missing %d, to someone not entitled %d; incidents refused %d%n",
                latencies.size(), p50, p99, latencies.get(latencies.size() - 1), missing, wrong, failed.get());
        boolean ok = p99 < 2_000 && missing == 0 && wrong == 0 && failed.get() == 0;
        out.println("result: " + (ok ? "p99 under 2 s, every notice to its people and none to anyone else" : "target missed"));
        return ok ? 0 : 1;
    }

    private static JsonNode post(HttpClient client, String url, String token, String path, JsonNode body) {
        return ImportBenchmark.send(client, HttpRequest.newBuilder(URI.create(url + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }
}
