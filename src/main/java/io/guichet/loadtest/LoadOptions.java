package io.guichet.loadtest;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The command line of {@code guichet.jar loadtest}; a bad option stops with a message naming it. */
record LoadOptions(
        List<String> urls,
        int visitors,
        int agents,
        double rate,
        double startRate,
        int duration,
        String adminEmail,
        String adminPassword,
        boolean reconnect,
        boolean live,
        int burst,
        int questions,
        boolean peak,
        double peakLimitMillis,
        int drainSeconds,
        String metricsToken,
        long gcPid,
        String databaseUrl,
        String databaseUser,
        String databasePassword,
        int databaseConcurrency,
        String reportJson) {

    static final String USAGE = """
            Usage: java -jar guichet.jar loadtest --url http://host:port [options]

              --url URL[,URL…]         the Guichet node(s) to drive; visitors and agents alternate between them
              --visitors N             visitor sockets to open (default 100)
              --agents M               agents answering (default 10)
              --rate R                 visitor messages per second, in total; every one is answered by an agent (default 20)
              --start-rate C           conversations started per second before the measured window (default 50)
              --duration S             seconds of steady traffic (default 30)
              --admin-email E          an administrator (default: $GUICHET_ADMIN_EMAIL)
              --admin-password P       its password (default: $GUICHET_ADMIN_PASSWORD)
              --reconnect              survive a server restart during the run: sockets reconnect and catch up,
                                       refused writes are retried with the same clientId
              --live                   a live Q&A night instead: --visitors watch one session's wall, --rate votes
                                       a second go up and down on --questions questions (default 20)
              --burst N                the deadline-night rush instead: N visitors arrive at once (session, socket, first
                                       message), asked once with no retry; --agents are online to take them
              --peak                   raise the rate step by step (R, 2R, 3R…) until delivery p99 passes the limit
              --peak-limit MS          the p99 delivery limit for --peak (default 250)
              --drain S                seconds to wait for the last deliveries (default 10)
              --metrics-token T        bearer token for /metrics when the server is not on this machine
              --gc-pid PID             the server's process id on this machine: a full GC (jcmd) before heap readings
              --database-url JDBC      also measure the database's own ceiling: single-row committed inserts/s
              --database-user U, --database-password P, --database-concurrency C (default 20, the server's pool)
              --report-json FILE       also write the figures as JSON

            The server must run with GUICHET_RATE_LIMITS=off (the generator comes from one address).
            Exit status: 0 when nothing was lost or duplicated, 1 otherwise, 2 for a bad command line.""";

    static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    static LoadOptions parse(String[] args, java.util.Map<String, String> env) {
        List<String> urls = new ArrayList<>();
        int visitors = 100, agents = 10, duration = 30, drain = 10, dbConcurrency = 20;
        double rate = 20, startRate = 50, peakLimit = 250;
        String email = env.get("GUICHET_ADMIN_EMAIL"), password = env.get("GUICHET_ADMIN_PASSWORD");
        String metricsToken = null, dbUrl = null, dbUser = "postgres", dbPassword = "postgres", json = null;
        boolean reconnect = false, peak = false, live = false;
        int questions = 20, burst = 0;
        long gcPid = 0;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            switch (name) {
                case "--reconnect" -> reconnect = true;
                case "--peak" -> peak = true;
                case "--live" -> live = true;
                case "--help", "-h" -> throw new Invalid("");
                default -> {
                    if (i + 1 >= args.length) throw new Invalid("Missing value for " + name);
                    String value = args[++i];
                    switch (name) {
                        case "--url" -> Arrays.stream(value.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                                .map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).forEach(urls::add);
                        case "--visitors" -> visitors = whole(name, value, 1, 100_000);
                        case "--agents" -> agents = whole(name, value, 1, 10_000);
                        case "--rate" -> rate = decimal(name, value);
                        case "--start-rate" -> startRate = decimal(name, value);
                        case "--questions" -> questions = whole(name, value, 1, 500);
                        case "--burst" -> burst = whole(name, value, 1, 100_000);
                        case "--duration" -> duration = whole(name, value, 1, 86_400);
                        case "--admin-email" -> email = value;
                        case "--admin-password" -> password = value;
                        case "--peak-limit" -> peakLimit = decimal(name, value);
                        case "--drain" -> drain = whole(name, value, 1, 600);
                        case "--metrics-token" -> metricsToken = value;
                        case "--gc-pid" -> gcPid = whole(name, value, 1, Integer.MAX_VALUE);
                        case "--database-url" -> dbUrl = value;
                        case "--database-user" -> dbUser = value;
                        case "--database-password" -> dbPassword = value;
                        case "--database-concurrency" -> dbConcurrency = whole(name, value, 1, 1_000);
                        case "--report-json" -> json = value;
                        default -> throw new Invalid("Unknown option " + name);
                    }
                }
            }
        }
        if (urls.isEmpty()) throw new Invalid("--url is required");
        for (String u : urls) {
            if (!u.startsWith("http://") && !u.startsWith("https://")) throw new Invalid("--url must start with http:// or https://: " + u);
        }
        if (email == null || password == null) throw new Invalid("--admin-email and --admin-password are required");
        if (dbUrl != null && !dbUrl.startsWith("jdbc:postgresql:")) throw new Invalid("--database-url must be jdbc:postgresql://…");
        if (!live && burst == 0 && agents * 100L < visitors) throw new Invalid("--agents: each agent holds at most 100 conversations, so "
                + visitors + " visitors need at least " + (visitors + 99) / 100 + " agents");
        return new LoadOptions(List.copyOf(urls), visitors, agents, rate, startRate, duration, email, password, reconnect, live, burst, questions, peak,
                peakLimit, drain, metricsToken, gcPid, dbUrl, dbUser, dbPassword, dbConcurrency, json);
    }

    private static int whole(String name, String value, int min, int max) {
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Invalid(name + " must be a whole number from " + min + " to " + max + ": " + value);
    }

    private static double decimal(String name, String value) {
        try {
            double d = Double.parseDouble(value);
            if (d > 0 && d <= 1_000_000) return d;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Invalid(name + " must be a positive number: " + value.toLowerCase(Locale.ROOT));
    }
}
