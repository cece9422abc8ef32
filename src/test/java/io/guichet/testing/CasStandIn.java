package io.guichet.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A CAS 3.0 server on loopback, speaking the protocol as documented (apereo.github.io/cas, "CAS Protocol 3.0
 * Specification"): {@code /cas/login?service=} sends the browser back to the service with {@code ticket=ST-…};
 * {@code /cas/p3/serviceValidate?service=&ticket=} answers {@code cas:authenticationSuccess} with the user and its
 * attributes for a ticket issued for exactly that service, once, and {@code cas:authenticationFailure} otherwise.
 * Who signs in next is set with {@link #nextUser}.
 */
public final class CasStandIn implements AutoCloseable {
    private record Person(String user, Map<String, List<String>> attributes) {
    }

    private record Ticket(String service, Person person) {
    }

    private final HttpServer server;
    private final Map<String, Ticket> tickets = new ConcurrentHashMap<>();
    private volatile Person next;

    public CasStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        server.createContext("/cas/login", this::login);
        server.createContext("/cas/p3/serviceValidate", this::validate);
        server.createContext("/cas/logout", ex -> answer(ex, 200, "text/html", "<p>Déconnecté</p>"));
        server.start();
    }

    public String url() {
        return "http://localhost:" + server.getAddress().getPort() + "/cas";
    }

    /** The person who signs in at the next /login, with their attributes (mail, displayName, memberOf…). */
    public void nextUser(String user, Map<String, List<String>> attributes) {
        next = new Person(user, attributes);
    }

    private void login(HttpExchange ex) throws IOException {
        String service = query(ex).get("service");
        if (service == null || next == null) {
            answer(ex, 400, "text/plain", "no service");
            return;
        }
        String ticket = "ST-" + UUID.randomUUID();
        tickets.put(ticket, new Ticket(service, next));
        ex.getResponseHeaders().add("Location", service + (service.contains("?") ? "&" : "?") + "ticket=" + ticket);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void validate(HttpExchange ex) throws IOException {
        Map<String, String> q = query(ex);
        Ticket t = q.get("ticket") == null ? null : tickets.remove(q.get("ticket")); // a ticket is validated once
        StringBuilder xml = new StringBuilder("<cas:serviceResponse xmlns:cas=\"http://www.yale.edu/tp/cas\">\n");
        if (t == null || !t.service().equals(q.get("service"))) {
            xml.append("  <cas:authenticationFailure code=\"INVALID_TICKET\">Ticket not recognized</cas:authenticationFailure>\n");
        } else {
            xml.append("  <cas:authenticationSuccess>\n    <cas:user>").append(escape(t.person().user())).append("</cas:user>\n    <cas:attributes>\n");
            t.person().attributes().forEach((name, values) -> values.forEach(v ->
                    xml.append("      <cas:").append(name).append('>').append(escape(v)).append("</cas:").append(name).append(">\n")));
            xml.append("    </cas:attributes>\n  </cas:authenticationSuccess>\n");
        }
        answer(ex, 200, "application/xml;charset=UTF-8", xml.append("</cas:serviceResponse>\n").toString());
    }

    private static Map<String, String> query(HttpExchange ex) {
        Map<String, String> out = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null) return out;
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void answer(HttpExchange ex, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", type);
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
