package io.guichet.channels.internal;

import org.apache.james.mime4j.dom.Body;
import org.apache.james.mime4j.dom.Entity;
import org.apache.james.mime4j.dom.Message;
import org.apache.james.mime4j.dom.Multipart;
import org.apache.james.mime4j.dom.TextBody;
import org.apache.james.mime4j.dom.address.Address;
import org.apache.james.mime4j.dom.address.AddressList;
import org.apache.james.mime4j.dom.address.Mailbox;
import org.apache.james.mime4j.dom.address.MailboxList;
import org.apache.james.mime4j.message.DefaultMessageBuilder;
import org.apache.james.mime4j.stream.Field;
import org.apache.james.mime4j.stream.MimeConfig;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An inbound mail read with Apache James mime4j: who sent it, to which addresses, what it answers, whether a machine
 * wrote it (auto-replies, bounces, lists), and its first text/plain part (else its first text/html part).
 * Malformed MIME is read leniently as mime4j does; what cannot be read at all throws {@link Unreadable}.
 */
public final class InboundParser {
    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s@]+@[^<>\\s@]+>");

    private InboundParser() {
    }

    public static final class Unreadable extends Exception {
        public Unreadable(String why, Throwable cause) {
            super(why, cause);
        }
    }

    /** What the channel needs of a mail; {@code machine} names why a machine wrote it, or is null. */
    public record Parsed(String messageId, String fromAddress, String fromName, List<String> recipients, String subject,
                         List<String> thread, String machine, String text, String html) {
    }

    public static Parsed parse(byte[] raw) throws Unreadable {
        Message m;
        try (InputStream in = new ByteArrayInputStream(raw)) {
            DefaultMessageBuilder builder = new DefaultMessageBuilder();
            builder.setMimeEntityConfig(MimeConfig.PERMISSIVE);
            m = builder.parseMessage(in);
        } catch (IOException | RuntimeException e) {
            throw new Unreadable("not a mail mime4j can read", e);
        }
        Mailbox from = first(m.getFrom());
        List<String> recipients = new ArrayList<>();
        addAll(recipients, m.getTo());
        addAll(recipients, m.getCc());
        for (String header : List.of("Delivered-To", "X-Original-To", "Envelope-To")) {
            for (Field f : m.getHeader().getFields(header)) recipients.add(f.getBody().strip());
        }
        List<String> thread = new ArrayList<>(ids(header(m, "References")));
        thread.addAll(ids(header(m, "In-Reply-To"))); // the one it answers last: the newest
        String[] parts = new String[2];
        text(m, parts);
        return new Parsed(first(ids(header(m, "Message-ID"))), from == null ? null : from.getAddress().toLowerCase(Locale.ROOT),
                from == null ? null : from.getName(), recipients, m.getSubject(), thread, machine(m, from), parts[0], parts[1]);
    }

    /**
     * Why a machine wrote it (so it never posts and is never answered): RFC 3834's Auto-Submitted, Precedence bulk,
     * junk or list, a delivery status notification (multipart/report), the auto-reply headers of Exchange and
     * others, a null sender or a mailer daemon.
     */
    private static String machine(Message m, Mailbox from) {
        String auto = header(m, "Auto-Submitted");
        if (auto != null && !auto.strip().equalsIgnoreCase("no")) return "auto_submitted";
        String precedence = header(m, "Precedence");
        if (precedence != null && precedence.strip().toLowerCase(Locale.ROOT).matches("bulk|junk|list")) return "bulk";
        if ("multipart/report".equalsIgnoreCase(m.getMimeType())) return "report";
        if (header(m, "X-Autoreply") != null || header(m, "X-Autorespond") != null
                || "All".equalsIgnoreCase(strip(header(m, "X-Auto-Response-Suppress")))) return "auto_reply";
        String returnPath = header(m, "Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) return "bounce";
        if (from != null && from.getLocalPart().toLowerCase(Locale.ROOT).matches("mailer-daemon|postmaster")) return "bounce";
        return null;
    }

    private static String strip(String s) {
        return s == null ? null : s.strip();
    }

    /** The first text/plain and text/html parts, outside attachments, depth first. */
    private static void text(Entity e, String[] found) {
        Body body = e.getBody();
        if (body instanceof Multipart mp) {
            for (Entity part : mp.getBodyParts()) text(part, found);
        } else if (body instanceof Message inner) {
            text(inner, found);
        } else if (body instanceof TextBody tb && !"attachment".equalsIgnoreCase(e.getDispositionType())) {
            int slot = "text/plain".equalsIgnoreCase(e.getMimeType()) ? 0 : "text/html".equalsIgnoreCase(e.getMimeType()) ? 1 : -1;
            if (slot >= 0 && found[slot] == null) found[slot] = read(tb, e.getCharset());
        }
    }

    private static String read(TextBody body, String charset) {
        Charset cs;
        try {
            cs = charset == null ? StandardCharsets.US_ASCII : Charset.forName(charset);
        } catch (RuntimeException unknown) {
            cs = StandardCharsets.UTF_8;
        }
        try (InputStream in = body.getInputStream()) {
            return new String(in.readAllBytes(), cs);
        } catch (IOException e) {
            return null;
        }
    }

    private static String header(Message m, String name) {
        Field f = m.getHeader().getField(name);
        return f == null ? null : f.getBody();
    }

    private static List<String> ids(String header) {
        List<String> out = new ArrayList<>();
        if (header == null) return out;
        Matcher matcher = MESSAGE_ID.matcher(header);
        while (matcher.find()) out.add(matcher.group());
        return out;
    }

    private static <T> T first(List<T> list) {
        return list == null || list.isEmpty() ? null : list.getFirst();
    }

    private static Mailbox first(MailboxList list) {
        return list == null || list.isEmpty() ? null : list.get(0);
    }

    private static void addAll(List<String> out, AddressList list) {
        if (list == null) return;
        for (Address a : list) {
            if (a instanceof Mailbox mb) out.add(mb.getAddress());
            else if (a instanceof org.apache.james.mime4j.dom.address.Group g) g.getMailboxes().forEach(mb -> out.add(mb.getAddress()));
        }
    }
}
