package io.guichet.loadtest;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Reads the server's heap and CPU from its /metrics page, when it exposes one to us. */
final class ServerMetrics {
    record Reading(double heapBytes, double processCpu, double cpus) {
    }

    private final Http http;
    private final String token;
    private final long gcPid;

    ServerMetrics(Http http, String token, long gcPid) {
        this.http = http;
        this.token = token;
        this.gcPid = gcPid;
    }

    /** The current figures, or null when the server does not show them. */
    Reading read() {
        try {
            String page = http.getText("/metrics", token);
            double heap = 0, cpu = -1, cpus = 0;
            for (String line : page.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) heap += value(line);
                else if (line.startsWith("process_cpu_usage")) cpu = value(line);
                else if (line.startsWith("system_cpu_count")) cpus = value(line);
            }
            return new Reading(heap, cpu, cpus);
        } catch (IOException | RuntimeException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Live data only: asks the server's JVM for a full collection first (same machine, --gc-pid). */
    Reading readAfterGc() {
        if (gcPid > 0) {
            try {
                String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
                Process p = new ProcessBuilder(jcmd, Long.toString(gcPid), "GC.run").redirectErrorStream(true)
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                p.waitFor(30, TimeUnit.SECONDS);
            } catch (IOException e) {
                System.err.println("loadtest: jcmd failed: " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return read();
    }

    boolean afterGc() {
        return gcPid > 0;
    }

    private static double value(String line) {
        return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
    }
}
