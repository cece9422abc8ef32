package io.guichet.journeys.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Scope;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.journeys.DueRule;
import io.guichet.journeys.Journey;
import io.guichet.journeys.JourneyService;
import io.guichet.journeys.JourneyService.Applicant;

import io.guichet.journeys.Template;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.FileContent;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.RateLimiter;
import io.guichet.platform.web.RequestBodies;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.guichet.services.ServiceCatalogue;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The journeys' web side (docs/api.md): the staff API and screens (templates, boards, an applicant's checklist and
 * the decisions), and the applicant's page {@code /parcours}, reached by a mailed signed link that leaves a session
 * cookie, and its API under {@code /api/v1/me/journey}.
 */
public final class JourneyRoutes {
    static final String COOKIE = "guichet_parcours";
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/journeys/staff.css"), List.of());
    private static final Set<String> TEMPLATE_FIELDS = Set.of("nameFr", "nameEn", "termStart", "steps");
    private static final Set<String> STEP_FIELDS = Set.of("key", "titleFr", "titleEn", "helpFr", "helpEn", "service", "documentRequired",
            "acceptedTypes", "maxBytes", "approvalRequired", "due");

    /** The most applicants one bulk action takes (a bigger batch is a job, not a click). */
    static final int MAX_BULK = 500;
    /** Applicants on one page of a board. */
    static final int PAGE = 50;

    private final JourneyService journeys;
    private final ServiceCatalogue services;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;
    private final RateLimiter linksPerAddress;
    private final RateLimiter linksPerIp;
    private final RateLimiter uploads;
    private final NumbersPage numbers;
    private final TemplateForm templateForm;
    private final EnrolmentImportPage importPage;

    public JourneyRoutes(JourneyService journeys, ServiceCatalogue services, WebKernel web, StaffShells shells, Times times) {
        this.journeys = journeys;
        this.services = services;
        this.web = web;
        this.shells = shells;
        this.times = times;
        var s = journeys.settings();
        this.linksPerAddress = new RateLimiter(s.rateLimits(), s.linkRequestsPerAddress());
        this.linksPerIp = new RateLimiter(s.rateLimits(), s.linkRequestsPerIp());
        this.uploads = new RateLimiter(s.rateLimits(), s.uploadsPerMinute());
        this.numbers = new NumbersPage(journeys, web, shells, times, ASSETS);
        this.templateForm = new TemplateForm(journeys, services, web, shells, ASSETS);
        this.importPage = new EnrolmentImportPage(journeys, web, shells, ASSETS);
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        // staff API
        r.post("/api/v1/journeys/templates", ctx -> ctx.status(201).json(templateJson(
                journeys.doCreateTemplate(Authenticated.staff(ctx), draft(ctx)), web.localizer(ctx))));
        r.put("/api/v1/journeys/templates/{id}", ctx -> ctx.status(201).json(templateJson(
                journeys.doEditTemplate(Authenticated.staff(ctx), Ids.path(ctx, "id", "Template"), draft(ctx)), web.localizer(ctx))));
        r.get("/api/v1/journeys/templates/{id}", ctx -> ctx.json(templateJson(
                journeys.accessTemplate(Authenticated.staff(ctx), Ids.path(ctx, "id", "Template")), web.localizer(ctx))));
        r.post("/api/v1/journeys/enrolments", this::enrol);
        r.get("/api/v1/journeys/enrolments/{id}", ctx -> {
            var detail = journeys.accessEnrolment(Authenticated.viewer(ctx), Ids.path(ctx, "id", "Enrolment"));
            ctx.json(journeyJson(detail.journey(), web.localizer(ctx), "/api/v1/journeys/documents/"));
        });
        r.post("/api/v1/journeys/enrolments/{id}/steps/{stepId}/decision", ctx -> {
            var body = io.guichet.platform.web.JsonBody.of(ctx, web.json()).only(Set.of("approve", "reason"));
            if (!body.has("approve")) throw ApiError.invalid("approve", "approve is required (true or false)");
            Journey j = journeys.doDecide(Authenticated.viewer(ctx), Ids.path(ctx, "id", "Enrolment"), Ids.path(ctx, "stepId", "Step"),
                    body.bool("approve", false), body.optText("reason"));
            ctx.json(journeyJson(j, web.localizer(ctx), "/api/v1/journeys/documents/"));
        });
        r.post("/api/v1/journeys/enrolments/{id}/move-to-latest", ctx -> ctx.json(journeyJson(
                journeys.doMoveToLatest(Authenticated.staff(ctx), Ids.path(ctx, "id", "Enrolment")), web.localizer(ctx), "/api/v1/journeys/documents/")));
        r.get("/api/v1/journeys/documents/{id}", ctx ->
                journeys.accessStaffDocument(Authenticated.viewer(ctx), Ids.path(ctx, "id", "Document"), d -> download(ctx, d)));
        // the applicant's API
        r.get("/api/v1/me/journey", ctx -> ctx.json(journeyJson(journeys.accessOwnJourney(applicant(ctx)), web.localizer(ctx), "/api/v1/me/journey/documents/")));
        r.post("/api/v1/me/journey/steps/{stepId}/document", ctx -> {
            Applicant a = applicant(ctx);
            requireCsrfWithCookie(ctx);
            Journey.Document d = submit(ctx, a);
            ctx.status(201).json(documentJson(d, "/api/v1/me/journey/documents/"));
        });
        r.post("/api/v1/me/journey/chat", ctx -> {
            Applicant a = applicant(ctx);
            requireCsrfWithCookie(ctx);
            uploads.acquire("chat:" + a.enrolmentId()); // the applicant's writes share one limit
            JourneyService.Chat chat = journeys.doOpenChat(a);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("visitorToken", chat.visitorToken());
            m.put("service", chat.service());
            m.put("lang", chat.lang());
            ctx.header("Cache-Control", "no-store");
            ctx.status(201).json(m);
        });
        r.get("/api/v1/me/journey/documents/{id}", ctx ->
                journeys.accessOwnDocument(applicant(ctx), Ids.path(ctx, "id", "Document"), d -> download(ctx, d)));
        // the applicant's pages
        r.get(JourneyService.LINK_PATH + "{token}", this::openLink);
        r.get("/parcours", ctx -> parcours(ctx, null, null, 0));
        r.post("/parcours/lien", this::requestLink);
        r.post("/parcours/etapes/{stepId}/document", ctx -> {
            Applicant a = pageApplicant(ctx);
            if (a == null) return;
            long stepId = Ids.path(ctx, "stepId", "Step");
            try {
                submit(ctx, a);
                ctx.redirect("/parcours?envoye=" + stepId + "#etape-" + stepId, io.javalin.http.HttpStatus.SEE_OTHER);
            } catch (ApiError e) {
                ctx.status(e.status());
                parcours(ctx, a, uploadError(e, web.localizer(ctx)), stepId);
            }
        });
        r.get("/parcours/documents/{id}", ctx -> {
            Applicant a = pageApplicant(ctx);
            if (a != null) journeys.accessOwnDocument(a, Ids.path(ctx, "id", "Document"), d -> download(ctx, d));
        });
        // staff screens
        r.get("/journeys", this::index);
        templateForm.register(config); // before /journeys/{id}, which "new" would otherwise be
        r.get("/journeys/{id}", this::board);
        r.post("/journeys/{id}/bulk", this::bulk);
        numbers.register(config);
        importPage.register(config);
        r.get("/journeys/enrolments/{id}", ctx -> detail(ctx, null, 0));
        r.post("/journeys/enrolments/{id}/steps/{stepId}/decision", ctx -> {
            long id = Ids.path(ctx, "id", "Enrolment");
            long stepId = Ids.path(ctx, "stepId", "Step");
            try {
                journeys.doDecide(Authenticated.viewerForPage(ctx), id, stepId, "approve".equals(ctx.formParam("decision")), ctx.formParam("reason"));
                ctx.redirect("/journeys/enrolments/" + id + "#etape-" + stepId, io.javalin.http.HttpStatus.SEE_OTHER);
            } catch (ApiError e) {
                if (e.status() != 422) throw e;
                ctx.status(422);
                detail(ctx, web.localizer(ctx).t("journeys.decision.reason_required"), stepId);
            }
        });
        r.post("/journeys/enrolments/{id}/steps/{stepId}/approve", ctx -> {
            // one click beside a conversation: back to it (a path of this site only), else to the applicant's page
            long id = Ids.path(ctx, "id", "Enrolment");
            journeys.doDecide(Authenticated.viewerForPage(ctx), id, Ids.path(ctx, "stepId", "Step"), true, null);
            ctx.redirect(io.guichet.platform.web.ReturnPaths.safe(ctx.formParam("back"), "/journeys/enrolments/" + id), io.javalin.http.HttpStatus.SEE_OTHER);
        });
        r.post("/journeys/enrolments/{id}/move", ctx -> {
            long id = Ids.path(ctx, "id", "Enrolment");
            journeys.doMoveToLatest(Authenticated.forPage(ctx), id);
            ctx.redirect("/journeys/enrolments/" + id, io.javalin.http.HttpStatus.SEE_OTHER);
        });
        r.get("/journeys/documents/{id}", ctx ->
                journeys.accessStaffDocument(Authenticated.viewerForPage(ctx), Ids.path(ctx, "id", "Document"), d -> download(ctx, d)));
    }

    // ---------------------------------------------------------------- staff API

    private void enrol(Context ctx) {
        Viewer viewer = Authenticated.viewer(ctx, Scope.JOURNEYS_WRITE);
        var body = io.guichet.platform.web.JsonBody.of(ctx, web.json()).only(Set.of("templateId", "contact", "startTerm"));
        Integer templateId = body.optInt("templateId");
        if (templateId == null) throw ApiError.invalid("templateId", "templateId is required");
        Map<String, Object> contact = body.optValues("contact");
        for (String key : contact.keySet()) if (!Set.of("email", "name", "lang").contains(key)) throw ApiError.invalid("contact." + key, "Unknown field contact." + key);
        JourneyService.Enrolled e = journeys.doEnrol(viewer, templateId, text(contact, "email"), text(contact, "name"), text(contact, "lang"),
                date("startTerm", body.optText("startTerm")));
        ctx.status(e.created() ? 201 : 200).json(Map.of("id", e.enrolment().id(), "contactId", e.enrolment().contactId(),
                "templateId", e.enrolment().templateId(), "created", e.created()));
    }

    private static String text(Map<String, Object> values, String key) {
        Object v = values.get(key);
        if (v != null && !(v instanceof String)) throw ApiError.invalid("contact." + key, "contact." + key + " must be text");
        return (String) v;
    }

    private JourneyService.TemplateDraft draft(Context ctx) {
        Access.requireJourneyTemplates(Authenticated.staff(ctx)); // a refusal before any word about the body
        var body = io.guichet.platform.web.JsonBody.of(ctx, web.json(), 256 * 1024).only(TEMPLATE_FIELDS);
        LocalDate term = date("termStart", body.optText("termStart"));
        JsonNode steps = body.node("steps");
        if (steps == null || !steps.isArray()) throw ApiError.invalid("steps", "steps must be a list");
        if (steps.size() > JourneyService.MAX_STEPS) throw ApiError.invalid("steps", "steps may hold at most " + JourneyService.MAX_STEPS + " steps");
        List<Template.Step> list = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) list.add(step(steps.get(i), "steps[" + i + "]."));
        return new JourneyService.TemplateDraft(body.optText("nameFr"), body.optText("nameEn"), term, list);
    }

    private Template.Step step(JsonNode n, String f) {
        if (!n.isObject()) throw ApiError.invalid(f.substring(0, f.length() - 1), f.substring(0, f.length() - 1) + " must be an object");
        n.fieldNames().forEachRemaining(name -> {
            if (!STEP_FIELDS.contains(name)) throw ApiError.invalid(f + name, "Unknown field " + f + name);
        });
        String service = str(n, f, "service");
        Long serviceId = service == null ? null : services.findBySlug(service).id();
        List<String> types = new ArrayList<>();
        JsonNode t = n.get("acceptedTypes");
        if (t != null && !t.isNull()) {
            if (!t.isArray()) throw ApiError.invalid(f + "acceptedTypes", "acceptedTypes must be a list");
            t.forEach(x -> types.add(x.isTextual() ? x.asText().toLowerCase(Locale.ROOT) : "?"));
        }
        JsonNode max = n.get("maxBytes");
        if (max != null && !max.isNull() && !max.canConvertToInt()) throw ApiError.invalid(f + "maxBytes", "maxBytes must be a whole number");
        return new Template.Step(0, str(n, f, "key"), 0, str(n, f, "titleFr"), str(n, f, "titleEn"), str(n, f, "helpFr"), str(n, f, "helpEn"),
                serviceId, bool(n, f, "documentRequired"), types, max == null || max.isNull() ? 0 : max.asInt(), bool(n, f, "approvalRequired"), due(n.get("due"), f));
    }

    private static DueRule due(JsonNode n, String f) {
        if (n == null || n.isNull()) return DueRule.none();
        if (!n.isObject()) throw ApiError.invalid(f + "due", "due must be an object");
        String kind = str(n, f + "due.", "kind");
        JsonNode days = n.get("days");
        if (days != null && !days.isNull() && !days.canConvertToInt()) throw ApiError.invalid(f + "due.days", "due.days must be a whole number");
        try {
            return new DueRule(DueRule.Kind.of(kind == null ? "none" : kind), date(f + "due.date", str(n, f + "due.", "date")),
                    days == null || days.isNull() ? null : days.asInt(), str(n, f + "due.", "afterStep"));
        } catch (ApiError e) {
            throw new ApiError(e.status(), e.code(), f + e.getMessage(), f + e.field());
        }
    }

    private static String str(JsonNode n, String f, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiError.invalid(f + name, f + name + " must be text");
        return Fields.refuseControlCharacters(f + name, v.asText(), name.startsWith("help"));
    }

    private static boolean bool(JsonNode n, String f, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) throw ApiError.invalid(f + name, f + name + " must be true or false");
        return v.asBoolean();
    }

    private static LocalDate date(String field, String value) {
        if (value == null) return null;
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.invalid(field, field + " must be a date (YYYY-MM-DD)");
        }
    }

    private Map<String, Object> templateJson(Template t, Localizer tr) {
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Template.Step s : t.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.id());
            m.put("key", s.key());
            m.put("position", s.position());
            m.put("titleFr", s.titleFr());
            m.put("titleEn", s.titleEn());
            m.put("helpFr", s.helpFr());
            m.put("helpEn", s.helpEn());
            m.put("service", s.serviceId() == null ? null : services.findById(s.serviceId()).slug());
            m.put("documentRequired", s.documentRequired());
            m.put("acceptedTypes", s.acceptedTypes());
            m.put("maxBytes", s.maxBytes());
            m.put("approvalRequired", s.approvalRequired());
            Map<String, Object> due = new LinkedHashMap<>();
            due.put("kind", s.due().kind().key());
            if (s.due().date() != null) due.put("date", s.due().date().toString());
            if (s.due().days() != null) due.put("days", s.due().days());
            if (s.due().afterStep() != null) due.put("afterStep", s.due().afterStep());
            m.put("due", due);
            steps.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", t.id());
        m.put("familyId", t.familyId());
        m.put("version", t.version());
        m.put("latest", t.latest());
        m.put("nameFr", t.nameFr());
        m.put("nameEn", t.nameEn());
        m.put("termStart", t.termStart().toString());
        m.put("steps", steps);
        return m;
    }

    private Map<String, Object> journeyJson(Journey j, Localizer t, String documents) {
        String lang = t.lang();
        List<Map<String, Object>> steps = new ArrayList<>();
        for (Journey.StepStatus s : j.steps()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", s.step().id());
            m.put("key", s.step().key());
            m.put("title", s.step().title(lang));
            m.put("state", s.state().key());
            m.put("late", s.late());
            m.put("due", s.due() == null ? null : s.due().toString());
            m.put("reason", s.reason());
            m.put("documentRequired", s.step().documentRequired());
            m.put("approvalRequired", s.step().approvalRequired());
            m.put("document", s.document() == null ? null : documentJson(s.document(), documents));
            steps.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", j.enrolment().id());
        m.put("contactId", j.enrolment().contactId());
        m.put("template", Map.of("id", j.template().id(), "name", j.template().name(lang), "version", j.template().version()));
        m.put("next", j.next() == null ? null : j.next().step().id());
        m.put("steps", steps);
        return m;
    }

    private Map<String, Object> documentJson(Journey.Document d, String prefix) {
        return Map.of("id", d.id(), "name", d.name(), "contentType", d.contentType(), "size", d.size(), "sha256", d.sha256(),
                "uploadedAt", times.offset(d.uploadedAt()), "url", prefix + d.id());
    }

    // ---------------------------------------------------------------- the applicant

    /** The applicant of the request: their session as a Bearer token, else the cookie the link left. */
    private Applicant applicant(Context ctx) {
        String token = WebKernel.bearerToken(ctx);
        if (token == null) token = ctx.cookie(COOKIE);
        return journeys.findApplicant(token).orElseThrow(ApiError::unauthorized);
    }

    /** The kernel exempts /api/ from form tokens unless a staff session is sent: a write with the applicant's cookie must carry one too. */
    private static void requireCsrfWithCookie(Context ctx) {
        if (WebKernel.bearerToken(ctx) != null) return;
        String sent = ctx.header(WebKernel.CSRF_HEADER);
        String expected = WebKernel.csrf(ctx);
        if (sent == null || expected == null || !MessageDigest.isEqual(sent.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8))) {
            throw new ApiError(403, "csrf", "The form expired; reload the page and try again");
        }
    }

    /** The applicant of a page, or null after answering the page that offers a new link. */
    private Applicant pageApplicant(Context ctx) {
        var a = journeys.findApplicant(ctx.cookie(COOKIE));
        if (a.isEmpty()) linkPage(ctx, 401, "journeys.link.signed_out.heading", "journeys.link.signed_out", false, null);
        return a.orElse(null);
    }

    private void openLink(Context ctx) {
        var session = journeys.findSessionForLink(ctx.pathParam("token"));
        if (session.isEmpty()) {
            linkPage(ctx, 404, "journeys.link.bad.heading", "journeys.link.bad", false, null);
            return;
        }
        ctx.res().addHeader("Set-Cookie", COOKIE + "=" + session.get() + "; Path=/; Max-Age=" + 30 * 24 * 3600 + "; SameSite=Lax; HttpOnly"
                + WebKernel.secureFlag(ctx));
        ctx.header("Referrer-Policy", "no-referrer"); // the link's token must not leave in a Referer
        ctx.redirect("/parcours", io.javalin.http.HttpStatus.SEE_OTHER);
    }

    private void requestLink(Context ctx) {
        linksPerIp.acquire(WebKernel.clientIp(ctx));
        String email = ctx.formParam("email");
        String address;
        try {
            address = Fields.optionalEmail("email", email);
            if (address == null) throw ApiError.invalid("email", "email is required");
        } catch (ApiError e) {
            linkPage(ctx, 422, "journeys.link.request.heading", "journeys.link.request", false, web.localizer(ctx).t("journeys.link.request.invalid"));
            return;
        }
        try {
            // per address, silently: a flood for one address sends no mail storm, and says nothing the page would not
            linksPerAddress.acquire(address.toLowerCase(Locale.ROOT));
            journeys.doRequestLink(address);
        } catch (RateLimiter.RateLimited ignored) {
            // the same answer as for a known address
        }
        linkPage(ctx, 200, "journeys.link.sent.heading", "journeys.link.sent", true, null);
    }

    private void linkPage(Context ctx, int status, String heading, String message, boolean sent, String error) {
        Localizer t = web.localizer(ctx);
        ctx.status(status);
        web.renderTo(ctx, "journeys/link.jte", Map.of("v", new JourneyViews.LinkPage(t, WebKernel.csrf(ctx), t.t(heading), t.t(message), sent, error)));
    }

    private void parcours(Context ctx, Applicant known, String error, long errorStep) {
        Applicant a = known != null ? known : pageApplicant(ctx);
        if (a == null) return;
        Journey j = journeys.accessOwnJourney(a);
        // the applicant's language, unless they chose the other one on the page
        Localizer t = ctx.queryParam("lang") != null ? web.localizer(ctx) : web.messages().in(j.enrolment().lang());
        List<JourneyViews.StepView> steps = new ArrayList<>();
        for (Journey.StepStatus s : j.steps()) steps.add(JourneyViews.step(s, t, times, services, "/parcours/documents/"));
        JourneyViews.StepView next = j.next() == null ? null : steps.get(j.steps().indexOf(j.next()));
        String notice = ctx.queryParam("envoye") == null ? null : t.t("journeys.upload.sent");
        ctx.header("Cache-Control", "no-store");
        web.renderTo(ctx, "journeys/parcours.jte", Map.of("v", new JourneyViews.ParcoursPage(t, WebKernel.csrf(ctx), j.enrolment().id(), j.template().name(t.lang()),
                j.enrolment().name(), steps, next, JourneyViews.progress(j, t), notice, error, errorStep)));
    }

    private static String uploadError(ApiError e, Localizer t) {
        return switch (e.status()) {
            case 413 -> t.t("journeys.upload.too_large");
            case 415 -> t.t("journeys.upload.wrong_type");
            case 409 -> t.t("journeys.upload.not_now");
            case 429 -> t.t("journeys.upload.too_many");
            default -> t.t("journeys.upload.invalid");
        };
    }

    /**
     * The document of a multipart body's {@code file} part: refused before reading when the declared length is over
     * the largest document (413, nothing stored); the step's own limit and types are the service's to check.
     */
    private Journey.Document submit(Context ctx, Applicant a) {
        uploads.acquire(Long.toString(a.enrolmentId()));
        long stepId = Ids.path(ctx, "stepId", "Step");
        int max = journeys.settings().maxBytes();
        if (ctx.req().getContentLengthLong() > max + 64L * 1024) {
            throw RequestBodies.refused(ctx, 2L * max, ApiError.tooLarge("The file is larger than " + max / (1024 * 1024) + " MB"));
        }
        String type = ctx.contentType();
        if (type == null || !type.startsWith("multipart/form-data")) throw ApiError.invalid("file", "Send the file as multipart/form-data, part file");
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null) throw ApiError.invalid("file", "Choose a file");
        if (file.size() > max) throw ApiError.tooLarge("The file is larger than " + max / (1024 * 1024) + " MB");
        try (InputStream in = file.content()) {
            return journeys.doSubmitDocument(a, stepId, file.filename(), in.readAllBytes());
        } catch (IOException e) {
            throw ApiError.malformed("Could not read the file");
        }
    }

    /** Always an attachment (never shown in the page), the type the content proved, no sniffing. */
    private static OutputStream download(Context ctx, Journey.Document d) {
        FileContent.downloadHeaders(ctx, d.contentType(), d.size(), d.name(), "private, no-store");
        try {
            return ctx.res().getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---------------------------------------------------------------- staff screens

    private void index(Context ctx) {
        Staff staff = Authenticated.forPage(ctx);
        StaffShell s = shells.of(ctx, "journeys", ASSETS);
        Localizer t = s.t();
        List<JourneyViews.TemplateRow> rows = journeys.accessTemplates(staff).stream()
                .map(x -> new JourneyViews.TemplateRow(x.id(), x.name(t.lang()), x.version(), x.steps().size(), times.date(x.termStart(), t))).toList();
        web.renderTo(ctx, "journeys/index.jte", Map.of("v", new JourneyViews.IndexPage(s, rows, Access.canManageJourneyTemplates(staff))));
    }

    private void board(Context ctx) {
        Viewer viewer = Authenticated.viewerForPage(ctx);
        var board = journeys.accessBoard(viewer, Ids.path(ctx, "id", "Template"));
        StaffShell s = shells.of(ctx, "journeys", ASSETS);
        Localizer t = s.t();
        Template latest = board.template();
        BoardFilter filter = BoardFilter.of(ctx.queryParam("etat"), ctx.queryParam("etape"), ctx.queryParam("q"), latest);
        List<Journey> matching = board.journeys().stream().filter(filter::matches).toList();
        int pages = Math.max(1, (matching.size() + PAGE - 1) / PAGE);
        int page = (int) Math.min(Math.max(1, Ids.orZero(ctx.queryParam("page"))), pages);
        String pageUrl = "/journeys/" + latest.id() + "?" + (filter.query().isEmpty() ? "" : filter.query() + "&") + "page=";
        List<JourneyViews.BoardRow> rows = new ArrayList<>();
        for (Journey j : matching.subList((page - 1) * PAGE, Math.min(matching.size(), page * PAGE))) {
            List<JourneyViews.Cell> cells = new ArrayList<>();
            for (Template.Step step : latest.steps()) {
                Journey.StepStatus st = j.steps().stream().filter(x -> x.step().key().equals(step.key())).findFirst().orElse(null);
                String state = st == null ? "none" : BoardFilter.standing(st);
                cells.add(new JourneyViews.Cell(step.id(), state, t.t("journeys.state." + state), st != null && st.late()));
            }
            rows.add(new JourneyViews.BoardRow(j.enrolment().id(), j.enrolment().name() == null ? j.enrolment().email() : j.enrolment().name(),
                    j.enrolment().email(), j.template().version(), j.template().id() == latest.id(), cells, JourneyViews.progress(j, t)));
        }
        List<JourneyViews.Option> stateOptions = BoardFilter.STATES.stream()
                .map(x -> new JourneyViews.Option(x, t.t("journeys.state." + x), x.equals(filter.state()))).toList();
        List<JourneyViews.Option> stepOptions = latest.steps().stream()
                .map(x -> new JourneyViews.Option(x.key(), x.title(t.lang()), x.key().equals(filter.step()))).toList();
        web.renderTo(ctx, "journeys/board.jte", Map.of("v", new JourneyViews.BoardPage(s, latest.id(), latest.name(t.lang()), latest.version(),
                latest.steps().stream().map(x -> x.title(t.lang())).toList(), rows, stateOptions, stepOptions, filter.text(), filter.query(),
                t.t("journeys.board.count", matching.size()), bulkNotice(ctx, t),
                new JourneyViews.Paging(page, pages == 1 ? null : t.t("journeys.board.page", page, pages, (page - 1) * PAGE + 1, (page - 1) * PAGE + rows.size()),
                        page > 1 ? pageUrl + (page - 1) : null, page < pages ? pageUrl + (page + 1) : null), Access.canEnrolApplicants(viewer.staff()),
                Access.canManageJourneyTemplates(viewer.staff()))));
    }

    /** The chosen applicants, each checked as an id (a forged one is a 404 from the service, not a crash). */
    private void bulk(Context ctx) {
        Viewer viewer = Authenticated.viewerForPage(ctx);
        long templateId = Ids.path(ctx, "id", "Template");
        var board = journeys.accessBoard(viewer, templateId);
        BoardFilter filter = BoardFilter.of(ctx.formParam("etat"), ctx.formParam("etape"), ctx.formParam("q"), board.template());
        // only applicants of this board: an id from another template's page is not acted on from here
        java.util.Set<Long> here = new java.util.HashSet<>(board.journeys().stream().map(j -> j.enrolment().id()).toList());
        List<Long> chosen = ctx.formParams("inscription").stream().limit(MAX_BULK).map(x -> Ids.field("inscription", x)).distinct()
                .filter(here::contains).toList();
        String action = ctx.formParam("action");
        String done;
        if (chosen.isEmpty()) done = "none";
        else done = switch (action == null ? "" : action) {
            case "remind" -> "remind&n=" + journeys.doRemindNow(viewer, chosen);
            case "approve" -> {
                JourneyService.BulkApproval a = journeys.doApproveSubmitted(viewer, chosen, filter.step());
                yield "approve&n=" + a.approved() + "&autres=" + a.notYours();
            }
            case "move" -> "move&n=" + journeys.doMoveAllToLatest(viewer.staff(), chosen);
            default -> throw ApiError.invalid("action", "Choose remind, approve or move");
        };
        String query = filter.query();
        long page = Math.min(Ids.orZero(ctx.formParam("page")), 100_000);
        ctx.redirect("/journeys/" + templateId + "?" + (query.isEmpty() ? "" : query + "&") + (page > 1 ? "page=" + page + "&" : "") + "fait=" + done,
                io.javalin.http.HttpStatus.SEE_OTHER);
    }

    /** What the last bulk action did, told once on the board it came back to. */
    private static String bulkNotice(Context ctx, Localizer t) {
        String done = ctx.queryParam("fait");
        if (done == null) return null;
        int n = (int) Math.min(Ids.orZero(ctx.queryParam("n")), MAX_BULK);
        return switch (done) {
            case "none" -> t.t("journeys.bulk.none");
            case "remind" -> t.t("journeys.bulk.reminded", n);
            case "approve" -> t.t("journeys.bulk.approved", n, (int) Math.min(Ids.orZero(ctx.queryParam("autres")), MAX_BULK));
            case "move" -> t.t("journeys.bulk.moved", n);
            default -> null;
        };
    }

    private void detail(Context ctx, String error, long errorStep) {
        Viewer viewer = Authenticated.viewerForPage(ctx);
        var detail = journeys.accessEnrolment(viewer, Ids.path(ctx, "id", "Enrolment"));
        StaffShell s = shells.of(ctx, "journeys", ASSETS);
        Localizer t = s.t();
        Journey j = detail.journey();
        List<JourneyViews.StepView> steps = new ArrayList<>();
        for (Journey.StepStatus st : j.steps()) steps.add(JourneyViews.step(st, t, times, services, "/journeys/documents/"));
        Map<String, String> titles = new LinkedHashMap<>();
        j.template().steps().forEach(x -> titles.put(x.key(), x.title(t.lang())));
        List<JourneyViews.ReminderLine> reminders = detail.reminders().stream().map(r -> new JourneyViews.ReminderLine(times.dateTime(r.sentAt(), t),
                String.join(", ", r.steps().stream().map(k -> titles.getOrDefault(k, k)).toList()))).toList();
        Journey.Enrolment e = j.enrolment();
        web.renderTo(ctx, "journeys/detail.jte", Map.of("v", new JourneyViews.DetailPage(s, e.id(), j.template().id(), j.template().name(t.lang()),
                e.name() == null ? e.email() : e.name(), e.email(), j.template().version(), detail.onLatest(),
                Access.canManageJourneyTemplates(viewer.staff()), steps, reminders, error, errorStep)));
    }

}
