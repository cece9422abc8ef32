package io.guichet.people.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.IdentityService;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.people.ConsentLedger;
import io.guichet.people.ContactMail;
import io.guichet.people.PeopleService;
import io.guichet.people.PrivacyService;
import io.guichet.platform.mail.Purpose;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.ReturnPaths;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/*
 * Over 300 lines: the consent API and section, the public unsubscribe page, export, erasure, the rules and
 * the audit log share one set of rights and one way of turning ledger entries into what a person reads.
 */
/**
 * Consent and privacy on the web: the consent API and the contact's privacy page, the public one-click
 * unsubscribe (RFC 8058), export (JSON and a readable page), erasure, the rules per kind (admin) and the
 * audit log (privacy officer).
 */
public final class PrivacyRoutes {
    /**
     * Unsubscribe requests a minute, per contact for genuine links and per address for refused ones: a mail
     * provider's one-click POSTs for thousands of people come from a few addresses and must all pass, while
     * someone trying tokens is slowed down.
     */
    static final int LINKS_PER_MINUTE = 30;
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/people/privacy.css"), List.of());
    private static final int AUDIT_PAGE = 100;

    public static final List<NavEntry<Staff>> NAV = List.of(NavEntry.<Staff>of("privacy", "nav.privacy", "/privacy/rules", Access::canSetPrivacyRules)
            .withSection(List.of(
                    NavEntry.<Staff>of("privacy.rules", "nav.privacy.rules", "/privacy/rules", Access::canSetPrivacyRules),
                    NavEntry.<Staff>of("privacy.audit", "nav.privacy.audit", "/privacy/audit", Access::canReadAuditLog))));

    private final PeopleService people;
    private final ConsentLedger ledger;
    private final PrivacyService privacy;
    private final ContactMail mail;
    private final IdentityService identity;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;
    private final RateLimiter linkRequests;

    public PrivacyRoutes(PeopleService people, ConsentLedger ledger, PrivacyService privacy, ContactMail mail, IdentityService identity,
                         WebKernel web, StaffShells shells, Times times, boolean rateLimits) {
        this.people = people;
        this.ledger = ledger;
        this.privacy = privacy;
        this.mail = mail;
        this.identity = identity;
        this.web = web;
        this.shells = shells;
        this.times = times;
        this.linkRequests = new RateLimiter(rateLimits, LINKS_PER_MINUTE);
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.get("/api/v1/contacts/{id}/consent", ctx -> ctx.json(ledgerJson(ledger.accessLedger(Authenticated.viewer(ctx), id(ctx)))));
        r.post("/api/v1/contacts/{id}/consent", this::recordConsentApi);
        r.get("/api/v1/contacts/{id}/export", ctx -> ctx.json(privacy.accessExport(Authenticated.viewer(ctx), id(ctx), WebKernel.clientIp(ctx))));
        r.delete("/api/v1/contacts/{id}", this::eraseApi);
        r.get("/api/v1/audit", this::auditApi);
        r.get("/api/v1/privacy/rules", ctx -> ctx.json(Map.of("rules", privacy.accessRules(Authenticated.staff(ctx)).stream().map(PrivacyRoutes::ruleJson).toList(),
                "affectedNow", privacy.accessRetentionCount(Authenticated.staff(ctx)))));
        r.put("/api/v1/privacy/rules/{kind}", ctx -> {
            JsonBody b = JsonBody.of(ctx, web.json());
            ctx.json(ruleJson(privacy.doSetRule(Authenticated.staff(ctx), ctx.pathParam("kind"), b.text("onErase"), b.optInt("retentionMonths"))));
        });
        r.put("/api/v1/staff/{id}/privacy-officer", ctx -> {
            boolean officer = JsonBody.of(ctx, web.json()).bool("privacyOfficer", false);
            identity.doSetPrivacyOfficer(Authenticated.staff(ctx), Ids.path(ctx, "id", "Staff member"), officer);
            ctx.json(Map.of("privacyOfficer", officer));
        });

        r.get(ContactMail.PATH + "{token}", this::unsubscribePage);
        r.post(ContactMail.PATH + "{token}", this::unsubscribePost);

        r.get("/console/contacts/{id}/privacy", ctx -> contactPage(ctx, null,
                ctx.queryParam("recorded") != null ? "recorded" : ctx.queryParam("erased") != null ? "erased" : null, null));
        r.post("/console/contacts/{id}/privacy/consent", this::recordConsentForm);
        r.post("/console/contacts/{id}/privacy/erase", this::eraseForm);
        r.get("/console/contacts/{id}/export", this::exportPage);
        r.get("/privacy/audit", this::auditPage);
        r.get("/privacy/rules", ctx -> rulesPage(ctx, null, null, null));
        r.post("/privacy/rules", this::saveRule);
        r.post("/privacy/officers/{id}", ctx -> {
            identity.doSetPrivacyOfficer(Authenticated.forPage(ctx), Ids.path(ctx, "id", "Staff member"), "true".equals(ctx.formParam("officer")));
            // from the rules page or from the staff admin screen, back to where it was set
            ctx.redirect(ReturnPaths.safe(ctx.formParam("back"), "/privacy/rules?saved=officer#officers"));
        });
    }

    private static long id(Context ctx) {
        return Ids.path(ctx, "id", "Contact");
    }

    // ---------------------------------------------------------------- consent API

    private void recordConsentApi(Context ctx) {
        Viewer viewer = Authenticated.viewer(ctx);
        JsonBody b = JsonBody.of(ctx, web.json());
        // "wording" in "wordingLang" (fr unless told), or both languages as shown: "wordingFr" and "wordingEn"
        String lang = b.optText("wordingLang");
        if (lang != null && !Messages.isSupported(lang)) throw ApiError.invalid("wordingLang", "wordingLang must be fr or en");
        String text = b.optText("wording");
        String fr = b.optText("wordingFr");
        String en = b.optText("wordingEn");
        if (text != null && (fr != null || en != null)) throw ApiError.invalid("wording", "give wording or wordingFr/wordingEn, not both");
        if (text != null) {
            if ("en".equals(lang)) en = text;
            else fr = text;
        }
        var change = ConsentLedger.change(b.optText("purpose"), b.optText("state"), b.optText("basis"), b.optText("ground"),
                instant("groundAt", b.optText("groundAt")), b.optText("source"), fr, en);
        ConsentLedger.State state = ledger.doRecord(viewer, id(ctx), change, WebKernel.clientIp(ctx));
        ctx.status(201).json(stateJson(state));
    }

    /** A date ({@code 2026-05-01}, midnight UTC) or an instant ({@code 2026-05-01T14:00:00-04:00}). */
    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return value.length() <= 10 ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : java.time.OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date (2026-05-01) or a date and time with its offset");
        }
    }

    private Map<String, Object> ledgerJson(ConsentLedger.Ledger l) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("current", l.current().stream().map(this::stateJson).toList());
        m.put("history", l.history().stream().map(this::entryJson).toList());
        return m;
    }

    private Map<String, Object> stateJson(ConsentLedger.State s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("purpose", s.purpose().key());
        m.put("state", s.state());
        m.put("allowed", s.allowed());
        m.put("basis", s.basis());
        m.put("ground", s.ground());
        m.put("since", s.since() == null ? null : times.offset(s.since()));
        m.put("expiresAt", s.expiresAt() == null ? null : times.offset(s.expiresAt()));
        return m;
    }

    private Map<String, Object> entryJson(ConsentLedger.Entry e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", Long.toString(e.id()));
        m.put("purpose", e.purpose().key());
        m.put("state", e.granted() ? "granted" : "withdrawn");
        m.put("basis", e.basis());
        m.put("ground", e.ground());
        m.put("groundAt", e.groundAt() == null ? null : times.offset(e.groundAt()));
        m.put("expiresAt", e.expiresAt() == null ? null : times.offset(e.expiresAt()));
        m.put("source", e.source());
        m.put("wording", wordingJson(e));
        m.put("staffId", e.staffId() == null ? null : Long.toString(e.staffId()));
        m.put("at", times.offset(e.at()));
        return m;
    }

    private static Map<String, String> wordingJson(ConsentLedger.Entry e) {
        Map<String, String> w = new LinkedHashMap<>();
        if (e.wordingFr() != null) w.put("fr", e.wordingFr());
        if (e.wordingEn() != null) w.put("en", e.wordingEn());
        return w;
    }

    // ---------------------------------------------------------------- erasure, audit, rules API

    private void eraseApi(Context ctx) {
        long id = id(ctx);
        Staff me = Access.requireEraseContact(Authenticated.staff(ctx)); // a refusal before asking to confirm
        if (!Long.toString(id).equals(ctx.queryParam("confirm"))) {
            throw new ApiError(422, "confirmation_required", "Erasure cannot be undone: repeat the contact's id as ?confirm=" + id, "confirm");
        }
        PrivacyService.Erased e = privacy.doErase(me, id, WebKernel.clientIp(ctx));
        ctx.json(Map.of("id", Long.toString(e.contactId()), "erased", true, "records", e.mode().key(), "contacts", e.contacts()));
    }

    private void auditApi(Context ctx) {
        String contact = ctx.queryParam("contact");
        String before = ctx.queryParam("before");
        List<PrivacyService.AuditEntry> rows = privacy.accessAuditLog(Authenticated.staff(ctx),
                contact == null ? null : Ids.field("contact", contact), blankToNull(ctx.queryParam("action")),
                before == null ? null : Ids.field("before", before), AUDIT_PAGE);
        List<Map<String, Object>> out = new ArrayList<>();
        for (var a : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", Long.toString(a.id()));
            m.put("at", times.offset(a.at()));
            m.put("staffId", Long.toString(a.staffId()));
            m.put("staff", identity.staffName(a.staffId()));
            m.put("action", a.action());
            m.put("contactId", a.contactId() == null ? null : Long.toString(a.contactId()));
            m.put("clientIp", a.clientIp());
            m.put("detail", a.detail());
            out.add(m);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("entries", out);
        body.put("next", rows.size() == AUDIT_PAGE ? Long.toString(rows.getLast().id()) : null);
        ctx.json(body);
    }

    private static Map<String, Object> ruleJson(PrivacyService.KindRule r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", r.kind());
        m.put("onErase", r.onErase().key());
        m.put("retentionMonths", r.retentionMonths());
        m.put("affectedNow", r.affectedNow());
        return m;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    // ---------------------------------------------------------------- the public unsubscribe link

    /** A mail scanner may open the link: the page only asks, its button withdraws. */
    private void unsubscribePage(Context ctx) {
        ContactMail.Unsubscribe link = link(ctx);
        Localizer t = web.messages().in(lang(link));
        boolean subscribed = ledger.findLedger(link.contactId()).current().stream()
                .anyMatch(s -> s.purpose() == link.purpose() && s.allowed());
        renderUnsubscribe(ctx, t, link, subscribed, null);
    }

    /**
     * RFC 8058: a mail client's one-click POST ({@code List-Unsubscribe=One-Click}) withdraws and gets a bare
     * 200; the page's buttons withdraw or take consent back and see the page again.
     */
    private void unsubscribePost(Context ctx) {
        ContactMail.Unsubscribe link = link(ctx);
        Localizer t = web.messages().in(lang(link)); // the contact exists (a link we signed may name one since gone)
        if ("One-Click".equals(ctx.formParam("List-Unsubscribe"))) {
            ledger.doUnsubscribe(link.contactId(), link.purpose());
            ctx.status(200).result("");
            return;
        }
        String action = ctx.formParam("action");
        if ("resubscribe".equals(action)) {
            Localizer fr = web.messages().in("fr");
            Localizer en = web.messages().in("en");
            ledger.doResubscribe(link.contactId(), link.purpose(), fr.t("unsubscribe.resubscribe.wording", fr.t("consent.purpose." + link.purpose().key())),
                    en.t("unsubscribe.resubscribe.wording", en.t("consent.purpose." + link.purpose().key())));
            renderUnsubscribe(ctx, t, link, true, "resubscribed");
        } else if ("withdraw".equals(action)) {
            ledger.doUnsubscribe(link.contactId(), link.purpose());
            renderUnsubscribe(ctx, t, link, false, "withdrawn");
        } else {
            throw ApiError.invalid("action", "action must be withdraw or resubscribe");
        }
    }

    private ContactMail.Unsubscribe link(Context ctx) {
        ContactMail.Unsubscribe link = mail.findLink(ctx.pathParam("token")).orElse(null);
        if (link == null) {
            linkRequests.acquire("refused:" + WebKernel.clientIp(ctx));
            throw badLink();
        }
        linkRequests.acquire("contact:" + link.contactId());
        return link;
    }

    private static ApiError badLink() {
        return new ApiError(400, "bad_link", "This unsubscribe link is not valid: it was changed, has expired or is not ours");
    }

    private String lang(ContactMail.Unsubscribe link) {
        return privacy.findLanguage(link.contactId()).orElseThrow(PrivacyRoutes::badLink);
    }

    private void renderUnsubscribe(Context ctx, Localizer t, ContactMail.Unsubscribe link, boolean subscribed, String done) {
        ctx.header("Referrer-Policy", "no-referrer"); // the token is in the address
        web.renderTo(ctx, "people/unsubscribe.jte", Map.of("v", new PrivacyViews.UnsubscribePage(t, ctx.path(),
                t.t("consent.purpose." + link.purpose().key()), subscribed, done)));
    }

    // ---------------------------------------------------------------- staff screens

    private void contactPage(Context ctx, String consentError, String notice, String eraseError) {
        Viewer viewer = Authenticated.viewerForPage(ctx);
        long id = id(ctx);
        var contact = people.accessContact(viewer, id);
        StaffShell s = shells.of(ctx, "console", ASSETS);
        boolean erased = privacy.findErased(id);
        web.renderTo(ctx, "people/privacy.jte", Map.of("v", new PrivacyViews.ContactPrivacyPage(s, id, contact.displayName(s.t()), erased,
                consentSection(s.t(), s.csrf(), viewer, id, consentError, notice),
                Access.canExportContact(viewer.staff()), Access.canEraseContact(viewer.staff()) && !erased, eraseError)));
        auditRead(ctx, viewer, id);
    }

    /** A staff member read this contact's page: the audit log says who, when and from where. */
    public void auditRead(Context ctx, Viewer viewer, long contactId) {
        privacy.doAuditRead(viewer, contactId, WebKernel.clientIp(ctx));
    }

    /** The consent section of a contact's page: the contact page of the people screens embeds it. */
    public PrivacyViews.ConsentSection consentSection(Localizer t, String csrf, Viewer viewer, long contactId, String error, String notice) {
        ConsentLedger.Ledger l = ledger.accessLedger(viewer, contactId);
        List<PrivacyViews.PurposeRow> current = l.current().stream().map(st -> new PrivacyViews.PurposeRow(st.purpose().key(), st.state(), st.basis(),
                st.since() == null ? null : times.date(st.since(), t), st.expiresAt() == null ? null : times.date(st.expiresAt(), t))).toList();
        List<PrivacyViews.HistoryRow> history = l.history().stream().map(e -> new PrivacyViews.HistoryRow(times.dateTime(e.at(), t), times.iso(e.at()),
                e.purpose().key(), e.granted() ? "granted" : "withdrawn", e.basis(), e.source(),
                e.staffId() == null ? null : identity.staffName(e.staffId()), PrivacyViews.wording(e, t.lang()))).toList();
        return new PrivacyViews.ConsentSection(t, csrf, contactId, current, history,
                ConsentLedger.purposes().stream().map(Purpose::key).toList(), error, notice);
    }

    private void recordConsentForm(Context ctx) {
        Viewer viewer = Authenticated.viewerForPage(ctx);
        long id = id(ctx);
        String lang = ctx.formParam("wordingLang");
        String wording = ctx.formParam("wording");
        try {
            var change = ConsentLedger.change(ctx.formParam("purpose"), ctx.formParam("state"), blankToNull(ctx.formParam("basis")),
                    blankToNull(ctx.formParam("ground")), instant("groundAt", ctx.formParam("groundAt")), "staff",
                    "en".equals(lang) ? null : blankToNull(wording), "en".equals(lang) ? blankToNull(wording) : null);
            ledger.doRecord(viewer, id, change, WebKernel.clientIp(ctx));
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            ctx.status(422);
            contactPage(ctx, e.field() == null ? "form" : e.field(), null, null);
            return;
        }
        ctx.redirect("/console/contacts/" + id + "/privacy?recorded=1#consent");
    }

    private void eraseForm(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        long id = id(ctx);
        if (!Long.toString(id).equals(ctx.formParam("confirm"))) {
            ctx.status(422);
            contactPage(ctx, null, null, "confirm");
            return;
        }
        privacy.doErase(me, id, WebKernel.clientIp(ctx));
        ctx.redirect("/console/contacts/" + id + "/privacy?erased=1");
    }

    private void exportPage(Context ctx) {
        Viewer viewer = Authenticated.viewerForPage(ctx);
        long id = id(ctx);
        JsonNode export = privacy.accessExport(viewer, id, WebKernel.clientIp(ctx));
        Localizer t = web.localizer(ctx);
        List<PrivacyViews.Block> sections = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = export.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getKey().equals("exportedAt")) continue;
            sections.add(block(t.has("export.section." + e.getKey()) ? t.t("export.section." + e.getKey()) : e.getKey(), e.getValue()));
        }
        web.renderTo(ctx, "people/export.jte", Map.of("v", new PrivacyViews.ExportPage(t, id,
                times.dateTime(java.time.OffsetDateTime.parse(export.path("exportedAt").asText()).toInstant(), t), sections)));
    }

    /** A JSON value as a readable block: scalars become fields, objects and arrays nested blocks. */
    static PrivacyViews.Block block(String title, JsonNode node) {
        List<PrivacyViews.Field> fields = new ArrayList<>();
        List<PrivacyViews.Block> children = new ArrayList<>();
        if (node.isArray()) {
            int i = 1;
            for (JsonNode item : node) children.add(block(title + " " + i++, item));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode v = e.getValue();
                if (v.isContainerNode() && !v.isEmpty()) children.add(block(e.getKey(), v));
                else fields.add(new PrivacyViews.Field(e.getKey(), v.isNull() ? "" : v.isContainerNode() ? "—" : v.asText()));
            }
        } else {
            fields.add(new PrivacyViews.Field("", node.asText()));
        }
        return new PrivacyViews.Block(title, fields, children);
    }

    private void auditPage(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        String action = blankToNull(ctx.queryParam("action"));
        String before = ctx.queryParam("before");
        List<PrivacyService.AuditEntry> entries = privacy.accessAuditLog(me, null, action, before == null ? null : Ids.field("before", before), AUDIT_PAGE);
        StaffShell s = shells.of(ctx, "privacy.audit", ASSETS);
        Localizer t = s.t();
        List<PrivacyViews.AuditRow> rows = entries.stream().map(a -> new PrivacyViews.AuditRow(times.dateTime(a.at(), t), times.iso(a.at()),
                identity.staffName(a.staffId()), a.action(), a.contactId() == null ? "" : "#" + a.contactId(),
                a.contactId() == null ? null : "/console/contacts/" + a.contactId() + "/privacy", a.clientIp() == null ? "" : a.clientIp(),
                a.detail() == null ? "" : a.detail())).toList();
        String next = entries.size() == AUDIT_PAGE ? "/privacy/audit?before=" + entries.getLast().id() + (action == null ? "" : "&action=" + action) : null;
        web.renderTo(ctx, "people/audit.jte", Map.of("v", new PrivacyViews.AuditPage(s, rows, action,
                PrivacyService.AUDITED.stream().sorted().toList(), next)));
    }

    private void rulesPage(Context ctx, String notice, String error, String errorKind) {
        Staff me = Authenticated.forPage(ctx);
        List<PrivacyViews.RuleRow> rows = privacy.accessRules(me).stream()
                .map(r -> new PrivacyViews.RuleRow(r.kind(), r.onErase().key(), r.retentionMonths(), r.affectedNow())).toList();
        List<PrivacyViews.OfficerRow> staff = !Access.canAdminister(me) ? List.of() : identity.accessAllStaff(me).stream()
                .filter(Staff::active).map(x -> new PrivacyViews.OfficerRow(x.id(), x.name(), x.email(), x.privacyOfficer())).toList();
        if (notice == null && ctx.queryParam("saved") != null) notice = "saved";
        web.renderTo(ctx, "people/rules.jte", Map.of("v", new PrivacyViews.RulesPage(shells.of(ctx, "privacy.rules", ASSETS), rows,
                privacy.accessRetentionCount(me), notice, error, errorKind, staff)));
    }

    private void saveRule(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        String kind = ctx.formParam("kind");
        String months = blankToNull(ctx.formParam("retentionMonths"));
        try {
            Integer m;
            try {
                m = months == null ? null : Integer.valueOf(months.strip());
            } catch (NumberFormatException e) {
                throw ApiError.invalid("retentionMonths", "retentionMonths must be a whole number");
            }
            privacy.doSetRule(me, kind, ctx.formParam("onErase"), m);
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            ctx.status(422);
            rulesPage(ctx, null, e.field(), kind);
            return;
        }
        ctx.redirect("/privacy/rules?saved=" + kind);
    }
}
