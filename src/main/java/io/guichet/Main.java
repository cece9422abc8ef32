package io.guichet;

import io.guichet.loadtest.LoadTest;
import io.guichet.platform.Config;

import java.util.Arrays;

/**
 * {@code java -jar guichet.jar [serve] [--flags]} starts the server; {@code loadtest …} drives one;
 * {@code kb-benchmark} runs the help centre's retrieval and speed benchmark; {@code import-benchmark} times a
 * 50,000-row contact import against a running server; {@code search-benchmark} times the conversation search over
 * 500,000 conversations seeded into a running server's database; {@code insights-benchmark} times a month's report over a
 * year of 500,000 conversations seeded the same way; {@code webinar-benchmark} times the registration rush to
 * one session and a fair's reminder pass against a running server; {@code alert-benchmark} times an emergency alert's banner,
 * mails, pushes and acknowledgements against a running server.
 */
public final class Main {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("loadtest")) {
            LoadTest.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("import-benchmark")) {
            io.guichet.loadtest.ImportBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("desk-benchmark")) {
            io.guichet.loadtest.DeskBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("search-benchmark")) {
            io.guichet.loadtest.SearchBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("insights-benchmark")) {
            io.guichet.loadtest.InsightsBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("webinar-benchmark")) {
            io.guichet.loadtest.WebinarBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("alert-benchmark")) {
            io.guichet.loadtest.AlertBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length > 0 && args[0].equals("kb-benchmark")) {
            io.guichet.kb.KbBenchmark.main(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        String[] rest = args.length > 0 && args[0].equals("serve") ? Arrays.copyOfRange(args, 1, args.length) : args;
        Config config;
        try {
            config = Config.load(System.getenv(), rest);
        } catch (Config.InvalidSetting e) {
            System.err.println("Guichet cannot start: " + e.getMessage());
            System.exit(2);
            return;
        }
        App app = App.start(config);
        Runtime.getRuntime().addShutdownHook(new Thread(app::close, "shutdown"));
    }

    private Main() {
    }
}
