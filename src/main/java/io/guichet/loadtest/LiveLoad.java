package io.guichet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code loadtest --live}: a live Q&A night. N people watch the wall of one session over
 * {@code /ws/live/{slug}} while voters upvote and withdraw at R votes a second. A vote counts as seen
 * by a viewer when a {@code votes} frame carries its question at a revision at least the one its
 * answer returned. Every vote is checked on a sample of the viewers (every tenth socket): all of them
 * receive and read every frame, as phones would.
 */
final class LiveLoad {
    private static final int SAMPLE_EVERY = 10;

    private final LoadOptions options;
    private final PrintStream out;
    private final HttpClient client;
    private final Http http;
    private final AtomicLong retries;
    private final Latencies ack = new Latencies();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong frames = new AtomicLong();
    private final ConcurrentLinkedQueue<long[]> votes = new ConcurrentLinkedQueue<>(); // question, rev, ackedAt
    private final Map<String, Integer> questionIndex = new HashMap<>();
    private final List<Viewer> viewers = new ArrayList<>();

    LiveLoad(LoadOptions options, PrintStream out, HttpClient client, Http http, AtomicLong retries) {
        this.options = options;
        this.out = out;
        this.client = client;
        this.http = http;
        this.retries = retries;
    }

    /** What one viewer saw of each question: the revision and the moment of every vote count received. */
    private final class Viewer {
        final boolean sampled;
        final long[][] at;
        final int[][] revs;
        final int[] seen;
        Line line;

        Viewer(boolean sampled, int questions) {
            this.sampled = sampled;
            this.at = new long[questions][];
            this.revs = new int[questions][];
            this.seen = new int[questions];
            for (int q = 0; q < questions; q++) {
                at[q] = new long[sampled ? 256 : 0];
                revs[q] = new int[sampled ? 256 : 0];
            }
        }

        void onFrame(JsonNode frame) {
            frames.incrementAndGet();
            if (!sampled || !"votes".equals(frame.path("type").asText())) return;
            long now = System.nanoTime();
            synchronized (this) {
                for (JsonNode v : frame.path("votes")) {
                    Integer q = questionIndex.get(v.path("id").asText());
                    if (q == null) continue;
                    if (seen[q] == at[q].length) {
                        at[q] = Arrays.copyOf(at[q], seen[q] * 2);
                        revs[q] = Arrays.copyOf(revs[q], seen[q] * 2);
                    }
                    at[q][seen[q]] = now;
                    revs[q][seen[q]++] = v.path("rev").asInt();
                }
            }
        }

        private int[][] highest;

        /** When this viewer first held a count of question q at revision rev or later; -1 if never. */
        synchronized long firstSeen(int q, int rev) {
            if (highest == null) {
                // Nodes may deliver out of order: what the wall shows is the highest revision received so far.
                highest = new int[revs.length][];
                for (int i = 0; i < revs.length; i++) {
                    highest[i] = new int[seen[i]];
                    for (int j = 0; j < seen[i]; j++) highest[i][j] = Math.max(revs[i][j], j == 0 ? 0 : highest[i][j - 1]);
                }
            }
            int lo = 0, hi = seen[q];
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (highest[q][mid] >= rev) hi = mid;
                else lo = mid + 1;
            }
            return lo == seen[q] ? -1 : at[q][lo];
        }
    }

    int run() {
        String admin = http.login(options.adminEmail(), options.adminPassword());
        String runId = "lt" + Long.toString(System.currentTimeMillis(), 36);
        String service = "charge-" + runId;
        expect(http.post("/api/v1/services", admin, Map.of("slug", service, "nameFr", "Test de charge", "nameEn", "Load test")), 201, "create the service");
        OffsetDateTime now = OffsetDateTime.now().truncatedTo(ChronoUnit.SECONDS);
        String slug = "soiree-" + runId;
        expect(http.post("/api/v1/live", admin, Map.of("slug", slug, "titleFr", "Soirée de charge", "titleEn", "Load night",
                "startsAt", now.minusMinutes(1).toString(), "endsAt", now.plusHours(2).toString(),
                "moderation", "post", "services", List.of(service))), 201, "create the session");
        expect(http.post("/api/v1/live/" + slug + "/start", admin, Map.of()), 200, "start the session");

        int questions = options.questions();
        int voters = Math.max(questions, Math.min(options.visitors(), 400));
        Report.progress("creating %d voters and %d questions", voters, questions);
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < voters; i++) {
            Http.Answer s = http.post("/api/v1/visitor/sessions", null, Map.of("name", "Votant " + i, "lang", "fr"));
            expect(s, 201, "create a voter");
            tokens.add(s.text("visitorToken"));
        }
        List<String> ids = new ArrayList<>();
        for (int q = 0; q < questions; q++) {
            Http.Answer a = http.post("/api/v1/live/" + slug + "/questions", tokens.get(q), Map.of("body",
                    "Question " + q + " : les cours d'été comptent-ils pour l'admission ?", "visibility", "public", "clientId", runId + "-q" + q));
            expect(a, 201, "ask a question");
            ids.add(a.text("id"));
            questionIndex.put(a.text("id"), q);
        }

        Report.progress("connecting %d viewers to /ws/live/%s", options.visitors(), slug);
        String ws = http.base().replaceFirst("^http", "ws") + "/ws/live/" + slug;
        for (int i = 0; i < options.visitors(); i++) {
            Viewer v = new Viewer(i % SAMPLE_EVERY == 0, questions);
            v.line = new Line(client, ws, v::onFrame, () -> { }, false, () -> { });
            viewers.add(v);
        }
        viewers.parallelStream().forEach(v -> v.line.open());
        ServerMetrics metrics = new ServerMetrics(http, options.metricsToken(), options.gcPid());

        Report.progress("voting at %s a second for %d s", Report.number(options.rate()), options.duration());
        boolean[][] voted = new boolean[voters][questions];
        long start = System.nanoTime();
        long end = start + options.duration() * 1_000_000_000L;
        long interval = (long) (1_000_000_000L / options.rate());
        long k = 0;
        for (long due = start; due < end; due += interval, k++) {
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            int voter = (int) (k % voters);
            int q = (int) ((k / voters + voter) % questions);
            boolean add = !voted[voter][q];
            voted[voter][q] = add;
            String path = "/api/v1/live/" + slug + "/questions/" + ids.get(q) + "/vote";
            String token = tokens.get(voter);
            Thread.ofVirtual().start(() -> vote(path, token, add, q));
        }
        Report.progress("waiting %d s for the last frames", options.drainSeconds());
        Http.sleep(options.drainSeconds() * 1_000L);

        Latencies wall = new Latencies();
        long missed = 0;
        int sampled = 0;
        for (Viewer v : viewers) {
            if (!v.sampled) continue;
            sampled++;
            for (long[] vote : votes) {
                long seenAt = v.firstSeen((int) vote[0], (int) vote[1]);
                if (seenAt < 0) missed++;
                else wall.add(Math.max(0, seenAt - vote[2]));
            }
        }
        viewers.forEach(v -> v.line.close());
        return report(wall.summary(), missed, sampled, metrics.readAfterGc(), voters);
    }

    private void vote(String path, String token, boolean add, int q) {
        sent.incrementAndGet();
        long t0 = System.nanoTime();
        try {
            Http.Answer a = add ? http.put(path, token) : http.delete(path, token);
            if (a.status() != 200) {
                Report.progress("a vote was refused: %d %s", a.status(), a.json());
                return;
            }
            long t1 = System.nanoTime();
            ack.add(t1 - t0);
            acknowledged.incrementAndGet();
            votes.add(new long[]{q, a.json().path("rev").asInt(), t1});
        } catch (Http.Failed e) {
            Report.progress("a vote failed: %s", e.getMessage());
        }
    }

    private int report(Latencies.Summary wall, long missed, int sampled, ServerMetrics.Reading server, int voters) {
        out.println();
        out.printf(Locale.ROOT, "Guichet live load test: %d viewers, %d voters, %d questions, %s votes/s for %d s, on %s%n",
                options.visitors(), voters, options.questions(), Report.number(options.rate()), options.duration(), http.base());
        Report.header(out);
        Report.row(out, "vote acknowledgement", ack.summary());
        Report.row(out, "vote seen on the wall", wall);
        out.printf(Locale.ROOT, "votes: sent %d, acknowledged %d; checked on %d viewers: %d vote counts never seen%n",
                sent.get(), acknowledged.get(), sampled, missed);
        out.printf(Locale.ROOT, "frames received by the %d viewers: %d (%.1f per viewer per second)%n",
                viewers.size(), frames.get(), frames.get() / (double) viewers.size() / options.duration());
        if (retries.get() > 0) out.printf("%d requests retried after a 503%n", retries.get());
        if (server != null) {
            out.printf(Locale.ROOT, "server: heap %.0f MiB after the run%s%n", server.heapBytes() / 1048576, options.gcPid() > 0 ? " (after a full GC)" : "");
        }
        boolean ok = missed == 0 && sent.get() == acknowledged.get();
        out.println(ok ? "result: every vote reached every checked wall" : "result: FAILED (votes refused or never seen)");
        return ok ? 0 : 1;
    }


    private static void expect(Http.Answer a, int status, String what) {
        if (a.status() != status) throw new Http.Failed("could not " + what + ": " + a.status() + " " + a.json());
    }

}
