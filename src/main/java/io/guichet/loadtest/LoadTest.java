package io.guichet.loadtest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/*
 * Over 300 lines: the load generator's command line, its scenarios' orchestration and its report; the
 * simulated visitors, agents and measures are apart.
 */
/**
 * {@code java -jar guichet.jar loadtest}: drives a running Guichet through its public API and
 * WebSockets only, as the widget and the console do, and reports loss, duplication and latencies.
 * It knows nothing of the server's code: what it measures is what a visitor and an agent live.
 */
public final class LoadTest {
    private static final int PARALLEL_SETUP = 32;
    /** Creating and signing in an agent hashes a password (Argon2id): a few at a time is enough. */
    private static final int PARALLEL_AGENTS = 4;

    private final LoadOptions options;
    private final PrintStream out;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final List<Http> nodes = new ArrayList<>();
    private final List<SimVisitor> visitors = new ArrayList<>();
    private final List<SimAgent> agents = new ArrayList<>();
    private final ObjectNode figures = Http.JSON.createObjectNode();
    private Traffic traffic;
    private Latencies.Summary startAck;
    private long ackedBeforeWindow;
    private ServerMetrics metrics;
    private final List<Double> cpuSamples = new ArrayList<>();
    private final AtomicLong retries = new AtomicLong();

    private LoadTest(LoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    /** Runs a load test and prints its report; the exit status is 0 only when nothing was lost or duplicated. */
    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        LoadOptions options;
        try {
            options = LoadOptions.parse(args, env);
        } catch (LoadOptions.Invalid e) {
            if (!e.getMessage().isEmpty()) System.err.println("loadtest: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            return 2;
        }
        try {
            return new LoadTest(options, out).execute();
        } catch (Http.Failed e) {
            System.err.println("loadtest: stopped: " + e.getMessage());
            return 1;
        }
    }

    private int execute() {
        for (String url : options.urls()) nodes.add(new Http(client, url, options.reconnect(), retries));
        if (options.live()) return new LiveLoad(options, out, client, nodes.getFirst(), retries).run();
        if (options.burst() > 0) return new BurstLoad(options, out, client, nodes.getFirst()).run();
        metrics = new ServerMetrics(nodes.getFirst(), options.metricsToken(), options.gcPid());
        setUp();
        retries.set(0);
        Thread sampler = Thread.ofVirtual().start(this::sampleCpu);
        startConversations();
        List<RateStep> steps = new ArrayList<>();
        if (options.peak()) {
            for (int k = 1; ; k++) {
                double rate = options.rate() * k;
                traffic.ledger.resetLatencies();
                double achieved = drive(rate);
                drain();
                double p99 = deliveries().percentile(99);
                boolean lost = traffic.ledger.pending() > 0;
                steps.add(new RateStep(rate, achieved, p99, lost));
                out.printf(Locale.ROOT, "step %d: %.0f visitor messages/s asked, %.0f sent, delivery p99 %.1f ms%s%n",
                        k, rate, achieved, p99, lost ? ", some not delivered within the drain" : "");
                if (!steps.getLast().sustained(options.peakLimitMillis())) break;
            }
        } else {
            drive(options.rate());
            drain();
        }
        sampler.interrupt();
        long lostInStore = verifyStored();
        int status = report(steps, lostInStore, retries.get());
        visitors.forEach(SimVisitor::close);
        agents.forEach(SimAgent::close);
        traffic.close();
        return status;
    }

    // ------------------------------------------------------------------ set-up

    private void setUp() {
        Http first = nodes.getFirst();
        String admin = first.login(options.adminEmail(), options.adminPassword());
        String runId = "lt" + Long.toString(System.currentTimeMillis(), 36);
        String service = first.createService(admin, "charge", runId, "Test de charge", "Load test");
        traffic = new Traffic(options, runId, service);
        int capacity = Math.min(100, (options.visitors() + options.agents() - 1) / options.agents() + 1);
        String password = "charge-" + java.util.UUID.randomUUID();
        Report.progress("creating %d agents (at most %d conversations each)", options.agents(), capacity);
        parallel(options.agents(), PARALLEL_AGENTS, i -> {
            String email = runId + "-agent-" + i + "@loadtest.invalid";
            first.createAgent(admin, email, "Agent de charge " + i, password, service, capacity);
            int node = i % nodes.size();
            SimAgent agent = new SimAgent(traffic, nodes.get(node), node, nodes.get(node).login(email, password));
            agent.connect(client);
            synchronized (agents) {
                agents.add(agent);
            }
            return null;
        });
        ServerMetrics.Reading before = metrics.readAfterGc();
        Report.progress("connecting %d visitors", options.visitors());
        parallel(options.visitors(), PARALLEL_SETUP, i -> {
            int node = i % nodes.size();
            SimVisitor v = new SimVisitor(traffic, nodes.get(node), node, Integer.toString(i));
            v.connect(client);
            synchronized (visitors) {
                visitors.add(v);
            }
            return null;
        });
        ServerMetrics.Reading connected = metrics.readAfterGc();
        if (before != null && connected != null && metrics.afterGc()) {
            figures.put("heapBeforeVisitorsMiB", before.heapBytes() / 1048576);
            figures.put("heapWithVisitorsMiB", connected.heapBytes() / 1048576);
            figures.put("heapPerIdleVisitorKiB", (connected.heapBytes() - before.heapBytes()) / options.visitors() / 1024);
        }
    }

    private interface Step {
        Void run(int i) throws Exception;
    }

    /** Runs the step for 0…n-1, a few at a time, and fails on the first error. */
    private void parallel(int n, int atOnce, Step step) {
        Semaphore permits = new Semaphore(atOnce);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Void>> results = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                int index = i;
                Callable<Void> task = () -> {
                    permits.acquire();
                    try {
                        return step.run(index);
                    } finally {
                        permits.release();
                    }
                };
                results.add(pool.submit(task));
            }
            for (Future<Void> f : results) f.get();
        } catch (java.util.concurrent.ExecutionException e) {
            throw e.getCause() instanceof Http.Failed failed ? failed : new Http.Failed(String.valueOf(e.getCause()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Http.Failed("interrupted");
        }
    }

    // ------------------------------------------------------------------ traffic

    /**
     * Every visitor starts a conversation, at --start-rate a second, and the run waits until they are
     * assigned and their first messages answered: the measured window that follows is steady chat.
     */
    private void startConversations() {
        Report.progress("starting %d conversations, %s a second", visitors.size(), Report.number(options.startRate()));
        pace(options.startRate(), visitors.size(), Long.MAX_VALUE);
        drain();
        startAck = traffic.ledger.ack.summary();
        traffic.ledger.resetLatencies();
        ackedBeforeWindow = traffic.ledger.acked.get();
    }

    /** Sends visitor messages at this rate for the configured duration, round-robin over visitors; returns the rate achieved. */
    private double drive(double rate) {
        long start = System.nanoTime();
        long sentBefore = traffic.ledger.sentByVisitors.get();
        pace(rate, Long.MAX_VALUE, start + options.duration() * 1_000_000_000L);
        return (traffic.ledger.sentByVisitors.get() - sentBefore) / ((System.nanoTime() - start) / 1e9);
    }

    /** One visitor message every 1/rate seconds, round-robin over the visitors, until {@code count} or {@code end}. */
    private void pace(double rate, long count, long end) {
        long start = System.nanoTime();
        long interval = (long) (1_000_000_000L / rate);
        long nextProgress = start + 1_000_000_000L;
        long i = 0;
        for (long due = start; due < end && i < count; due += interval) {
            long wait = due - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            SimVisitor v = visitors.get((int) (i++ % visitors.size()));
            Thread.ofVirtual().start(v::send);
            if (System.nanoTime() > nextProgress) {
                showProgress(start);
                nextProgress += 1_000_000_000L;
            }
        }
    }

    private void showProgress(long start) {
        Ledger l = traffic.ledger;
        Report.progress("%3ds  sent %d  acknowledged %d  delivered %d  delivery p99 %.1f ms  reconnections %d",
                (System.nanoTime() - start) / 1_000_000_000L, l.sent.get(), l.acked.get(), l.delivered.get(),
                deliveries().percentile(99), traffic.reconnects.get());
    }

    /** Waits until every acknowledged message has reached its recipient, or the drain time is over. */
    private void drain() {
        long end = System.nanoTime() + options.drainSeconds() * 1_000_000_000L;
        long quiet = 0;
        while (System.nanoTime() < end) {
            Http.sleep(200);
            // Done when nothing is pending and no answer is still on its way for 1 s.
            if (traffic.ledger.pending() == 0 && traffic.ledger.sent.get() == traffic.ledger.acked.get() + traffic.ledger.refused.get()) {
                if (++quiet >= 5) return;
            } else {
                quiet = 0;
            }
        }
    }

    private Latencies.Summary deliveries() {
        return traffic.ledger.visitorToAgent.summaryWith(traffic.ledger.agentToVisitor);
    }

    private void sampleCpu() {
        while (!Thread.currentThread().isInterrupted()) {
            ServerMetrics.Reading r = metrics.read();
            if (r != null && r.processCpu() >= 0) {
                synchronized (cpuSamples) {
                    cpuSamples.add(r.processCpu());
                }
            }
            try {
                Thread.sleep(1_000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ checks and report

    /** Reads every conversation back as its visitor: each acknowledged message must be stored, once. */
    private long verifyStored() {
        Report.progress("checking that every acknowledged message is stored");
        java.util.Set<String> storedIds = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.Map<String, Integer> perClientId = new java.util.concurrent.ConcurrentHashMap<>();
        parallel(visitors.size(), PARALLEL_SETUP, i -> {
            for (var m : visitors.get(i).storedMessages()) {
                storedIds.add(m.path("id").asText());
                String cid = m.path("clientId").asText(null);
                if (cid != null) perClientId.merge(cid, 1, Integer::sum);
            }
            return null;
        });
        long missing = 0;
        for (Ledger.Entry e : traffic.ledger.all()) {
            if (e.ackedAt == 0) continue;
            if (!storedIds.contains(e.messageId)) missing++;
            if (perClientId.getOrDefault(e.clientId, 0) > 1) traffic.ledger.duplicated.incrementAndGet();
        }
        return missing;
    }

    /** One rate of a --peak run: sustained when every delivery came in time and the rate asked was really sent. */
    private record RateStep(double rate, double achieved, double p99, boolean lost) {
        boolean sustained(double limitMillis) {
            return p99 <= limitMillis && !lost && achieved >= rate * 0.9;
        }
    }

    private int report(List<RateStep> steps, long lostInStore, long retries) {
        Ledger l = traffic.ledger;
        long undelivered = l.pending();
        long lost = undelivered + lostInStore;
        long unacknowledged = l.sent.get() - l.acked.get();
        out.println();
        out.printf(Locale.ROOT, "Guichet load test: %d visitors, %d agents, %s visitor messages/s for %d s, on %s%n",
                options.visitors(), options.agents(), options.peak() ? "rising" : Report.number(options.rate()), options.duration(),
                String.join(" + ", options.urls()));
        Report.header(out);
        out.println("  while the conversations start:");
        row("acknowledgement", startAck, "startAck");
        row("assignment", l.assignment.summary(), "assignment");
        out.println("  during the measured window (first messages and their answers excluded):");
        row("acknowledgement", l.ack.summary(), "ack");
        row("delivery visitor → agent", l.visitorToAgent.summary(), "visitorToAgent");
        row("delivery agent → visitor", l.agentToVisitor.summary(), "agentToVisitor");
        if (nodes.size() > 1) row("delivery across nodes", l.crossNode.summary(), "crossNode");
        out.printf(Locale.ROOT, "messages: sent %d, acknowledged %d, delivered %d, lost %d, duplicated %d, unacknowledged %d%n",
                l.sent.get(), l.acked.get(), l.delivered.get(), lost, l.duplicated.get(), unacknowledged);
        if (lostInStore > 0) out.printf("  of the lost, %d were acknowledged but are not stored%n", lostInStore);
        if (l.repushed.get() > 0) out.printf("  %d pushed again after a node lost its notices (same id: the client shows it once)%n", l.repushed.get());
        if (l.recoveredByFetch.get() > 0) out.printf("  %d delivered by a catch-up fetch (after a gap or a reconnection)%n", l.recoveredByFetch.get());
        if (retries > 0 || options.reconnect()) {
            out.printf("%d requests retried with the same clientId (503 or server away), %d socket reconnections%n",
                    retries, traffic.reconnects.get());
        }
        double seconds = options.duration() * Math.max(1, steps.size());
        double throughput = (l.acked.get() - ackedBeforeWindow) / seconds;
        out.printf(Locale.ROOT, "throughput in the window: %.1f messages/s acknowledged (visitors and agents)%n", throughput);
        ServerMetrics.Reading end = metrics.readAfterGc();
        if (end != null) {
            double cpu;
            synchronized (cpuSamples) {
                cpu = cpuSamples.stream().mapToDouble(Double::doubleValue).average().orElse(-1);
            }
            out.printf(Locale.ROOT, "server: heap %.0f MiB after the run%s; process CPU %.0f %% of %d cores on average%n",
                    end.heapBytes() / 1048576, metrics.afterGc() ? " (after a full GC)" : "", cpu * 100, (int) end.cpus());
            figures.put("heapAfterRunMiB", end.heapBytes() / 1048576);
            figures.put("serverCpuShare", cpu);
            if (figures.has("heapPerIdleVisitorKiB")) {
                out.printf(Locale.ROOT, "idle cost per connected visitor socket: %.1f KiB of heap%n", figures.get("heapPerIdleVisitorKiB").asDouble());
            }
        } else {
            out.println("server: /metrics not readable from here (use --metrics-token)");
        }
        if (!steps.isEmpty()) peakReport(steps);
        figures.put("sent", l.sent.get()).put("acknowledged", l.acked.get()).put("delivered", l.delivered.get())
                .put("lost", lost).put("duplicated", l.duplicated.get()).put("unacknowledged", unacknowledged)
                .put("throughput", throughput).put("reconnections", traffic.reconnects.get());
        writeJson();
        boolean ok = lost == 0 && l.duplicated.get() == 0 && unacknowledged == 0;
        out.println(ok ? "result: nothing lost, nothing duplicated" : "result: FAILED (lost, duplicated or unacknowledged messages)");
        return ok ? 0 : 1;
    }

    private void peakReport(List<RateStep> steps) {
        double peak = steps.stream().filter(s -> s.sustained(options.peakLimitMillis())).mapToDouble(RateStep::rate).max().orElse(0);
        out.printf(Locale.ROOT, "peak sustainable rate: %s visitor messages/s (%s messages/s with the answers) with delivery p99 ≤ %s ms%n",
                Report.number(peak), Report.number(peak * 2), Report.number(options.peakLimitMillis()));
        figures.put("peakVisitorRate", peak).put("peakMessageRate", peak * 2);
        if (options.databaseUrl() != null) {
            try {
                Report.progress("measuring the database's ceiling with %d connections", options.databaseConcurrency());
                double ceiling = DatabaseCeiling.insertsPerSecond(options.databaseUrl(), options.databaseUser(),
                        options.databasePassword(), options.databaseConcurrency(), 10);
                out.printf(Locale.ROOT, "database ceiling: %.0f single-row committed inserts/s with %d connections; the chat path reached %.0f %% of it%n",
                        ceiling, options.databaseConcurrency(), peak * 2 / ceiling * 100);
                figures.put("databaseCeiling", ceiling).put("shareOfCeiling", peak * 2 / ceiling);
            } catch (java.sql.SQLException e) {
                out.println("database ceiling: not measured (" + e.getMessage() + ")");
            }
        }
    }

    private void row(String label, Latencies.Summary s, String key) {
        Report.row(out, label, s);
        figures.putObject(key).put("count", s.count()).put("p50", s.percentile(50)).put("p95", s.percentile(95))
                .put("p99", s.percentile(99)).put("max", s.max());
    }

    private void writeJson() {
        if (options.reportJson() == null) return;
        try {
            Files.writeString(Path.of(options.reportJson()), Http.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(figures));
        } catch (java.io.IOException e) {
            System.err.println("loadtest: could not write " + options.reportJson() + ": " + e.getMessage());
        }
    }

}
