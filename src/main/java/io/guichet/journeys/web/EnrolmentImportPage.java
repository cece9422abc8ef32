package io.guichet.journeys.web;

import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Scope;
import io.guichet.identity.Viewer;
import io.guichet.journeys.EnrolmentImport;
import io.guichet.journeys.EnrolmentImport.Line;
import io.guichet.journeys.EnrolmentImport.Outcome;
import io.guichet.journeys.JourneyService;
import io.guichet.journeys.Template;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.RequestBodies;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Enrolment by CSV: the staff page {@code /journeys/{id}/import} (a file, then the report of each row) and the same
 * through the API, {@code POST /api/v1/journeys/templates/{id}/enrolments/import} with the CSV as the body.
 */
final class EnrolmentImportPage {
    private final JourneyService journeys;
    private final EnrolmentImport imports;
    private final WebKernel web;
    private final StaffShells shells;
    private final StaffShell.Assets assets;

    EnrolmentImportPage(JourneyService journeys, WebKernel web, StaffShells shells, StaffShell.Assets assets) {
        this.journeys = journeys;
        this.imports = new EnrolmentImport(journeys);
        this.web = web;
        this.shells = shells;
        this.assets = assets;
    }

    void register(JavalinConfig config) {
        config.routes.get("/journeys/{id}/import", ctx -> page(ctx, null, null));
        config.routes.post("/journeys/{id}/import", this::upload);
        config.routes.post("/api/v1/journeys/templates/{id}/enrolments/import", this::api);
    }

    private void api(Context ctx) {
        Viewer viewer = Authenticated.viewer(ctx, Scope.JOURNEYS_WRITE);
        long templateId = Ids.path(ctx, "id", "Template");
        byte[] csv = RequestBodies.read(ctx, EnrolmentImport.MAX_BYTES, 2L * EnrolmentImport.MAX_BYTES, EnrolmentImport::fileTooLarge);
        EnrolmentImport.Report report = imports.doImport(viewer, templateId, csv);
        List<Map<String, Object>> lines = report.lines().stream().map(l -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("line", l.number());
            m.put("email", l.email());
            m.put("outcome", l.outcome().key());
            m.put("enrolmentId", l.enrolmentId());
            if (l.reason() != null) m.put("reason", l.reason());
            return m;
        }).toList();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enrolled", report.count(Outcome.ENROLLED));
        m.put("already", report.count(Outcome.ALREADY));
        m.put("refused", report.count(Outcome.REFUSED));
        m.put("encoding", report.encoding());
        m.put("ignoredColumns", report.ignored());
        m.put("lines", lines);
        ctx.json(m);
    }

    private void upload(Context ctx) {
        Viewer viewer = Authenticated.viewerForPage(ctx);
        long templateId = Ids.path(ctx, "id", "Template");
        Access.requireEnrolApplicants(viewer.staff());
        try {
            page(ctx, imports.doImport(viewer, templateId, file(ctx)), null);
        } catch (ApiError e) {
            if (e.status() != 413 && e.status() != 422) throw e;
            ctx.status(e.status());
            page(ctx, null, e);
        }
    }

    /** The multipart body's {@code file}, refused before reading when its declared length is over the limit. */
    private static byte[] file(Context ctx) {
        if (ctx.req().getContentLengthLong() > EnrolmentImport.MAX_BYTES + 64L * 1024) {
            throw RequestBodies.refused(ctx, 2L * EnrolmentImport.MAX_BYTES, EnrolmentImport.fileTooLarge());
        }
        String type = ctx.contentType();
        if (type == null || !type.startsWith("multipart/form-data")) throw ApiError.invalid("file", "Send the file as multipart/form-data").because("no_file");
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0 && (file.filename() == null || file.filename().isBlank())) throw ApiError.invalid("file", "Choose a CSV file").because("no_file");
        if (file.size() > EnrolmentImport.MAX_BYTES) throw EnrolmentImport.fileTooLarge();
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw ApiError.malformed("Could not read the uploaded file");
        }
    }

    private void page(Context ctx, EnrolmentImport.Report report, ApiError error) {
        Viewer viewer = Authenticated.viewerForPage(ctx);
        Access.requireEnrolApplicants(viewer.staff());
        Template template = journeys.accessTemplate(viewer.staff(), Ids.path(ctx, "id", "Template"));
        StaffShell s = shells.of(ctx, "journeys", assets);
        Localizer t = s.t();
        JourneyViews.ImportReport shown = report == null ? null : new JourneyViews.ImportReport(
                t.t("journeys.import.summary", report.count(Outcome.ENROLLED), report.count(Outcome.ALREADY), report.count(Outcome.REFUSED)),
                report.ignored().isEmpty() ? null : t.t("journeys.import.ignored", String.join(", ", report.ignored())),
                report.lines().stream().filter(l -> l.outcome() == Outcome.REFUSED).map(l -> line(l, t)).toList(),
                report.lines().stream().filter(l -> l.outcome() != Outcome.REFUSED).map(l -> line(l, t)).toList(),
                t.t("journeys.import.others", report.lines().size() - report.count(Outcome.REFUSED)));
        web.renderTo(ctx, "journeys/import.jte", Map.of("v", new JourneyViews.ImportPage(s, template.id(), template.name(t.lang()),
                error == null ? null : error(error, t), shown)));
    }

    private static JourneyViews.ImportLine line(Line l, Localizer t) {
        String why = l.reason() == null ? null : t.t("journeys.import.reason." + l.reason(), l.args().toArray());
        String who = l.name() == null ? "" : l.name();
        return new JourneyViews.ImportLine(l.number(), l.email() == null ? "" : l.email(), who, l.outcome().key(),
                t.t("journeys.import.outcome." + l.outcome().key()), why, l.enrolmentId());
    }

    /** A refused file in the reader's words: by the reader's code (encoding, empty…), else the size. */
    private static String error(ApiError e, Localizer t) {
        if (e.status() == 413) return "too_many_rows".equals(e.reason()) ? t.t("journeys.import.error.too_many_rows", EnrolmentImport.MAX_ROWS)
                : t.t("journeys.import.error.too_large", EnrolmentImport.MAX_BYTES / (1024 * 1024));
        return switch (e.code()) {
            case "csv_empty", "csv_encoding", "csv_malformed" -> t.t("journeys.import.error." + e.code());
            case "csv_header" -> t.t("no_email".equals(e.reason()) ? "journeys.import.error.no_email" : "journeys.import.error.csv_header");
            default -> t.t("journeys.import.error.no_file");
        };
    }
}
