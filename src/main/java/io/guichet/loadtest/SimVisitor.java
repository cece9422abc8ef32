package io.guichet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/** A visitor on the widget: one socket, one conversation, messages sent one at a time. */
final class SimVisitor {
    private final Traffic traffic;
    private final Http http;
    final int node;
    private final String name;
    private final ReentrantLock sending = new ReentrantLock();
    private final Transcript transcript = new Transcript();
    private String token;
    private volatile String conversationId;
    private Line line;
    private int count;

    SimVisitor(Traffic traffic, Http http, int node, String name) {
        this.traffic = traffic;
        this.http = http;
        this.node = node;
        this.name = name;
    }

    void connect(HttpClient client) {
        Http.Answer session = http.post("/api/v1/visitor/sessions", null, Map.of("name", name, "lang", "fr"));
        if (session.status() != 201) throw new Http.Failed("visitor session refused: " + session.status() + " " + session.json());
        token = session.text("visitorToken");
        line = new Line(client, http.base().replaceFirst("^http", "ws") + "/ws/visitor?token=" + token,
                this::onFrame, this::catchUp, traffic.options.reconnect(), traffic.reconnects::incrementAndGet);
        line.open();
    }

    /** Sends the next message: the first one starts the conversation. */
    void send() {
        sending.lock();
        try {
            int n = ++count;
            String clientId = traffic.runId + "-v" + name + "-" + n;
            String body = "Question n° " + n + " de " + name + " : quelle est la date limite d'admission à l'automne ?";
            if (conversationId == null) {
                Ledger.Entry entry = traffic.ledger.sending(clientId, true, false);
                Http.Answer a = http.post("/api/v1/visitor/conversations", token,
                        Map.of("service", traffic.service, "body", body, "clientId", clientId));
                if (!traffic.accepted(a, "start a conversation")) return;
                conversationId = a.text("conversationId");
                traffic.started(conversationId, this, entry);
                traffic.ledger.acknowledged(entry, conversationId, a.text("messageId"));
            } else {
                Ledger.Entry entry = traffic.ledger.sending(clientId, true, traffic.crossNode(conversationId));
                Http.Answer a = http.post("/api/v1/visitor/conversations/" + conversationId + "/messages", token,
                        Map.of("body", body, "clientId", clientId));
                if (traffic.accepted(a, "send a message")) traffic.ledger.acknowledged(entry, conversationId, a.text("messageId"));
            }
        } catch (Http.Failed e) {
            traffic.failed(e);
        } finally {
            sending.unlock();
        }
    }

    private void onFrame(JsonNode frame) {
        if (!"message".equals(frame.path("type").asText())) return;
        JsonNode m = frame.path("message");
        if (transcript.pushedAgain(m)) {
            traffic.ledger.repushed.incrementAndGet();
            return;
        }
        if (transcript.see(m) && "agent".equals(m.path("author").asText())) {
            traffic.ledger.received(m.path("clientId").asText(null), false);
        }
        if (transcript.hasGap()) traffic.later(this::fillGap);
    }

    private void fillGap() {
        if (transcript.hasGap()) catchUp();
    }

    /** After a reconnection or a gap: fetches everything after the last contiguous message. */
    void catchUp() {
        String id = conversationId;
        if (id == null) return;
        try {
            Http.Answer a = http.get("/api/v1/visitor/conversations/" + id + "/messages?after=" + transcript.contiguous(), token);
            for (JsonNode m : a.json().path("messages")) {
                if (transcript.see(m) && "agent".equals(m.path("author").asText())) {
                    traffic.ledger.received(m.path("clientId").asText(null), true);
                }
            }
        } catch (Http.Failed e) {
            traffic.failed(e);
        }
    }

    /** Every message stored in this visitor's conversation, as the visitor reads it. */
    JsonNode storedMessages() {
        if (conversationId == null) return Http.JSON.createArrayNode();
        for (int attempt = 1; ; attempt++) {
            Http.Answer a = http.get("/api/v1/visitor/conversations/" + conversationId + "/messages?after=0", token);
            if (a.status() == 200) return a.json().path("messages");
            if (attempt == 10) throw new Http.Failed("could not read a conversation back: " + a.status() + " " + a.json());
            Http.sleep(500);
        }
    }

    void close() {
        if (line != null) line.close();
    }
}
