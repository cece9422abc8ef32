package io.guichet.people.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.people.ContactDirectory;
import io.guichet.people.ContactDraft;
import io.guichet.people.ContactField;
import io.guichet.people.ContactFilter;
import io.guichet.people.ContactRecord;
import io.guichet.people.Segment;
import io.guichet.people.web.ContactViews.FieldInput;
import io.guichet.people.web.ContactViews.Form;
import io.guichet.people.web.ContactViews.Option;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The contact screens in the staff shell: the list with its filters and segments ({@code /console/contacts}), the
 * contact page, and the form that creates or corrects a contact (errors next to their field).
 */
public final class ContactPages {
    /** The contacts, with their import beside them in the section's bar (the top bar has no room left for it). */
    public static final List<NavEntry<Staff>> NAV = List.of(NavEntry.<Staff>of("contacts", "nav.contacts", "/console/contacts", Access::isStaff)
            .withSection(java.util.stream.Stream.concat(
                    java.util.stream.Stream.of(NavEntry.<Staff>of("contacts.list", "nav.contacts.list", "/console/contacts", Access::isStaff)),
                    ImportRoutes.NAV.stream()).toList()));
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/people/contacts.css", "/static/people/merges.css", "/static/people/privacy.css"), List.of());
    private static final List<String> SORTS = List.of("activity", "name");
    private static final int PAGE = 25;

    private final ContactDirectory directory;
    private final MergeScreens merges;
    private final PrivacyRoutes privacy;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    /** The timeline, duplicates and consent sections come from their own screens, which fill their fragment of the page. */
    public ContactPages(ContactDirectory directory, MergeScreens merges, PrivacyRoutes privacy, WebKernel web, StaffShells shells, Times times) {
        this.directory = directory;
        this.merges = merges;
        this.privacy = privacy;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/console/contacts", ctx -> list(ctx, ContactApi.queryParams(ctx), null, null));
        r.get("/console/contacts/new", ctx -> form(ctx, 0, null));
        r.post("/console/contacts/segments", this::saveSegment);
        r.post("/console/contacts/segments/{id}/delete", ctx -> {
            directory.doDeleteSegment(Authenticated.viewerForPage(ctx), Ids.path(ctx, "id", "Segment"));
            ctx.redirect("/console/contacts?deleted=1");
        });
        r.post("/console/contacts", ctx -> save(ctx, 0));
        r.get("/console/contacts/{id}", this::contact);
        r.get("/console/contacts/{id}/edit", ctx -> form(ctx, Ids.path(ctx, "id", "Contact"), null));
        r.post("/console/contacts/{id}", ctx -> save(ctx, Ids.path(ctx, "id", "Contact")));
    }

    private StaffShell shell(Context ctx) {
        return shells.of(ctx, "contacts.list", ASSETS);
    }

    // ---------------------------------------------------------------- the list

    private void list(Context ctx, Map<String, String> params, String segmentName, String segmentError) {
        Viewer me = Authenticated.viewerForPage(ctx);
        Localizer t = web.localizer(ctx);
        String segmentParam = params.get("segment");
        Long segment = segmentParam == null ? null : Ids.field("segment", segmentParam);
        ContactFilter filter = ContactFilter.parse(params);
        List<ContactField> definitions = directory.accessFields(me.staff());
        var page = directory.accessContacts(me, filter, segment, params.get("cursor"), PAGE);
        List<ContactViews.Row> rows = page.contacts().stream().map(c -> new ContactViews.Row(c.id(), c.displayName(t),
                c.kinds().stream().map(k -> t.t("contacts.kind." + k)).toList(), c.email(), c.phones().isEmpty() ? null : c.phones().getFirst(),
                c.city(), times.relative(c.lastActivityAt(), t), times.iso(c.lastActivityAt()))).toList();
        Map<String, String> kept = new LinkedHashMap<>(filter.toParams());
        if (segment != null) kept.put("segment", segment.toString());
        String base = "/console/contacts" + query(kept);
        String next = page.next() == null ? null : base + (kept.isEmpty() ? "?" : "&") + "cursor=" + page.next();
        List<ContactViews.SegmentRow> segments = directory.accessSegments(me).stream()
                .map(s -> new ContactViews.SegmentRow(s.id(), s.name(), "/console/contacts?segment=" + s.id(), segment != null && s.id() == segment))
                .toList();
        String notice = ctx.queryParam("saved") != null ? t.t("contacts.segment.saved")
                : ctx.queryParam("deleted") != null ? t.t("contacts.segment.deleted") : null;
        List<Option> kinds = new ArrayList<>(List.of(new Option("", t.t("contacts.filter.anyKind"), filter.kind() == null)));
        ContactDraft.KINDS.forEach(k -> kinds.add(new Option(k, t.t("contacts.kind." + k), k.equals(filter.kind()))));
        List<Option> sorts = SORTS.stream().map(s -> new Option(s, t.t("contacts.sort." + s), s.equals(filter.sort().code()))).toList();
        List<FieldInput> fields = definitions.stream().map(d -> input(d, "field." + d.key(), "filter-" + d.key(), filter.fields().get(d.key()), true, t, null))
                .toList();
        var filters = new ContactViews.Filters(nz(filter.q()), kinds, nz(filter.tag()), nz(filter.programme()), nz(filter.city()),
                filter.activeSince() == null ? "" : filter.activeSince().toString(), filter.activeBefore() == null ? "" : filter.activeBefore().toString(),
                sorts, fields, segment == null ? "" : segment.toString(), segment != null || filter.toParams().keySet().stream().anyMatch(k -> !k.equals("sort")));
        List<ContactViews.Hidden> hidden = filter.toParams().entrySet().stream().map(e -> new ContactViews.Hidden(e.getKey(), e.getValue())).toList();
        web.renderTo(ctx, "people/contacts.jte", Map.of("v", new ContactViews.ListPage(shell(ctx), filters, rows, next,
                params.containsKey("cursor") ? base : null, segments, Access.canManageContacts(me.staff()), !Access.canReadEveryContact(me.staff()),
                hidden, nz(segmentName), segmentError, notice,
                // the export of exactly this list: the same filters and segment, through the one reader of the query
                Access.canExportContacts(me.staff()) ? "/api/v1/contacts/export" + query(kept) : null,
                Access.canMergeContacts(me.staff()) ? "/people/duplicates" : null)));
    }

    private void saveSegment(Context ctx) {
        Viewer me = Authenticated.viewerForPage(ctx);
        Map<String, String> filter = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> {
            if (!k.equals("name") && !k.equals(WebKernel.CSRF_FIELD) && !v.isEmpty() && !v.getFirst().isBlank()) filter.put(k, v.getFirst());
        });
        try {
            Segment s = directory.doSaveSegment(me, ctx.formParam("name"), ContactFilter.parse(filter));
            ctx.redirect("/console/contacts?segment=" + s.id() + "&saved=1");
        } catch (ApiError e) {
            if (e.status() == 403) throw e;
            ctx.status(422);
            FormErrors.Shown shown = new FormErrors("contacts-segment", Set.of("name"), Map.of("name_taken", "name")).of(e, web.localizer(ctx));
            list(ctx, filter, ctx.formParam("name"), shown.message());
        }
    }

    // ---------------------------------------------------------------- one contact

    private void contact(Context ctx) {
        Viewer me = Authenticated.viewerForPage(ctx);
        Localizer t = web.localizer(ctx);
        long id = Ids.path(ctx, "id", "Contact");
        ContactRecord c = directory.accessRecord(me, id);
        Map<String, ContactField> definitions = directory.accessFields(me.staff()).stream().collect(Collectors.toMap(ContactField::key, f -> f,
                (a, b) -> a, LinkedHashMap::new));
        var head = new ContactViews.Head(t, c.id(), c.displayName(t), c.kinds().stream().map(k -> t.t("contacts.kind." + k)).toList(),
                t.t("console.lang." + ("en".equals(c.lang()) ? "en" : "fr")), c.id() != id ? Long.toString(id) : null,
                "/console/contacts/" + c.id() + "/edit");
        var identities = new ContactViews.Identities(t, c.emails(), c.phones(), c.studentNumber(), c.messengerIds(), c.claimedEmails());
        List<ContactViews.Fact> facts = new ArrayList<>();
        fact(facts, t.t("contacts.programme"), c.programme());
        fact(facts, t.t("contacts.graduationYear"), c.graduationYear() == null ? null : c.graduationYear().toString());
        fact(facts, t.t("contacts.organisation"), c.organisation());
        fact(facts, t.t("contacts.city"), c.city());
        fact(facts, t.t("contacts.postalCode"), c.postalCode());
        fact(facts, t.t("contacts.country"), c.country() == null ? null
                : java.util.Locale.of("", c.country()).getDisplayCountry(t.locale()));
        List<ContactViews.Fact> fields = new ArrayList<>();
        definitions.values().forEach(d -> {
            Object v = c.fields().get(d.key());
            if (v != null) fields.add(new ContactViews.Fact(d.label(t.lang()), shown(d, v, t)));
        });
        var details = new ContactViews.Details(t, facts, fields, c.tags(), times.dateTime(c.createdAt(), t), times.dateTime(c.lastActivityAt(), t));
        String notice = ctx.queryParam("saved") != null ? t.t("contacts.saved") : null;
        StaffShell s = shell(ctx);
        web.renderTo(ctx, "people/contact.jte", Map.of("v", new ContactViews.ContactPage(s, head, identities, details,
                merges.timeline(me, t, c.id(), null), merges.duplicates(ctx, me, t, c.id()),
                privacy.consentSection(t, s.csrf(), me, c.id(), null, null), notice)));
        privacy.auditRead(ctx, me, c.id());
    }

    private void form(Context ctx, long id, Form failed) {
        Viewer me = Authenticated.viewerForPage(ctx);
        Localizer t = web.localizer(ctx);
        List<ContactField> definitions = directory.accessFields(me.staff());
        Form f = failed;
        if (f == null && id == 0) {
            Access.requireManageContacts(me.staff());
            f = form(t, definitions, null, Map.of(), null);
        } else if (f == null) {
            ContactRecord c = directory.accessRecord(me, id);
            if (c.id() != id) {
                ctx.redirect("/console/contacts/" + c.id() + "/edit");
                return;
            }
            f = form(t, definitions, c, Map.of(), null);
        }
        String title = id == 0 ? t.t("contacts.new") : t.t("contacts.edit");
        web.renderTo(ctx, "people/contact-edit.jte", Map.of("v", new ContactViews.EditPage(shell(ctx), id, title,
                id == 0 ? "/console/contacts" : "/console/contacts/" + id, id == 0 ? "/console/contacts" : "/console/contacts/" + id, f)));
    }

    private void save(Context ctx, long id) {
        Viewer me = Authenticated.viewerForPage(ctx);
        Localizer t = web.localizer(ctx);
        List<ContactField> definitions = directory.accessFields(me.staff());
        Map<String, String> typed = new LinkedHashMap<>();
        ctx.formParamMap().forEach((k, v) -> typed.put(k, String.join("\n", v)));
        try {
            ContactDraft d = draft(ctx, definitions);
            ContactRecord saved = id == 0 ? directory.doCreate(me, d, "staff") : directory.doUpdate(me, id, d);
            ctx.redirect("/console/contacts/" + saved.id() + "?saved=1");
        } catch (ApiError e) {
            if (e.status() == 403 || e.status() == 404) throw e;
            Set<String> shownFields = new HashSet<>(ContactApi.CONTACT_FIELDS);
            definitions.forEach(d -> shownFields.add("fields." + d.key()));
            FormErrors.Shown shown = new FormErrors("contact", shownFields, Map.of()).of(e, t);
            ctx.status(e.status() == 409 && !"duplicate".equals(e.code()) ? 409 : 422);
            form(ctx, id, form(t, definitions, null, typed, shown));
        }
    }

    /** The form's fields as a draft: a form sends every field, so every one is given (blank clears it). */
    private static ContactDraft draft(Context ctx, List<ContactField> definitions) {
        ContactDraft d = new ContactDraft().name(ctx.formParam("name")).lang(ctx.formParam("lang")).kinds(ctx.formParams("kinds"))
                .emails(lines(ctx.formParam("emails"))).phones(lines(ctx.formParam("phones"))).studentNumber(ctx.formParam("studentNumber"))
                .programme(ctx.formParam("programme")).graduationYear(ctx.formParam("graduationYear")).organisation(ctx.formParam("organisation"))
                .city(ctx.formParam("city")).country(ctx.formParam("country")).postalCode(ctx.formParam("postalCode"))
                .tags(Arrays.stream(nz(ctx.formParam("tags")).split(",")).toList());
        Map<String, Object> values = new LinkedHashMap<>();
        definitions.forEach(f -> values.put(f.key(), ctx.formParam("field." + f.key())));
        return d.fields(values);
    }

    /** The form from the contact (typed empty) or from what was typed (after a refusal). */
    private Form form(Localizer t, List<ContactField> definitions, ContactRecord c, Map<String, String> typed, FormErrors.Shown error) {
        boolean fromContact = c != null;
        Set<String> kinds = fromContact ? Set.copyOf(c.kinds()) : Set.copyOf(lines(typed.get("kinds")));
        List<Option> kindOptions = ContactDraft.KINDS.stream().map(k -> new Option(k, t.t("contacts.kind." + k), kinds.contains(k))).toList();
        String errorField = error == null ? null : error.field();
        String errorText = error == null ? null : error.message();
        List<FieldInput> fields = definitions.stream().map(d -> {
            Object v = fromContact ? c.fields().get(d.key()) : typed.get("field." + d.key());
            String value = v instanceof BigDecimal n ? n.toPlainString() : v == null ? "" : v.toString();
            return input(d, "field." + d.key(), "f-" + d.key(), value, false, t, ("fields." + d.key()).equals(errorField) ? errorText : null);
        }).toList();
        if (fromContact) {
            return new Form(nz(c.name()), c.lang(), kindOptions, String.join("\n", c.emails()), String.join("\n", c.phones()), nz(c.studentNumber()),
                    nz(c.programme()), c.graduationYear() == null ? "" : c.graduationYear().toString(), nz(c.organisation()), nz(c.city()),
                    nz(c.postalCode()), nz(c.country()), String.join(", ", c.tags()), fields, null, null);
        }
        return new Form(nz(typed.get("name")), typed.getOrDefault("lang", t.lang()), kindOptions, nz(typed.get("emails")), nz(typed.get("phones")),
                nz(typed.get("studentNumber")), nz(typed.get("programme")), nz(typed.get("graduationYear")), nz(typed.get("organisation")),
                nz(typed.get("city")), nz(typed.get("postalCode")), nz(typed.get("country")), nz(typed.get("tags")), fields, errorField, errorText);
    }

    // ---------------------------------------------------------------- helpers

    private static FieldInput input(ContactField d, String name, String id, String value, boolean filter, Localizer t, String error) {
        String type = switch (d.type()) {
            case DATE -> "date";
            case NUMBER -> "number";
            case CHOICE -> "choice";
            case TEXT -> "text";
        };
        List<Option> choices = new ArrayList<>();
        if (d.type() == ContactField.Type.CHOICE) {
            choices.add(new Option("", filter ? t.t("contacts.filter.any") : t.t("contacts.none"), value == null || value.isEmpty()));
            d.choices().forEach(c -> choices.add(new Option(c, c, c.equalsIgnoreCase(nz(value)))));
        }
        return new FieldInput(name, id, d.label(t.lang()), type, nz(value), choices, error);
    }

    private String shown(ContactField d, Object v, Localizer t) {
        return switch (d.type()) {
            case DATE -> times.date(java.time.LocalDate.parse(v.toString()), t);
            case NUMBER -> java.text.NumberFormat.getNumberInstance(t.locale()).format(new BigDecimal(v.toString()));
            default -> v.toString();
        };
    }

    private static void fact(List<ContactViews.Fact> facts, String label, String value) {
        if (value != null && !value.isBlank()) facts.add(new ContactViews.Fact(label, value));
    }

    private static String query(Map<String, String> params) {
        if (params.isEmpty()) return "";
        return "?" + params.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static List<String> lines(String text) {
        return text == null ? List.of() : Arrays.stream(text.split("[\\r\\n]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
