package io.guichet.inbox.web;

import io.guichet.identity.IdentityService;
import io.guichet.inbox.Attachment;
import io.guichet.inbox.Conversation;
import io.guichet.inbox.Origin;
import io.guichet.inbox.Rating;
import io.guichet.services.ServiceCatalogue;
import io.guichet.inbox.Message;
import io.guichet.services.ServiceQueue;
import io.guichet.people.Contact;
import io.guichet.platform.web.Times;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

/** The JSON shapes of the inbox, shared by the HTTP API and the WebSockets: ids are strings, times ISO-8601 with offset. */
final class InboxJson {
    private final IdentityService identity;
    private final ServiceCatalogue services;
    private final Times times;

    public InboxJson(IdentityService identity, ServiceCatalogue services, Times times) {
        this.identity = identity;
        this.services = services;
        this.times = times;
    }

    OffsetDateTime time(Instant instant) {
        return times.offset(instant);
    }

    /** A message; {@code forStaff} adds whether it is an internal note. */
    Map<String, Object> message(Message m, boolean forStaff) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(m.id()));
        json.put("conversationId", Long.toString(m.conversationId()));
        json.put("seq", m.seq());
        json.put("author", m.author().code());
        if (m.authorStaffId() != null) json.put("authorName", identity.staffName(m.authorStaffId()));
        json.put("body", m.body());
        json.put("createdAt", time(m.createdAt()));
        if (forStaff) json.put("internal", m.internal());
        if (m.clientId() != null) json.put("clientId", m.clientId());
        if (m.attachment() != null) json.put("attachment", attachment(m.attachment(), forStaff));
        return json;
    }

    /** The visitor's rating of their conversation. */
    Map<String, Object> rating(Rating r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("score", r.score());
        json.put("comment", r.comment());
        json.put("ratedAt", time(r.ratedAt()));
        return json;
    }

    /** A file's description and where its reader downloads it (staff and the visitor have one address each). */
    static Map<String, Object> attachment(Attachment a, boolean forStaff) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(a.id()));
        json.put("name", a.name());
        json.put("contentType", a.contentType());
        json.put("size", a.size());
        json.put("url", (forStaff ? "/api/v1/attachments/" : "/api/v1/visitor/attachments/") + a.id());
        return json;
    }

    Map<String, Object> conversation(Conversation c, Contact contact) {
        Map<String, Object> json = new LinkedHashMap<>();
        ServiceQueue service = services.findById(c.serviceId());
        json.put("id", Long.toString(c.id()));
        json.put("service", service.slug());
        json.put("serviceName", Map.of("fr", service.nameFr(), "en", service.nameEn()));
        json.put("status", c.status().code());
        json.put("assigneeId", c.assigneeId() == null ? null : Long.toString(c.assigneeId()));
        json.put("assigneeName", c.assigneeId() == null ? null : identity.staffName(c.assigneeId()));
        if (contact != null) {
            Map<String, Object> person = new LinkedHashMap<>();
            person.put("id", Long.toString(contact.id()));
            person.put("name", contact.label());
            person.put("email", contact.email());
            person.put("lang", contact.lang());
            json.put("contact", person);
        }
        json.put("offline", c.offline());
        if (contact != null) json.put("byEmail", c.byEmail(contact));
        json.put("lang", c.lang());
        json.put("lastSeq", c.lastSeq());
        json.put("preview", c.preview());
        json.put("createdAt", time(c.createdAt()));
        json.put("lastMessageAt", time(c.lastMessageAt()));
        json.put("channel", c.channel());
        // Who started it elsewhere, as the inbox knows it ({kind, ref}); a live session's slug also as it always was.
        if (c.origin() != null) json.put("origin", Map.of("kind", c.origin().kind(), "ref", c.origin().ref()));
        if (c.origin() != null && Origin.LIVE.equals(c.origin().kind())) json.put("liveSession", c.origin().ref());
        return json;
    }

    /** What the visitor's panel needs to know about their conversation. */
    Map<String, Object> visitorStatus(Conversation c, int queuePosition, int estimatedWaitMinutes) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", "conversation.status");
        json.put("conversationId", Long.toString(c.id()));
        json.put("status", c.status().code());
        json.put("agentName", c.assigneeId() == null ? null : identity.staffName(c.assigneeId()));
        json.put("queuePosition", queuePosition);
        json.put("estimatedWaitMinutes", estimatedWaitMinutes);
        json.put("offline", c.offline());
        json.put("lastSeq", c.lastSeq());
        return json;
    }
}
