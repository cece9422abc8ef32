package io.guichet.loadtest;

import com.sun.net.httpserver.HttpServer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the alert benchmark's server sends to, on loopback in the benchmark's process (GreenMail and the tests'
 * stand-ins are test-only): an SMTP sink that accepts every message (plain SMTP, RFC 5321's few commands) and keeps
 * the personal link of each, and a push sink that answers 201 to every push request. Each records when its n-th
 * message arrived.
 */
final class AlertSinks {
    private AlertSinks() {
    }

    /** Accepts every mail, counts it, and keeps the alert link's token it carries (quoted-printable soft breaks undone). */
    static final class Smtp implements AutoCloseable {
        private static final Pattern LINK = Pattern.compile("/link/alerte/([A-Za-z0-9_\\-.]+)");
        private final ServerSocket server;
        final AtomicInteger messages = new AtomicInteger();
        final List<String> tokens = new CopyOnWriteArrayList<>();
        volatile long lastAt;

        Smtp(int port) throws IOException {
            server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port), 500);
            Thread.ofPlatform().daemon().name("smtp-sink").start(() -> {
                while (!server.isClosed()) {
                    try {
                        Socket s = server.accept();
                        Thread.ofVirtual().start(() -> session(s));
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        private void session(Socket s) {
            try (s; var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1)); OutputStream out = s.getOutputStream()) {
                say(out, "220 sink ESMTP");
                String line;
                while ((line = in.readLine()) != null) {
                    String verb = line.length() < 4 ? line.toUpperCase() : line.substring(0, 4).toUpperCase();
                    switch (verb) {
                        case "EHLO" -> say(out, "250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
                        case "HELO", "MAIL", "RCPT", "RSET", "NOOP" -> say(out, "250 OK");
                        case "DATA" -> {
                            say(out, "354 go on");
                            StringBuilder body = new StringBuilder();
                            while ((line = in.readLine()) != null && !line.equals(".")) {
                                if (line.endsWith("=")) body.append(line, 0, line.length() - 1); // a quoted-printable soft break
                                else body.append(line).append('\n');
                            }
                            Matcher m = LINK.matcher(body);
                            if (m.find()) tokens.add(m.group(1));
                            messages.incrementAndGet();
                            lastAt = System.nanoTime();
                            say(out, "250 queued");
                        }
                        case "QUIT" -> {
                            say(out, "221 bye");
                            return;
                        }
                        default -> say(out, "502 not here");
                    }
                }
            } catch (IOException e) {
                // the sender hung up
            }
        }

        private static void say(OutputStream out, String reply) throws IOException {
            out.write((reply + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }

    /** Answers 201 to every push request and counts them (the encryption is the tests' stand-in's business). */
    static final class Push implements AutoCloseable {
        private final HttpServer server;
        final AtomicInteger requests = new AtomicInteger();
        volatile long lastAt;

        Push(int port) throws IOException {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1000);
            server.createContext("/push/", ex -> {
                try (ex) {
                    ex.getRequestBody().readAllBytes();
                    boolean signed = String.valueOf(ex.getRequestHeaders().getFirst("Authorization")).startsWith("vapid t=")
                            && "aes128gcm".equals(ex.getRequestHeaders().getFirst("Content-Encoding"));
                    if (signed) {
                        requests.incrementAndGet();
                        lastAt = System.nanoTime();
                    }
                    ex.sendResponseHeaders(signed ? 201 : 400, -1);
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
        }

        String origin() {
            return "http://127.0.0.1:" + server.getAddress().getPort();
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
