package io.guichet.platform.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pages' scripts share one small library (static/lib): one reconnecting socket, one fetch helper,
 * one CSRF hook, one announcer, one client id, one time formatter in the page's zone. A copy written
 * again in a page script fails here.
 */
class FrontEndLibraryTest {
    static final Path STATIC = Path.of("src/main/resources/static");
    static final List<String> PAGE_SCRIPTS = List.of("console.js", "live.js", "live-staff.js", "kb/assist.js", "widget/panel.js", "webinars/join.js",
            "webinars/programme.js");

    @Test
    void eachPieceLivesOnceInTheLibrary() throws IOException {
        Map<String, String> scripts = scripts();
        assertOnlyIn(scripts, "new WebSocket(", "lib/socket.js");
        assertOnlyIn(scripts, "fetch(", "lib/api.js");
        assertOnlyIn(scripts, "new XMLHttpRequest(", "lib/upload.js");
        assertOnlyIn(scripts, "htmx:configRequest", "lib/csrf.js");
        assertOnlyIn(scripts, "meta[name=\"csrf-token\"]", "lib/csrf.js");
        assertOnlyIn(scripts, "crypto.randomUUID", "lib/ids.js");
        assertOnlyIn(scripts, "Intl.DateTimeFormat", "lib/time.js");
        assertOnlyIn(scripts, Pattern.compile("textContent = '';\\s*setTimeout"), "lib/announce.js");
        scripts.forEach((name, text) -> assertThat(text).as("a time zone written in " + name)
                .doesNotContain("America/Montreal").doesNotContainPattern("timeZone: *['\"]"));
    }

    @Test
    void thePageScriptsAreModulesOfTheLibrary() throws IOException {
        Map<String, String> scripts = scripts();
        for (String page : PAGE_SCRIPTS) {
            assertThat(scripts.get(page)).as(page).containsPattern("(?m)^import .* from ['\"]/static/lib/");
        }
        // The snippet a host page embeds stays a classic script: it loads the panel, which is a module.
        assertThat(scripts.get("widget.js")).doesNotContainPattern("(?m)^import ").contains("\"use strict\"");
    }

    private static void assertOnlyIn(Map<String, String> scripts, String text, String home) {
        assertOnlyIn(scripts, Pattern.compile(Pattern.quote(text)), home);
    }

    private static void assertOnlyIn(Map<String, String> scripts, Pattern pattern, String home) {
        List<String> holders = scripts.entrySet().stream().filter(e -> pattern.matcher(e.getValue()).find()).map(Map.Entry::getKey).toList();
        assertThat(holders).as(pattern.pattern()).containsExactly(home);
    }

    private static Map<String, String> scripts() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(STATIC)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".js")).toList()) {
                out.put(STATIC.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        }
        return out;
    }
}
