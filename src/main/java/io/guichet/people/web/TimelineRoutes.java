package io.guichet.people.web;

import io.guichet.identity.Authenticated;
import io.guichet.people.ContactTimeline;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code GET /api/v1/contacts/{id}/timeline}: the contact's timeline, newest first, told in the reader's language. */
public final class TimelineRoutes {
    private final ContactTimeline timeline;
    private final WebKernel web;
    private final Times times;

    public TimelineRoutes(ContactTimeline timeline, WebKernel web, Times times) {
        this.timeline = timeline;
        this.web = web;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/api/v1/contacts/{id}/timeline", this::timeline);
    }

    private void timeline(Context ctx) {
        ContactTimeline.Page page = timeline.accessTimeline(Authenticated.viewer(ctx), Ids.path(ctx, "id", "Contact"), ctx.queryParam("cursor"));
        Messages.Localizer t = web.localizer(ctx);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("contactId", Long.toString(page.contactId()));
        json.put("entries", page.entries().stream().map(e -> entry(t, e)).toList());
        json.put("next", page.next());
        ctx.json(json);
    }

    private Map<String, Object> entry(Messages.Localizer t, ContactTimeline.Entry e) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(e.id()));
        json.put("at", times.offset(e.at()));
        json.put("module", e.module());
        json.put("what", e.what());
        json.put("text", TimelineSentences.sentence(t, e));
        json.put("params", e.params());
        json.put("staff", e.staffId() == null ? null : Map.of("id", Long.toString(e.staffId()), "name", e.staffName()));
        json.put("ref", e.refKind() == null ? null : refJson(e));
        return json;
    }

    private static Map<String, Object> refJson(ContactTimeline.Entry e) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("kind", e.refKind());
        ref.put("id", e.refId());
        ref.put("href", TimelineSentences.link(e));
        return ref;
    }
}
