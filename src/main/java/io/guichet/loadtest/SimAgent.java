package io.guichet.loadtest;

import com.fasterxml.jackson.databind.JsonNode;

import java.net.http.HttpClient;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** An agent in the console: takes what routing assigns and answers every visitor message at once. */
final class SimAgent {
    private final Traffic traffic;
    private final Http http;
    final int node;
    private final String token;
    private final Map<String, Transcript> conversations = new ConcurrentHashMap<>();
    private Line line;

    SimAgent(Traffic traffic, Http http, int node, String token) {
        this.traffic = traffic;
        this.http = http;
        this.node = node;
        this.token = token;
    }

    void connect(HttpClient client) {
        http.post("/api/v1/me/presence", token, Map.of("status", "available"));
        line = new Line(client, http.base().replaceFirst("^http", "ws") + "/ws/agent?token=" + token,
                this::onFrame, this::catchUpAll, traffic.options.reconnect(), traffic.reconnects::incrementAndGet);
        line.open();
    }

    private void onFrame(JsonNode frame) {
        switch (frame.path("type").asText()) {
            case "conversation.assigned" -> {
                String id = frame.path("conversation").path("id").asText();
                traffic.assigned(id, this);
                Thread.ofVirtual().start(() -> catchUp(id, false));
            }
            case "message" -> {
                String id = frame.path("conversationId").asText();
                Transcript t = transcript(id);
                JsonNode m = frame.path("message");
                if (t.pushedAgain(m)) {
                    traffic.ledger.repushed.incrementAndGet();
                    return;
                }
                if (t.see(m)) fromVisitor(id, m, false);
                if (t.hasGap()) traffic.later(() -> {
                    if (t.hasGap()) catchUp(id, true);
                });
            }
            default -> {
                // conversation.updated and typing notices are not measured
            }
        }
    }

    private Transcript transcript(String conversationId) {
        return conversations.computeIfAbsent(conversationId, k -> new Transcript());
    }

    /** Reads what it has not seen yet, as the console does when a conversation is assigned or a gap shows. */
    private void catchUp(String conversationId, boolean recovery) {
        Transcript t = transcript(conversationId);
        try {
            Http.Answer a = http.get("/api/v1/conversations/" + conversationId + "/messages?after=" + t.contiguous(), token);
            for (JsonNode m : a.json().path("messages")) {
                if (t.see(m)) fromVisitor(conversationId, m, recovery);
            }
        } catch (Http.Failed e) {
            traffic.failed(e);
        }
    }

    private void catchUpAll() {
        try {
            Http.Answer a = http.get("/api/v1/conversations?assignee=me&status=open", token);
            for (JsonNode c : a.json().path("conversations")) catchUp(c.path("id").asText(), true);
        } catch (Http.Failed e) {
            traffic.failed(e);
        }
    }

    private void fromVisitor(String conversationId, JsonNode m, boolean recovery) {
        String clientId = m.path("clientId").asText(null);
        if (!"visitor".equals(m.path("author").asText()) || !traffic.ours(clientId)) return;
        traffic.ledger.received(clientId, recovery);
        Thread.ofVirtual().start(() -> answer(conversationId, clientId));
    }

    private void answer(String conversationId, String visitorClientId) {
        String clientId = "r-" + visitorClientId;
        try {
            Ledger.Entry entry = traffic.ledger.sending(clientId, false, traffic.crossNode(conversationId));
            Http.Answer a = http.post("/api/v1/conversations/" + conversationId + "/messages", token,
                    Map.of("body", "Réponse : la date limite est le 1er mars, à 23 h 59.", "clientId", clientId));
            if (traffic.accepted(a, "answer")) traffic.ledger.acknowledged(entry, conversationId, a.text("messageId"));
        } catch (Http.Failed e) {
            traffic.failed(e);
        }
    }

    void close() {
        if (line != null) line.close();
    }
}
