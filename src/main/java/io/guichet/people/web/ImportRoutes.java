package io.guichet.people.web;

import com.fasterxml.jackson.core.type.TypeReference;
import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.people.ContactExport;
import io.guichet.people.ContactFilter;
import io.guichet.people.ContactImport;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.CsvWriter;
import io.guichet.platform.web.Fields;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.RequestBodies;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * CSV import and export of contacts: the API ({@code POST /api/v1/contacts/import}, the import's progress and
 * report, {@code GET /api/v1/contacts/export}) and the staff screen (upload → mapping and preview of the first
 * rows → import → progress → report, with the rejected rows as a CSV and a sample file to start from).
 */
public final class ImportRoutes {
    public static final List<NavEntry<Staff>> NAV = List.of(NavEntry.of("people.import", "nav.people.import", "/people/import",
            Access::canImportContacts));
    private static final StaffShell.Assets ASSETS = new StaffShell.Assets(List.of("/static/people/import.css"), List.of());

    private final ContactImport imports;
    private final ContactExport export;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    public ImportRoutes(ContactImport imports, ContactExport export, WebKernel web, StaffShells shells, Times times) {
        this.imports = imports;
        this.export = export;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/contacts/import", this::apiImport);
        r.get("/api/v1/contacts/imports/{id}", ctx -> ctx.json(Map.of("import", json(imports.accessImport(Authenticated.staff(ctx),
                Ids.path(ctx, "id", "Import"))))));
        r.get("/api/v1/contacts/imports/{id}/rejected.csv", ctx -> rejectedCsv(ctx, Authenticated.staff(ctx)));
        r.get("/api/v1/contacts/export", ctx -> exportCsv(ctx, Authenticated.viewer(ctx), "contacts.csv", ctx.queryParam("segment")));
        r.get("/api/v1/segments/{id}/export", ctx -> exportCsv(ctx, Authenticated.viewer(ctx), "segment-" + Ids.path(ctx, "id", "Segment") + ".csv",
                ctx.pathParam("id")));

        r.get("/people/import", this::uploadPage);
        r.post("/people/import", this::upload);
        r.get("/people/import/modele.csv", ctx -> {
            Authenticated.forPage(ctx);
            csv(ctx, "modele-contacts.csv", ContactImport.sampleCsv());
        });
        r.post("/people/import/{id}/mapping", this::remap);
        r.post("/people/import/{id}/start", ctx -> {
            long id = Ids.path(ctx, "id", "Import");
            imports.doStart(Authenticated.forPage(ctx), id);
            ctx.redirect("/people/import/" + id);
        });
        r.get("/people/import/{id}", ctx -> jobPage(ctx, false));
        r.get("/people/import/{id}/progress", ctx -> jobPage(ctx, true));
        r.get("/people/import/{id}/rejected.csv", ctx -> rejectedCsv(ctx, Authenticated.forPage(ctx)));
    }

    // ---------------------------------------------------------------- API

    private void apiImport(Context ctx) {
        Staff staff = Authenticated.staff(ctx);
        Access.requireContactImport(staff);
        Upload upload = received(ctx);
        ContactImport.Job job = imports.doImport(staff, upload.fileName(), upload.bytes(), upload.mapping(), upload.dryRun());
        if (job.finished()) {
            ctx.json(report(job));
        } else {
            ctx.status(202).header("Location", "/api/v1/contacts/imports/" + job.id()).json(Map.of("import", json(job)));
        }
    }

    /** The report the issue names: {@code {imported, updated, rejected:[{row, reason}]}}, with the import's id and the column at fault. */
    private static Map<String, Object> report(ContactImport.Job job) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", job.id());
        out.put("status", job.status().code());
        out.put("dryRun", job.dryRun());
        out.put("encoding", job.encoding());
        out.put("delimiter", job.delimiter());
        out.put("total", job.total());
        out.put("imported", job.imported());
        out.put("updated", job.updated());
        out.put("rejected", job.rejected().stream().map(rj -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("row", rj.row());
            m.put("column", rj.column());
            m.put("code", rj.code());
            m.put("reason", rj.reason());
            return m;
        }).toList());
        if (job.error() != null) out.put("error", job.error());
        return out;
    }

    private static Map<String, Object> json(ContactImport.Job job) {
        Map<String, Object> out = report(job);
        out.put("fileName", job.fileName());
        out.put("done", job.done());
        out.put("createdAt", job.createdAt());
        out.put("finishedAt", job.finishedAt());
        return out;
    }

    private void rejectedCsv(Context ctx, Staff staff) {
        long id = Ids.path(ctx, "id", "Import");
        csv(ctx, "rejets-import-" + id + ".csv", imports.accessRejectedCsv(staff, id));
    }

    /** The list's filters (and a segment), all of them: what the staff member sees in the list is what the file holds. */
    private void exportCsv(Context ctx, Viewer viewer, String fileName, String segment) throws IOException {
        ContactExport.Prepared prepared = export.accessExport(viewer, ContactFilter.parse(ContactApi.queryParams(ctx)),
                segment == null ? null : Ids.field("segment", segment));
        ctx.contentType(CsvWriter.CONTENT_TYPE);
        ctx.header("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
        OutputStream out = ctx.outputStream();
        prepared.writeTo(out);
        out.flush();
    }

    private static void csv(Context ctx, String name, byte[] bytes) {
        ctx.contentType(CsvWriter.CONTENT_TYPE);
        ctx.header("Content-Disposition", "attachment; filename=\"" + name + "\"");
        ctx.result(bytes);
    }

    /** What was sent: a CSV body (any type but a form) or a multipart form with {@code file}, and the options. */
    record Upload(String fileName, byte[] bytes, Map<String, String> mapping, boolean dryRun) {
    }

    private Upload received(Context ctx) {
        if (ctx.req().getContentLengthLong() > ContactImport.MAX_BYTES + 64 * 1024) throw RequestBodies.refused(ctx, 2L * ContactImport.MAX_BYTES, ContactImport.fileTooLarge());
        String type = ctx.contentType() == null ? "" : ctx.contentType();
        if (type.startsWith("multipart/form-data")) {
            UploadedFile file = ctx.uploadedFile("file");
            if (file == null) throw ApiError.invalid("file", "Choose a CSV file to import");
            if (file.size() > ContactImport.MAX_BYTES) throw ContactImport.fileTooLarge();
            try (InputStream in = file.content()) {
                return new Upload(file.filename(), in.readAllBytes(), mapping(ctx.formParam("mapping")), flag(ctx.formParam("dryRun")));
            } catch (IOException e) {
                throw ApiError.malformed("Could not read the uploaded file");
            }
        }
        byte[] bytes = RequestBodies.read(ctx, ContactImport.MAX_BYTES, 2L * ContactImport.MAX_BYTES, ContactImport::fileTooLarge);
        return new Upload(ctx.queryParam("fileName"), bytes, mapping(ctx.queryParam("mapping")), flag(ctx.queryParam("dryRun")));
    }

    /** {@code mapping}: a JSON object from column header to field ({@code {"Courriel":"email","Remarque":"ignore"}}). */
    private Map<String, String> mapping(String raw) {
        if (raw == null || raw.isBlank()) return Map.of();
        Map<String, Object> parsed;
        try {
            parsed = web.json().readValue(raw, new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw ApiError.invalid("mapping", "mapping must be a JSON object from column to field, such as {\"Courriel\":\"email\"}");
        }
        Map<String, String> mapping = new LinkedHashMap<>();
        parsed.forEach((column, field) -> {
            if (field != null && !(field instanceof String)) throw ApiError.invalid("mapping", "mapping's fields must be text");
            mapping.put(Fields.refuseControlCharacters("mapping", column, false), (String) field);
        });
        return mapping;
    }

    private static boolean flag(String raw) {
        if (raw == null || raw.isBlank() || raw.equals("false") || raw.equals("0")) return false;
        if (raw.equals("true") || raw.equals("1") || raw.equals("on")) return true;
        throw ApiError.invalid("dryRun", "dryRun must be true or false");
    }

    // ---------------------------------------------------------------- staff screens

    private StaffShell shell(Context ctx) {
        return shells.of(ctx, "people.import", ASSETS);
    }

    private void uploadPage(Context ctx) {
        Staff staff = Authenticated.forPage(ctx);
        renderUpload(ctx, staff, null);
    }

    private void renderUpload(Context ctx, Staff staff, String error) {
        Localizer t = web.localizer(ctx);
        List<ImportViews.JobRow> recent = imports.accessRecentImports(staff).stream()
                .filter(j -> j.status() != ContactImport.Status.PENDING).map(j -> ImportViews.row(j, t, times)).toList();
        web.renderTo(ctx, "people/import.jte", Map.of("v", new ImportViews.UploadPage(shell(ctx), recent, error)));
    }

    private void upload(Context ctx) {
        Staff staff = Authenticated.forPage(ctx);
        try {
            Upload upload = received(ctx);
            ContactImport.Preview preview = imports.doUpload(staff, upload.fileName(), upload.bytes(), upload.mapping(), upload.dryRun());
            renderPreview(ctx, preview, upload.dryRun(), null);
        } catch (ApiError e) {
            if (e.status() == 403 || e.status() == 401) throw e;
            ctx.status(e.status());
            renderUpload(ctx, staff, ImportViews.error(e, web.localizer(ctx)));
        }
    }

    private void remap(Context ctx) {
        Staff staff = Authenticated.forPage(ctx);
        long id = Ids.path(ctx, "id", "Import");
        Map<String, String> chosen = new LinkedHashMap<>();
        ctx.formParamMap().forEach((name, values) -> {
            if (name.startsWith("col.") && !values.isEmpty()) chosen.put(new String(java.util.Base64.getUrlDecoder().decode(name.substring(4)),
                    StandardCharsets.UTF_8), values.getFirst());
        });
        boolean dryRun = flag(ctx.formParam("dryRun"));
        try {
            renderPreview(ctx, imports.doRemap(staff, id, chosen, dryRun), dryRun, null);
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            ctx.status(422);
            renderPreview(ctx, imports.doRemap(staff, id, Map.of(), dryRun), dryRun, ImportViews.error(e, web.localizer(ctx)));
        }
    }

    private void renderPreview(Context ctx, ContactImport.Preview preview, boolean dryRun, String error) {
        Localizer t = web.localizer(ctx);
        web.renderTo(ctx, "people/import-preview.jte", Map.of("v", ImportViews.preview(shell(ctx), preview, dryRun, error, t)));
    }

    private void jobPage(Context ctx, boolean fragment) {
        Staff staff = Authenticated.forPage(ctx);
        ContactImport.Job job = imports.accessImport(staff, Ids.path(ctx, "id", "Import"));
        Localizer t = web.localizer(ctx);
        ImportViews.JobPage page = new ImportViews.JobPage(shell(ctx), ImportViews.row(job, t, times),
                job.rejected().stream().limit(200).map(r -> new ImportViews.Refused(r.row(), r.column(), ImportViews.reason(r, t))).toList());
        web.renderTo(ctx, fragment ? "people/imports/progress.jte" : "people/import-job.jte", Map.of("v", page));
    }
}
