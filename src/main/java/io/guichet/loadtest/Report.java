package io.guichet.loadtest;

import java.io.PrintStream;
import java.util.Locale;

/** How both scenarios print: progress on stderr, latency rows and rates on the report stream. */
final class Report {
    static void progress(String format, Object... args) {
        System.err.printf(Locale.ROOT, "loadtest: " + format + "%n", args);
    }

    static void header(PrintStream out) {
        out.printf("%-30s %8s %9s %9s %9s %9s%n", "latency (ms)", "count", "p50", "p95", "p99", "max");
    }

    static void row(PrintStream out, String label, Latencies.Summary s) {
        out.printf(Locale.ROOT, "%-30s %8d %9.1f %9.1f %9.1f %9.1f%n", label, s.count(), s.percentile(50), s.percentile(95),
                s.percentile(99), s.max());
    }

    /** 200 rather than 200.0, 12.5 as is. */
    static String number(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : String.format(Locale.ROOT, "%.1f", d);
    }

    private Report() {
    }
}
