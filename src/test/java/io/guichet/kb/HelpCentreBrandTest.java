package io.guichet.kb;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.sun.net.httpserver.HttpServer;
import io.guichet.platform.Brand;
import io.guichet.platform.Config;
import io.guichet.testing.Browsers;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The help centre wears the institution's name and logo from settings (the logo served by the institution's own
 * site, here a small local server, and let through the pages' Content-Security-Policy), and every page has a
 * real favicon.
 */
class HelpCentreBrandTest {
    static HttpServer institutionSite;
    static TestNode node;
    static Browsers browsers;

    @BeforeAll
    static void start() throws IOException {
        byte[] logo = png();
        institutionSite = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        institutionSite.createContext("/images/logo.png", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, logo.length);
            exchange.getResponseBody().write(logo);
            exchange.close();
        });
        institutionSite.start();
        node = TestNode.start(TestDatabases.fresh(), Map.of("GUICHET_INSTITUTION_NAME", "Cégep de Rimouski",
                "GUICHET_INSTITUTION_LOGO", "http://127.0.0.1:" + institutionSite.getAddress().getPort() + "/images/logo.png"));
        browsers = new Browsers();
    }

    @AfterAll
    static void stop() {
        if (browsers != null) browsers.close();
        if (node != null) node.close();
        institutionSite.stop(0);
    }

    @Test
    void theHelpCentreShowsTheInstitutionsLogoAndNameOnAPhoneAndADesktop() {
        List<String> problems = new ArrayList<>();
        for (int width : new int[] {390, 1440}) {
            try (BrowserContext context = browsers.person(width, 844, "fr-CA")) {
                Page page = context.newPage();
                List<String> refused = new ArrayList<>();
                page.onConsoleMessage(m -> { if (m.text().contains("Content Security Policy")) refused.add(m.text()); });
                page.navigate(node.baseUrl() + "/aide");
                assertThat(page.locator(".help-brand").textContent().strip()).isEqualTo("Cégep de Rimouski · Centre d’aide");
                page.waitForFunction("document.querySelector('.help-logo').complete");
                assertThat(page.evaluate("document.querySelector('.help-logo').naturalWidth")).as("the logo loaded").isEqualTo(120);
                assertThat(refused).isEmpty();
                Browsers.shoot(page, "help-brand-" + width, problems);
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyPageHasARealFavicon() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ico = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/favicon.ico")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ico.statusCode()).isEqualTo(301);
        assertThat(ico.headers().firstValue("Location")).hasValue("/static/favicon.svg");
        HttpResponse<String> svg = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + "/static/favicon.svg")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(svg.statusCode()).isEqualTo(200);
        assertThat(svg.headers().firstValue("Content-Type").orElse("")).startsWith("image/svg+xml");
        assertThat(svg.body()).startsWith("<svg");
        for (String path : new String[] {"/aide", "/login"}) {
            String html = http.send(HttpRequest.newBuilder(URI.create(node.baseUrl() + path)).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertThat(html).as(path).contains("<link rel=\"icon\" href=\"/static/favicon.svg\" type=\"image/svg+xml\">");
        }
    }

    @Test
    void aLogoThatIsNotAnImageAddressStopsTheStart() {
        for (String bad : new String[] {"javascript:alert(1)", "logo.png", "https://", "http://exemple.ca/a b.png"}) {
            assertThatThrownBy(() -> Brand.from(new Config.Settings(Map.of("GUICHET_INSTITUTION_LOGO", bad))))
                    .as(bad).isInstanceOf(Config.InvalidSetting.class);
        }
        assertThat(Brand.from(new Config.Settings(Map.of("GUICHET_INSTITUTION_LOGO", "https://www.cegep-rimouski.qc.ca/logo.svg"))).logoOrigin())
                .isEqualTo("https://www.cegep-rimouski.qc.ca");
    }

    private static byte[] png() throws IOException {
        BufferedImage image = new BufferedImage(120, 40, BufferedImage.TYPE_INT_RGB);
        var g = image.createGraphics();
        g.setColor(new Color(0x8a1538));
        g.fillRect(0, 0, 120, 40);
        g.setColor(Color.WHITE);
        g.fillRect(10, 10, 20, 20);
        g.fillRect(40, 16, 70, 8);
        g.dispose();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }
}
