package io.guichet.people.web;

import io.guichet.identity.Authenticated;
import io.guichet.identity.Scope;
import io.guichet.identity.Viewer;
import io.guichet.people.ContactDirectory;
import io.guichet.people.ContactDraft;
import io.guichet.people.ContactField;
import io.guichet.people.ContactFilter;
import io.guichet.people.ContactRecord;
import io.guichet.people.DuplicateIdentity;
import io.guichet.people.Segment;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The contacts' JSON API: the list, one contact, creation and partial change, custom fields and segments (see docs/api.md). */
public final class ContactApi {
    /** What a contact's body may hold (POST and PATCH). */
    static final Set<String> CONTACT_FIELDS = Set.of("name", "lang", "kinds", "emails", "phones", "studentNumber", "programme",
            "graduationYear", "organisation", "city", "postalCode", "country", "tags", "fields");

    private final ContactDirectory directory;
    private final WebKernel web;
    private final Times times;

    public ContactApi(ContactDirectory directory, WebKernel web, Times times) {
        this.directory = directory;
        this.web = web;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/api/v1/contacts", this::list);
        r.post("/api/v1/contacts", duplicates(this::create));
        r.get("/api/v1/contacts/{id}", this::get);
        r.patch("/api/v1/contacts/{id}", duplicates(this::patch));
        r.get("/api/v1/contact-fields", ctx -> ctx.json(Map.of("fields",
                directory.accessFields(Authenticated.viewer(ctx).staff()).stream().map(ContactApi::field).toList())));
        r.post("/api/v1/contact-fields", this::defineField);
        r.put("/api/v1/contact-fields/{key}", this::changeField);
        r.delete("/api/v1/contact-fields/{key}", ctx -> {
            directory.doDeleteField(Authenticated.staff(ctx), ctx.pathParam("key"));
            ctx.status(204);
        });
        r.get("/api/v1/segments", ctx -> ctx.json(Map.of("segments",
                directory.accessSegments(Authenticated.viewer(ctx)).stream().map(this::segment).toList())));
        r.post("/api/v1/segments", this::saveSegment);
        r.get("/api/v1/segments/{id}", this::getSegment);
        r.delete("/api/v1/segments/{id}", ctx -> {
            directory.doDeleteSegment(Authenticated.viewer(ctx), Ids.path(ctx, "id", "Segment"));
            ctx.status(204);
        });
    }

    private void list(Context ctx) {
        Viewer viewer = Authenticated.viewer(ctx, Scope.CONTACTS_READ);
        Map<String, String> params = queryParams(ctx);
        String segment = params.get("segment");
        var page = directory.accessContacts(viewer, ContactFilter.parse(params), segment == null ? null : Ids.field("segment", segment),
                params.get("cursor"), limit(params.get("limit")));
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("contacts", page.contacts().stream().map(this::contact).toList());
        json.put("next", page.next());
        ctx.json(json);
    }

    private void create(Context ctx) {
        ContactRecord created = directory.doCreate(Authenticated.viewer(ctx, Scope.CONTACTS_WRITE), draft(JsonBody.of(ctx, web.json())), "api");
        ctx.status(201).json(contact(created));
    }

    private void get(Context ctx) {
        long id = Ids.path(ctx, "id", "Contact");
        ContactRecord record = directory.accessRecord(Authenticated.viewer(ctx, Scope.CONTACTS_READ), id);
        Map<String, Object> json = contact(record);
        // A merged contact answers the one it lives in now, saying so, so that a stale link still finds the person.
        if (record.id() != id) json.put("mergedFrom", Long.toString(id));
        ctx.json(json);
    }

    private void patch(Context ctx) {
        long id = Ids.path(ctx, "id", "Contact");
        ctx.json(contact(directory.doUpdate(Authenticated.viewer(ctx, Scope.CONTACTS_WRITE), id, draft(JsonBody.of(ctx, web.json())))));
    }

    private void defineField(Context ctx) {
        JsonBody body = JsonBody.of(ctx, web.json()).only(Set.of("key", "labelFr", "labelEn", "type", "choices", "position"));
        ContactField f = directory.doDefineField(Authenticated.staff(ctx), ContactField.define(body.optText("key"), body.optText("labelFr"),
                body.optText("labelEn"), body.optText("type"), body.textList("choices"), body.optInt("position")));
        ctx.status(201).json(field(f));
    }

    private void changeField(Context ctx) {
        String key = ctx.pathParam("key");
        JsonBody body = JsonBody.of(ctx, web.json()).only(Set.of("key", "labelFr", "labelEn", "type", "choices", "position"));
        String k = body.has("key") ? body.optText("key") : key;
        ContactField f = directory.doChangeField(Authenticated.staff(ctx), key, ContactField.define(k, body.optText("labelFr"),
                body.optText("labelEn"), body.optText("type"), body.textList("choices"), body.optInt("position")));
        ctx.json(field(f));
    }

    private void saveSegment(Context ctx) {
        JsonBody body = JsonBody.of(ctx, web.json()).only(Set.of("name", "filter"));
        Map<String, String> filter = new LinkedHashMap<>();
        body.optValues("filter").forEach((k, v) -> {
            if (!(v instanceof String s)) throw ApiError.invalid("filter." + k, "filter." + k + " must be text, as in the list's address");
            filter.put(k, s);
        });
        Segment s = directory.doSaveSegment(Authenticated.viewer(ctx), body.optText("name"), ContactFilter.parse(filter));
        ctx.status(201).json(segment(s));
    }

    private void getSegment(Context ctx) {
        Viewer viewer = Authenticated.viewer(ctx);
        long id = Ids.path(ctx, "id", "Segment");
        Map<String, Object> json = segment(directory.accessSegment(viewer, id));
        if (io.guichet.identity.Access.canReadEveryContact(viewer.staff())) json.put("count", directory.accessSegmentCount(viewer, id));
        ctx.json(json);
    }

    // ---------------------------------------------------------------- shapes

    /** The body of POST and PATCH as a draft: only the fields present are given; an unknown field is refused. */
    static ContactDraft draft(JsonBody body) {
        body.only(CONTACT_FIELDS);
        ContactDraft d = new ContactDraft();
        if (body.has("name")) d.name(body.optText("name"));
        if (body.has("lang")) d.lang(body.optText("lang"));
        if (body.has("kinds")) d.kinds(body.textList("kinds"));
        if (body.has("emails")) d.emails(body.textList("emails"));
        if (body.has("phones")) d.phones(body.textList("phones"));
        if (body.has("studentNumber")) d.studentNumber(body.optText("studentNumber"));
        if (body.has("programme")) d.programme(body.optText("programme"));
        if (body.has("graduationYear")) d.graduationYear(body.optInt("graduationYear"));
        if (body.has("organisation")) d.organisation(body.optText("organisation"));
        if (body.has("city")) d.city(body.optText("city"));
        if (body.has("postalCode")) d.postalCode(body.optText("postalCode"));
        if (body.has("country")) d.country(body.optText("country"));
        if (body.has("tags")) d.tags(body.textList("tags"));
        if (body.has("fields")) d.fields(body.optValues("fields"));
        return d;
    }

    Map<String, Object> contact(ContactRecord c) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(c.id()));
        json.put("name", c.name());
        json.put("displayName", c.label());
        json.put("lang", c.lang());
        json.put("kinds", c.kinds());
        json.put("emails", c.emails());
        json.put("phones", c.phones());
        json.put("studentNumber", c.studentNumber());
        json.put("messengerIds", c.messengerIds());
        json.put("claimedEmails", c.claimedEmails());
        json.put("programme", c.programme());
        json.put("graduationYear", c.graduationYear());
        json.put("organisation", c.organisation());
        json.put("city", c.city());
        json.put("postalCode", c.postalCode());
        json.put("country", c.country());
        json.put("tags", c.tags());
        json.put("fields", c.fields());
        json.put("createdAt", times.offset(c.createdAt()));
        json.put("updatedAt", times.offset(c.updatedAt()));
        json.put("lastActivityAt", times.offset(c.lastActivityAt()));
        return json;
    }

    static Map<String, Object> field(ContactField f) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("key", f.key());
        json.put("labelFr", f.labelFr());
        json.put("labelEn", f.labelEn());
        json.put("type", f.type().code());
        json.put("choices", f.choices());
        json.put("position", f.position());
        return json;
    }

    Map<String, Object> segment(Segment s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(s.id()));
        json.put("name", s.name());
        json.put("filter", s.filter().toParams());
        json.put("createdAt", times.offset(s.createdAt()));
        return json;
    }

    /**
     * A request's query as the list's filter reads it, for the API, the list page and the export alike: the first value
     * of each parameter, blank ones left out (a filter form sends its empty fields).
     */
    static Map<String, String> queryParams(Context ctx) {
        Map<String, String> params = new LinkedHashMap<>();
        ctx.queryParamMap().forEach((k, v) -> {
            if (!v.isEmpty() && !v.getFirst().isBlank()) params.put(k, v.getFirst());
        });
        return params;
    }

    private static int limit(String raw) {
        if (raw == null || raw.isBlank()) return ContactDirectory.PAGE_DEFAULT;
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw ApiError.invalid("limit", "limit must be a whole number");
        }
    }

    /** 409 duplicate with the contact that holds the identity, for whoever may see it. */
    private static Handler duplicates(Handler handler) {
        return ctx -> {
            try {
                handler.handle(ctx);
            } catch (DuplicateIdentity e) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("error", Map.of("code", e.code(), "message", e.getMessage(), "field", e.field()));
                if (e.existingId() != null) json.put("existingId", Long.toString(e.existingId()));
                ctx.status(409).json(json);
            }
        };
    }
}
