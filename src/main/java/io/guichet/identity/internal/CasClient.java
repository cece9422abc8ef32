package io.guichet.identity.internal;

import io.guichet.identity.ExternalIdentity;
import io.guichet.identity.SsoSettings;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CAS 3.0, the part a service speaks: send the browser to {@code /login?service=}, then validate the ticket it
 * brings back with {@code /p3/serviceValidate} and read the XML answer ({@code cas:authenticationSuccess} with
 * {@code cas:user} and {@code cas:attributes}, or {@code cas:authenticationFailure}). Written here rather than
 * through pac4j-cas: the protocol is two requests and one small document, and pac4j would bring its own web
 * abstractions for a framework it does not support. The XML parser refuses DTDs (no XXE).
 */
public final class CasClient {
    private static final String CAS_NS = "http://www.yale.edu/tp/cas";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final SsoSettings.Cas cas;

    public CasClient(SsoSettings.Cas cas) {
        this.cas = cas;
    }

    public URI login(String service) {
        return URI.create(cas.url() + "/login?service=" + encode(service));
    }

    public URI logout(String service) {
        return URI.create(cas.url() + "/logout?service=" + encode(service));
    }

    /** The person the ticket stands for, validated for exactly this service address. */
    public ExternalIdentity validate(String ticket, String service) throws SignInFailure {
        byte[] body;
        try {
            HttpResponse<byte[]> r = HTTP.send(HttpRequest.newBuilder(URI.create(cas.url() + "/p3/serviceValidate?service=" + encode(service)
                    + "&ticket=" + encode(ticket))).timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
            if (r.statusCode() != 200) throw new SignInFailure("CAS answered " + r.statusCode(), null);
            body = r.body();
        } catch (java.io.IOException e) {
            throw new SignInFailure("CAS unreachable: " + e.getClass().getSimpleName(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SignInFailure("interrupted", e);
        }
        return parse(body);
    }

    static ExternalIdentity parse(byte[] xml) throws SignInFailure {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setExpandEntityReferences(false);
            doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new SignInFailure("CAS answer is not XML: " + e.getClass().getSimpleName(), e);
        }
        NodeList failure = doc.getElementsByTagNameNS(CAS_NS, "authenticationFailure");
        if (failure.getLength() > 0) {
            throw new SignInFailure("CAS refused the ticket: " + ((Element) failure.item(0)).getAttribute("code"), null);
        }
        NodeList success = doc.getElementsByTagNameNS(CAS_NS, "authenticationSuccess");
        if (success.getLength() != 1) throw new SignInFailure("CAS answer has no authenticationSuccess", null);
        Element ok = (Element) success.item(0);
        String user = text(ok, "user");
        if (user == null || user.isBlank()) throw new SignInFailure("CAS answer names no user", null);
        Map<String, List<String>> attributes = new LinkedHashMap<>();
        NodeList attrs = ok.getElementsByTagNameNS(CAS_NS, "attributes");
        if (attrs.getLength() > 0) {
            for (Node n = attrs.item(0).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) attributes.computeIfAbsent(e.getLocalName(), k -> new ArrayList<>()).add(e.getTextContent().strip());
            }
        }
        String email = first(attributes, "mail", "email");
        if (email == null && user.contains("@")) email = user;
        List<String> groups = new ArrayList<>(attributes.getOrDefault("memberOf", List.of()));
        groups.addAll(attributes.getOrDefault("groups", List.of()));
        return new ExternalIdentity(SsoSettings.CAS_ID, user.strip(), email, first(attributes, "displayName", "cn", "name"), groups);
    }

    private static String text(Element parent, String name) {
        NodeList l = parent.getElementsByTagNameNS(CAS_NS, name);
        return l.getLength() == 0 ? null : l.item(0).getTextContent();
    }

    private static String first(Map<String, List<String>> attributes, String... names) {
        for (String n : names) if (attributes.containsKey(n)) return attributes.get(n).getFirst();
        return null;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
