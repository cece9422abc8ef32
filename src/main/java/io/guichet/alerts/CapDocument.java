package io.guichet.alerts;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * An alert as the Common Alerting Protocol 1.2 says it (OASIS, namespace {@code urn:oasis:names:tc:emergency:cap:1.2}),
 * for digital signage and the institution's site, and the Atom feed of the active alerts. Written with StAX, so every
 * text is escaped. A message's {@code sent} is its own time with the zone's offset, never {@code Z} (CAP 1.2 §3.3.2).
 * The latest state is what a reader gets: {@code Alert} until a follow-up ({@code Update}), {@code Cancel} once closed,
 * the later ones naming the first in {@code references}.
 */
public final class CapDocument {
    public static final String CAP_NS = "urn:oasis:names:tc:emergency:cap:1.2";
    public static final String ATOM_NS = "http://www.w3.org/2005/Atom";
    /** CAP's dateTime: seconds and the offset, "+00:00" rather than "Z" ({@code xxx}). */
    private static final DateTimeFormatter CAP_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

    private final String host;
    private final String publicUrl;
    private final String institution;
    private final ZoneId zone;

    public CapDocument(String host, String publicUrl, String institution, ZoneId zone) {
        this.host = host;
        this.publicUrl = publicUrl;
        this.institution = institution;
        this.zone = zone;
    }

    public String sender() {
        return "guichet@" + host;
    }

    public String identifier(Alert a, AlertUpdate u) {
        return "guichet-" + host + "-alert-" + a.id() + (u == null ? "" : "-" + u.seq());
    }

    public String time(Instant at) {
        return CAP_TIME.format(at.atZone(zone));
    }

    /** The alert's CAP message as it stands: the first message, its latest update, or its cancellation. */
    public String cap(Alert a, List<AlertUpdate> updates) {
        AlertUpdate latest = updates.isEmpty() ? null : updates.getLast();
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.setDefaultNamespace(CAP_NS);
            x.writeStartElement(CAP_NS, "alert");
            x.writeDefaultNamespace(CAP_NS);
            element(x, "identifier", identifier(a, latest));
            element(x, "sender", sender());
            element(x, "sent", time(latest == null ? a.approvedAt() : latest.at()));
            element(x, "status", "Actual");
            element(x, "msgType", latest == null ? "Alert" : latest.allClear() ? "Cancel" : "Update");
            element(x, "scope", "Public");
            if (latest != null) {
                // sender,identifier,sent of the first message (and of earlier updates), space-separated
                StringBuilder refs = new StringBuilder(sender() + "," + identifier(a, null) + "," + time(a.approvedAt()));
                for (AlertUpdate u : updates) if (u != latest) refs.append(' ').append(sender()).append(',').append(identifier(a, u)).append(',').append(time(u.at()));
                element(x, "references", refs.toString());
            }
            for (String lang : List.of("fr", "en")) info(x, a, latest, lang);
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private void info(XMLStreamWriter x, Alert a, AlertUpdate latest, String lang) throws XMLStreamException {
        AlertText first = a.texts().in(lang);
        AlertText now = latest == null ? first : latest.texts().in(lang);
        x.writeStartElement(CAP_NS, "info");
        element(x, "language", lang + "-CA");
        element(x, "category", a.category());
        element(x, "event", first.shortText());
        element(x, "urgency", latest != null && latest.allClear() ? "Past" : "Immediate");
        element(x, "severity", a.severity());
        element(x, "certainty", "Observed");
        element(x, "senderName", institution);
        element(x, "headline", now.shortText());
        element(x, "description", first.longText());
        if (latest != null) element(x, "instruction", now.longText());
        element(x, "web", publicUrl + AlertService.PAGE_PATH + a.id());
        x.writeStartElement(CAP_NS, "area");
        element(x, "areaDesc", institution);
        x.writeEndElement();
        x.writeEndElement();
    }

    private static void element(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(CAP_NS, name);
        x.writeCharacters(text);
        x.writeEndElement();
    }

    /** The Atom feed (RFC 4287) of the active alerts: each entry links to its page and to its CAP message. */
    public String atom(List<Alert> active, java.util.Map<Long, List<AlertUpdate>> updates, Instant now) {
        try {
            StringWriter out = new StringWriter();
            XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            x.writeStartDocument("UTF-8", "1.0");
            x.setDefaultNamespace(ATOM_NS);
            x.writeStartElement(ATOM_NS, "feed");
            x.writeDefaultNamespace(ATOM_NS);
            atomText(x, "id", "tag:" + host + ",2026:alerts");
            atomText(x, "title", institution + " — alertes / alerts");
            Instant updated = active.stream().map(a -> lastChange(a, updates.getOrDefault(a.id(), List.of()))).max(Instant::compareTo).orElse(now);
            atomText(x, "updated", time(updated));
            x.writeStartElement(ATOM_NS, "author");
            atomText(x, "name", institution);
            x.writeEndElement();
            link(x, "self", publicUrl + "/alerts.atom", "application/atom+xml");
            for (Alert a : active) {
                List<AlertUpdate> u = updates.getOrDefault(a.id(), List.of());
                AlertText fr = u.isEmpty() ? a.texts().fr() : u.getLast().texts().fr();
                x.writeStartElement(ATOM_NS, "entry");
                atomText(x, "id", "urn:guichet:" + host + ":alert:" + a.id());
                atomText(x, "title", fr.shortText());
                atomText(x, "updated", time(lastChange(a, u)));
                atomText(x, "summary", fr.longText());
                link(x, "alternate", publicUrl + AlertService.PAGE_PATH + a.id(), "text/html");
                link(x, "related", publicUrl + "/alerts/" + a.id() + ".cap", "application/cap+xml");
                x.writeEndElement();
            }
            x.writeEndElement();
            x.writeEndDocument();
            x.close();
            return out.toString();
        } catch (XMLStreamException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Instant lastChange(Alert a, List<AlertUpdate> u) {
        return u.isEmpty() ? a.approvedAt() : u.getLast().at();
    }

    private static void atomText(XMLStreamWriter x, String name, String text) throws XMLStreamException {
        x.writeStartElement(ATOM_NS, name);
        x.writeCharacters(text);
        x.writeEndElement();
    }

    private static void link(XMLStreamWriter x, String rel, String href, String type) throws XMLStreamException {
        x.writeEmptyElement(ATOM_NS, "link");
        x.writeAttribute("rel", rel);
        x.writeAttribute("href", href);
        x.writeAttribute("type", type);
    }
}
