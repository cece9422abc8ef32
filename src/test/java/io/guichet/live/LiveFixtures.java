package io.guichet.live;

import io.guichet.testing.Api;
import io.guichet.testing.Cegep;
import io.guichet.testing.TestDatabases;
import io.guichet.testing.TestNode;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The {@link Cegep}'s services and its financial aid agent (François Gagnon) on a node,
 * and live sessions and questions seeded through the public API, with accents so encoding bugs show.
 */
final class LiveFixtures implements AutoCloseable {
    static final String AGENT_NAME = Cegep.Persona.FRANCOIS.fullName;
    final TestNode node;
    final Cegep cegep;
    final Api api;
    final String admin;
    final String agent;

    private LiveFixtures(TestNode node) {
        this.node = node;
        this.api = node.api();
        this.cegep = Cegep.on(node).capacity(10).withServices().withAgents(Cegep.Persona.FRANCOIS);
        this.admin = cegep.admin;
        this.agent = cegep.françois;
    }

    static LiveFixtures start() {
        return on(TestNode.start(TestDatabases.fresh()));
    }

    static LiveFixtures on(TestNode node) {
        return new LiveFixtures(node);
    }

    @Override
    public void close() {
        node.close();
    }

    /** A session that started an hour ago (live now) or starts tomorrow, with the admissions and financial aid services. */
    String session(String slug, String moderation, boolean started, Map<String, Object> extra) {
        OffsetDateTime start = OffsetDateTime.now(ZoneOffset.ofHours(-5)).plusHours(started ? -1 : 24);
        Map<String, Object> body = new HashMap<>(Map.of("slug", slug, "titleFr", "Soirée d’admission — session d’automne",
                "titleEn", "Admission night", "startsAt", start.toString(), "endsAt", start.plusHours(3).toString(),
                "moderation", moderation, "services", List.of("admissions", "aide-financiere")));
        body.putAll(extra);
        Api.Response r = api.post("/api/v1/live", admin, body);
        if (r.status() != 201) throw new IllegalStateException("session: " + r.status() + " " + r.json());
        return slug;
    }

    Api.Response ask(String visitor, String slug, String body) {
        return api.post("/api/v1/live/" + slug + "/questions", visitor,
                Map.of("body", body, "visibility", "public", "clientId", UUID.randomUUID().toString()));
    }

    /** A published question's id (approved when the session pre-moderates). */
    String published(String visitor, String slug, String body) {
        Api.Response r = ask(visitor, slug, body);
        if (r.status() != 201) throw new IllegalStateException("ask: " + r.status() + " " + r.json());
        String id = r.text("id");
        if (r.text("status").equals("pending")) staff(slug, id, "approve", Map.of());
        return id;
    }

    Api.Response staff(String slug, String id, String action, Map<String, Object> body) {
        return api.post("/api/v1/live/" + slug + "/questions/" + id + "/" + action, admin, body);
    }

    Api.Response vote(String visitor, String slug, String id) {
        return api.put("/api/v1/live/" + slug + "/questions/" + id + "/vote", visitor, Map.of());
    }

    Api.Response unvote(String visitor, String slug, String id) {
        return api.delete("/api/v1/live/" + slug + "/questions/" + id + "/vote", visitor);
    }
}
