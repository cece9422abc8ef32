package io.guichet.kb;

import io.guichet.kb.internal.Analyzers;
import io.guichet.platform.Markdown;
import io.guichet.kb.internal.SearchIndex;
import io.guichet.kb.internal.Synonyms;
import io.guichet.kb.internal.Texts;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code java -jar guichet.jar kb-benchmark [--articles 10000] [--rounds 20]}: the help centre's
 * retrieval benchmark. Quality: the shipped sample articles and queries typed the way people type
 * (MRR@5, top-1 accuracy). Speed: the same queries against that many articles (the samples plus
 * generated ones made of their sentences), through the same search and highlighting as the API.
 */
public final class KbBenchmark {
    private static final int K = 5;

    public record Query(String lang, String text, String expectedKey) {
    }

    public record Quality(int queries, double mrr, double top1, List<String> misses) {
    }

    /** Wall-clock percentiles, and the p95 of the CPU time the searching thread used (unaffected by other processes). */
    public record Speed(int articles, int searches, double p50Millis, double p95Millis, double p99Millis, double p95CpuMillis) {
    }

    public static void main(String[] args) {
        int articles = intFlag(args, "--articles", 10_000);
        int rounds = intFlag(args, "--rounds", 20);
        Quality q = quality();
        System.out.printf(Locale.ROOT, "Retrieval: %d queries over %d articles%n", q.queries(), SampleArticles.load().size());
        System.out.printf(Locale.ROOT, "  MRR@%d      %.3f%n  top-1      %.3f%n", K, q.mrr(), q.top1());
        q.misses().forEach(m -> System.out.println("  miss: " + m));
        Speed s = speed(articles, rounds);
        System.out.printf(Locale.ROOT, "Speed: %d searches over %d articles (snippets included)%n", s.searches(), s.articles());
        System.out.printf(Locale.ROOT, "  p50 %.2f ms   p95 %.2f ms   p99 %.2f ms   (CPU time p95 %.2f ms)%n",
                s.p50Millis(), s.p95Millis(), s.p99Millis(), s.p95CpuMillis());
    }

    /** MRR@5 and top-1 accuracy of the shipped queries against the shipped articles, with the default synonyms. */
    public static Quality quality() {
        List<SampleArticles.Sample> samples = SampleArticles.load();
        try (SearchIndex index = newIndex()) {
            index.replaceAll(docs(samples));
            double reciprocal = 0;
            int first = 0;
            List<Query> queries = queries();
            List<String> misses = new ArrayList<>();
            for (Query query : queries) {
                List<SearchResult> results = index.search(query.text(), query.lang(), K);
                int rank = 0;
                for (int i = 0; i < results.size(); i++) {
                    if (samples.get((int) results.get(i).id()).key().equals(query.expectedKey())) {
                        rank = i + 1;
                        break;
                    }
                }
                if (rank > 0) reciprocal += 1.0 / rank;
                if (rank == 1) first++;
                if (rank != 1) {
                    misses.add("\"" + query.text() + "\" → expected " + query.expectedKey() + " at rank " + (rank == 0 ? ">" + K : rank)
                            + (results.isEmpty() ? "" : ", first " + samples.get((int) results.getFirst().id()).key()));
                }
            }
            return new Quality(queries.size(), reciprocal / queries.size(), (double) first / queries.size(), misses);
        }
    }

    /** Search latency percentiles with this many articles in the index. */
    public static Speed speed(int articles, int rounds) {
        List<SampleArticles.Sample> samples = SampleArticles.load();
        List<SearchIndex.Doc> docs = new ArrayList<>(docs(samples));
        Random random = new Random(42);
        for (int id = docs.size(); id < articles; id++) docs.add(generated(id, docs, samples.size(), random));
        List<Query> queries = queries();
        try (SearchIndex index = newIndex()) {
            index.replaceAll(docs);
            for (int i = 0; i < 3; i++) for (Query q : queries) index.search(q.text(), q.lang(), K); // warm-up
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long[] nanos = new long[queries.size() * rounds];
            long[] cpu = new long[nanos.length];
            int n = 0;
            for (int r = 0; r < rounds; r++) {
                for (Query q : queries) {
                    long startCpu = threads.getCurrentThreadCpuTime();
                    long start = System.nanoTime();
                    index.search(q.text(), q.lang(), K);
                    nanos[n] = System.nanoTime() - start;
                    cpu[n++] = threads.getCurrentThreadCpuTime() - startCpu;
                }
            }
            Arrays.sort(nanos);
            Arrays.sort(cpu);
            return new Speed(docs.size(), nanos.length, percentile(nanos, 50), percentile(nanos, 95), percentile(nanos, 99),
                    percentile(cpu, 95));
        }
    }

    public static List<Query> queries() {
        return Texts.resource("/kb/benchmark/queries.tsv").lines()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t"))
                .map(p -> new Query(p[0], p[1], p[2]))
                .toList();
    }

    private static SearchIndex newIndex() {
        return new SearchIndex(new Analyzers(Synonyms.defaults("fr"), Synonyms.defaults("en")));
    }

    /** The samples, their position in the list as their id. */
    private static List<SearchIndex.Doc> docs(List<SampleArticles.Sample> samples) {
        List<SearchIndex.Doc> docs = new ArrayList<>();
        for (int i = 0; i < samples.size(); i++) {
            SampleArticles.Sample s = samples.get(i);
            docs.add(new SearchIndex.Doc(i, s.lang(), Texts.slug(s.title()), s.title(), Markdown.text(s.body()), s.tags(), s.service()));
        }
        return docs;
    }

    /** An article made of sentences of real ones in one language, so that queries match many documents. */
    private static SearchIndex.Doc generated(int id, List<SearchIndex.Doc> docs, int realCount, Random random) {
        SearchIndex.Doc model = docs.get(random.nextInt(realCount));
        List<String> sentences = new ArrayList<>();
        for (int i = 0; i < 4 + random.nextInt(5); i++) {
            SearchIndex.Doc from = docs.get(random.nextInt(realCount));
            if (!from.lang().equals(model.lang())) from = model;
            String[] parts = from.text().split("(?<=[.!?:])\\s+");
            sentences.add(parts[random.nextInt(parts.length)]);
        }
        String[] titleWords = docs.get(random.nextInt(realCount)).title().split(" ");
        String title = String.join(" ", Arrays.copyOfRange(titleWords, 0, Math.min(titleWords.length, 2 + random.nextInt(4)))) + " " + id;
        return new SearchIndex.Doc(id, model.lang(), "generated-" + id, title, String.join(" ", sentences), model.tags(), model.service());
    }

    private static double percentile(long[] sorted, int p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, i)] / 1e6;
    }

    private static int intFlag(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                try {
                    return Integer.parseInt(args[i + 1]);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(name + " needs a whole number, not " + args[i + 1]);
                }
            }
        }
        return fallback;
    }

    private KbBenchmark() {
    }
}
