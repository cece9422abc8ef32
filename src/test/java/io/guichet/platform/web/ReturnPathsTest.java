package io.guichet.platform.web;

import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Return paths (?back=, ?next=) only ever lead to this site. */
class ReturnPathsTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh());
    static final Api api = node.api();

    @Test
    void anythingButASameSitePathBecomesTheHomePage() {
        for (String bad : new String[]{"/\t/evil.example/", "//evil.example/", "/\\evil.example", "https://evil.example/",
                "javascript:alert(1)", "/ /evil.example", "/%2F/evil.example", "/\n/evil", "evil.example", "", null}) {
            assertThat(ReturnPaths.safe(bad)).as(String.valueOf(bad)).isEqualTo("/");
        }
        assertThat(ReturnPaths.safe("/console?view=mine")).isEqualTo("/console?view=mine");
        assertThat(ReturnPaths.safe("/kb/articles/12")).isEqualTo("/kb/articles/12");
    }

    @Test
    void theLanguageSwitchAndTheLoginNeverRedirectToAnotherHost() {
        // A tab is now refused with every control character at the boundary; what gets past it still goes home.
        var tab = api.get("/lang/en?back=/%09/evil.example/", null);
        assertThat(tab.status()).isEqualTo(422);
        assertThat(tab.raw().headers().firstValue("Location")).isEmpty();
        for (String bad : new String[]{"//evil.example/", "/%5Cevil.example", "https://evil.example/", "/%2F/evil.example"}) {
            var lang = api.get("/lang/en?back=" + bad, null);
            assertThat(lang.status()).isEqualTo(302);
            assertThat(lang.raw().headers().firstValue("Location").orElseThrow()).as(bad).isEqualTo("/");
        }
        var ok = api.get("/lang/en?back=/login", null);
        assertThat(ok.raw().headers().firstValue("Location").orElseThrow()).isEqualTo("/login");
        var login = api.get("/login?next=//evil.example/", null);
        assertThat(login.raw().body()).doesNotContain("evil.example");
    }
}
