package io.guichet.platform.web;

import io.guichet.testing.Api;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

import java.net.http.HttpHeaders;

import static org.assertj.core.api.Assertions.assertThat;

/** Every response says what the browser may run, embed and send; only the widget's panel may be framed elsewhere. */
class SecurityHeadersTest {
    @AutoClose
    static final TestNode node = TestNode.start(TestDatabases.fresh());
    static final Api api = node.api();

    @Test
    void staffPagesApiAndStaticFilesCannotBeFramedOrSniffed() {
        String admin = api.adminToken();
        for (HttpHeaders h : new HttpHeaders[]{api.get("/login", null).raw().headers(), api.get("/console", admin).raw().headers(),
                api.get("/api/v1/services", null).raw().headers(), api.get("/static/guichet.css", null).raw().headers(),
                api.get("/no-such-page", null).raw().headers()}) {
            String csp = h.firstValue("Content-Security-Policy").orElse("");
            assertThat(csp).contains("script-src 'self'", "frame-ancestors 'none'", "connect-src 'self' ws: wss:", "object-src 'none'");
            assertThat(csp).doesNotContain("unsafe-eval").doesNotContainPattern("script-src[^;]*unsafe-inline");
            assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
            assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
            assertThat(h.firstValue("Referrer-Policy")).hasValue("strict-origin-when-cross-origin");
        }
    }

    @Test
    void theWidgetPanelStaysFrameableByAnyHostPage() {
        HttpHeaders h = api.get("/widget/panel?lang=fr", null).raw().headers();
        assertThat(h.firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors *", "script-src 'self'");
        assertThat(h.firstValue("X-Frame-Options")).isEmpty();
        assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
}
