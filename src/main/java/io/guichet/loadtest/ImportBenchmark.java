package io.guichet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * {@code java -jar guichet.jar import-benchmark --url http://localhost:8080 [--rows 50000] [--runs 3]}: times a
 * contact import through the public API as an integrator sends one. Each run first imports a small file of
 * known people (a tenth of the rows), then the timed file: accented French and English names, a tenth of its
 * rows matching the known people (to be updated, found by email or student number, in capitals or not), one in
 * twenty refused (a bad email, a bad phone, a year out of range, a wrong number of cells), the rest new. It
 * polls the import's progress as the staff screen does and prints the median wall-clock time of the runs.
 */
public final class ImportBenchmark {
    private static final String[] FIRST = {"Élodie", "Noémie", "François", "Jérôme", "Zoé", "Gaël", "Anaïs", "Chloé", "Maël", "Léa",
            "Béatrice", "Raphaël", "Inès", "Émile", "Thérèse", "Hélène", "Jean-François", "Marie-Ève", "Liam", "Olivia", "Noah", "Emma"};
    private static final String[] LAST = {"Tremblay", "Gagnon", "Côté", "Bélanger", "Lévesque", "Bérubé", "Gagné", "D’Amours",
            "O’Connor", "Lafrenière", "Pelletier", "Bouchard", "Roy", "Fortin", "Ouellet", "Nguyen", "Smith", "Thériault", "Ménard"};
    private static final String[] CITIES = {"Montréal", "Québec", "Trois-Rivières", "Sherbrooke", "Lévis", "Gatineau", "Rimouski",
            "Saint-Jérôme", "Chicoutimi", "Ottawa"};
    private static final String[] PROGRAMMES = {"Sciences de la nature", "Techniques de l’informatique", "Soins infirmiers",
            "Sciences humaines", "Arts, lettres et communication", "Génie mécanique"};
    private static final String[] KINDS = {"prospect", "étudiant", "diplômé", "parent", "prospect, parent"};
    static final String HEADER = "Prénom;Nom;Courriel;Téléphone;Matricule;Langue;Type;Programme;Année de diplomation;Ville;Code postal;Étiquettes\n";

    /** What one run did. */
    record Run(long millis, int imported, int updated, int rejected) {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out));
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out) {
        String url = flag(args, "--url", null);
        int rows = Integer.parseInt(flag(args, "--rows", "50000"));
        int runs = Integer.parseInt(flag(args, "--runs", "3"));
        String email = env.getOrDefault("GUICHET_ADMIN_EMAIL", "admin@charge.test");
        String password = env.getOrDefault("GUICHET_ADMIN_PASSWORD", "mot-de-passe-charge");
        if (url == null) {
            System.err.println("import-benchmark --url http://host:port [--rows 50000] [--runs 3] (GUICHET_ADMIN_EMAIL/PASSWORD: an administrator)");
            return 2;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String token = login(client, url, email, password);
        List<Run> done = new ArrayList<>();
        for (int r = 1; r <= runs; r++) {
            String runId = Long.toString(System.currentTimeMillis(), 36) + r;
            Generated file = generate(runId, rows, 20261201L + r);
            JsonNode seeded = waitFor(client, url, token, post(client, url, token, file.known()));
            if (seeded.path("imported").asInt() != file.knownRows()) throw new IllegalStateException("the known people were not imported: " + seeded);
            long start = System.nanoTime();
            JsonNode report = waitFor(client, url, token, post(client, url, token, file.timed()));
            long millis = (System.nanoTime() - start) / 1_000_000;
            Run result = new Run(millis, report.path("imported").asInt(), report.path("updated").asInt(), report.path("rejected").size());
            done.add(result);
            out.printf(Locale.ROOT, "run %d: %d rows in %.1f s (%.0f rows/s): imported %d, updated %d, rejected %d (expected %d, %d, %d)%n", r, rows,
                    millis / 1000.0, rows * 1000.0 / Math.max(1, millis), result.imported(), result.updated(), result.rejected(),
                    file.expectedNew(), file.expectedUpdates(), file.expectedRejected());
            if (result.imported() != file.expectedNew() || result.updated() != file.expectedUpdates() || result.rejected() != file.expectedRejected()) {
                out.println("result: the counts differ from what the file holds");
                return 1;
            }
        }
        List<Long> times = done.stream().map(Run::millis).sorted().toList();
        out.printf(Locale.ROOT, "median of %d runs: %.1f s for %d rows%n", runs, times.get(times.size() / 2) / 1000.0, rows);
        return 0;
    }

    /** The two files of a run and what the timed one should do. */
    record Generated(byte[] known, int knownRows, byte[] timed, int expectedNew, int expectedUpdates, int expectedRejected) {
    }

    /** Deterministic for a seed: the same rows every time, so runs compare. */
    static Generated generate(String runId, int rows, long seed) {
        Random random = new Random(seed);
        int knownRows = Math.max(1, rows / 10);
        StringBuilder known = new StringBuilder("\uFEFF").append(HEADER);
        for (int i = 0; i < knownRows; i++) known.append(line(random, runId, "k" + i, i % 2 == 0 ? studentNumber(runId, i) : "", null, phoneSlot(seed, i)));
        StringBuilder timed = new StringBuilder("\uFEFF").append(HEADER);
        int fresh = 0, updates = 0, rejected = 0;
        for (int i = 0; i < rows; i++) {
            if (i % 20 == 7) {
                timed.append(bad(random, runId, i));
                rejected++;
            } else if (i % 10 == 3 && updates < knownRows) {
                int k = updates++;
                // Found by its email (in capitals, as people type them) or, for half, by the student number alone.
                boolean byStudent = k % 2 == 0 && k % 4 == 0;
                timed.append(line(random, runId, "k" + k, k % 2 == 0 ? studentNumber(runId, k) : "", byStudent ? "" : "upper",
                        phoneSlot(seed, k)));
            } else {
                timed.append(line(random, runId, "n" + i, "", null, phoneSlot(seed, knownRows + i)));
                fresh++;
            }
        }
        return new Generated(known.toString().getBytes(StandardCharsets.UTF_8), knownRows, timed.toString().getBytes(StandardCharsets.UTF_8),
                fresh, updates, rejected);
    }

    /**
     * A phone number of its own for each person of a run (a known person and its update share one): the import
     * matches on phones too, so a random number shared by two people would turn a new row into an update.
     */
    private static int phoneSlot(long seed, int person) {
        return (int) (seed % 8) * 100_000 + person;
    }

    /** One good row; {@code email} "upper" writes the address in capitals, "" leaves it out. */
    private static String line(Random random, String runId, String key, String student, String email, int phoneSlot) {
        String first = pick(random, FIRST), last = pick(random, LAST);
        String address = (key + "." + runId + "@exemple.ca");
        String shown = email == null ? address : email.equals("upper") ? address.toUpperCase(Locale.ROOT) : "";
        String phone = random.nextInt(3) == 0 ? "" : "514 " + (200 + phoneSlot / 10_000) + "-" + String.format(Locale.ROOT, "%04d", phoneSlot % 10_000);
        String year = random.nextInt(4) == 0 ? Integer.toString(2015 + random.nextInt(12)) : "";
        return String.join(";", first, last, shown, phone, student, random.nextBoolean() ? "fr" : "en", pick(random, KINDS),
                pick(random, PROGRAMMES), year, pick(random, CITIES), "H2X 1Y4", random.nextInt(5) == 0 ? "portes ouvertes" : "") + "\n";
    }

    private static String bad(Random random, String runId, int i) {
        String first = pick(random, FIRST), last = pick(random, LAST);
        return switch ((i / 20) % 4) {
            case 0 -> String.join(";", first, last, "pas-un-courriel-" + i, "", "", "fr", "prospect", "", "", "Laval", "", "") + "\n";
            case 1 -> String.join(";", first, last, "b" + i + "." + runId + "@exemple.ca", "12", "", "fr", "prospect", "", "", "Laval", "", "") + "\n";
            case 2 -> String.join(";", first, last, "c" + i + "." + runId + "@exemple.ca", "", "", "fr", "diplômé", "", "1850", "Laval", "", "") + "\n";
            default -> String.join(";", first, last, "d" + i + "." + runId + "@exemple.ca", "Laval") + "\n";
        };
    }

    private static String studentNumber(String runId, int i) {
        return (runId + "-" + i).toUpperCase(Locale.ROOT);
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    // ---------------------------------------------------------------- HTTP

    static String login(HttpClient client, String url, String email, String password) {
        JsonNode r = send(client, HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/login")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Http.JSON.createObjectNode().put("email", email).put("password", password).toString())));
        if (!r.hasNonNull("token")) throw new IllegalStateException("login refused: " + r);
        return r.path("token").asText();
    }

    private static JsonNode post(HttpClient client, String url, String token, byte[] csv) {
        return send(client, HttpRequest.newBuilder(URI.create(url + "/api/v1/contacts/import")).timeout(Duration.ofMinutes(5))
                .header("Authorization", "Bearer " + token).header("Content-Type", "text/csv; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(csv)));
    }

    /** The report: at once for a small file, else by polling the import until it is done. */
    private static JsonNode waitFor(HttpClient client, String url, String token, JsonNode answer) {
        if (!answer.has("import")) return answer;
        String path = "/api/v1/contacts/imports/" + answer.path("import").path("id").asText();
        while (true) {
            JsonNode job = send(client, HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Bearer " + token).GET()).path("import");
            String status = job.path("status").asText();
            if (status.equals("done")) return job;
            if (!status.equals("running")) throw new IllegalStateException("the import stopped: " + job);
            Http.sleep(250);
        }
    }

    static JsonNode send(HttpClient client, HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            if (r.statusCode() >= 300) throw new IllegalStateException("HTTP " + r.statusCode() + ": " + r.body());
            return Http.JSON.readTree(r.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String flag(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) if (args[i].equals(name)) return args[i + 1];
        return fallback;
    }

    private ImportBenchmark() {
    }
}
