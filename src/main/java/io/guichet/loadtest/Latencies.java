package io.guichet.loadtest;

import java.util.Arrays;

/** Every sample kept (a run has at most a few hundred thousand), so percentiles are exact. */
final class Latencies {
    private long[] micros = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == micros.length) micros = Arrays.copyOf(micros, size * 2);
        micros[size++] = Math.max(0, nanos / 1_000);
    }

    synchronized int count() {
        return size;
    }

    /** The sorted samples in milliseconds. */
    synchronized Summary summary() {
        long[] sorted = Arrays.copyOf(micros, size);
        Arrays.sort(sorted);
        return new Summary(sorted);
    }

    /** These samples and another set's, together. */
    Summary summaryWith(Latencies other) {
        long[] mine = summary().sortedMicros(), theirs = other.summary().sortedMicros();
        long[] all = Arrays.copyOf(mine, mine.length + theirs.length);
        System.arraycopy(theirs, 0, all, mine.length, theirs.length);
        Arrays.sort(all);
        return new Summary(all);
    }

    synchronized void clear() {
        size = 0;
    }

    record Summary(long[] sortedMicros) {
        int count() {
            return sortedMicros.length;
        }

        /** The value at this percentile, in milliseconds (nearest rank); 0 when there is no sample. */
        double percentile(double p) {
            if (sortedMicros.length == 0) return 0;
            int rank = (int) Math.ceil(p / 100.0 * sortedMicros.length);
            return sortedMicros[Math.max(0, Math.min(sortedMicros.length - 1, rank - 1))] / 1000.0;
        }

        double max() {
            return sortedMicros.length == 0 ? 0 : sortedMicros[sortedMicros.length - 1] / 1000.0;
        }
    }
}
