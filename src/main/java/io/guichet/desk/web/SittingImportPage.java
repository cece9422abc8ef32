package io.guichet.desk.web;

import io.guichet.desk.DeskService;
import io.guichet.desk.SittingImport;
import io.guichet.desk.SittingImport.Outcome;
import io.guichet.identity.Access;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
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
import java.util.List;
import java.util.Map;

/**
 * The registrar's sittings by CSV from a staff screen ({@code /desk/sittings/import}, supervisors): a preview first —
 * each row as it would be imported, nothing written — then the import, both by {@link SittingImport} (the API's reader).
 */
public final class SittingImportPage {
    public static final NavEntry<Staff> NAV = NavEntry.of("desk.import", "desk.nav.import", "/desk/sittings/import", Access::canManageSittings);

    private final SittingImport imports;
    private final WebKernel web;
    private final StaffShells shells;

    public SittingImportPage(DeskService desk, WebKernel web, StaffShells shells, Times times) {
        this.imports = new SittingImport(desk, times);
        this.web = web;
        this.shells = shells;
    }

    public void register(JavalinConfig config) {
        config.routes.get("/desk/sittings/import", ctx -> page(ctx, null, false, null, 200));
        config.routes.post("/desk/sittings/import", this::upload);
    }

    /** A row of the report: its line, sitting id, outcome in words, and why when refused. */
    public record Row(int line, String sittingRef, String outcome, String outcomeLabel, String field, String reason) {
    }

    public record ImportPage(StaffShell s, boolean preview, String summary, String ignored, List<Row> rows, String error) {
    }

    private void upload(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireManageSittings(me); // before reading a body that could be large
        boolean preview = !"import".equals(ctx.formParam("mode"));
        try {
            byte[] csv = file(ctx);
            page(ctx, preview ? imports.checkImport(me, csv) : imports.doImport(me, csv), preview, null, 200);
        } catch (ApiError e) {
            if (e.status() != 413 && e.status() != 422) throw e;
            Localizer t = web.localizer(ctx);
            String key = "desk.import.error." + (e.status() == 413 ? "too_large" : e.code());
            page(ctx, null, preview, t.has(key) ? t.t(key) : t.t("desk.import.error.no_file"), e.status());
        }
    }

    /** The multipart body's {@code file}, refused before reading when its declared length is over the limit. */
    private static byte[] file(Context ctx) {
        if (ctx.req().getContentLengthLong() > SittingImport.MAX_BYTES + 64L * 1024) {
            throw RequestBodies.refused(ctx, 2L * SittingImport.MAX_BYTES, SittingImport.fileTooLarge());
        }
        String type = ctx.contentType();
        if (type == null || !type.startsWith("multipart/form-data")) throw ApiError.invalid("file", "Send the file as multipart/form-data");
        UploadedFile file = ctx.uploadedFile("file");
        if (file == null || file.size() == 0) throw ApiError.invalid("file", "Choose a CSV file");
        if (file.size() > SittingImport.MAX_BYTES) throw SittingImport.fileTooLarge();
        try (InputStream in = file.content()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw ApiError.malformed("Could not read the uploaded file");
        }
    }

    private void page(Context ctx, SittingImport.Report report, boolean preview, String error, int status) {
        Staff me = Authenticated.forPage(ctx);
        Access.requireManageSittings(me);
        StaffShell s = shells.of(ctx, "desk.import", DeskScreens.ASSETS);
        Localizer t = s.t();
        String summary = null, ignored = null;
        List<Row> rows = List.of();
        if (report != null) {
            summary = t.t(preview ? "desk.import.summary_preview" : "desk.import.summary", report.count(Outcome.CREATED), report.count(Outcome.ALREADY),
                    report.count(Outcome.REFUSED));
            ignored = report.ignored().isEmpty() ? null : t.t("desk.import.ignored", String.join(", ", report.ignored()));
            rows = report.lines().stream().map(l -> new Row(l.number(), l.sittingRef() == null ? "" : l.sittingRef(), l.outcome().key(),
                    t.t((preview ? "desk.import.would." : "desk.import.outcome.") + l.outcome().key()), l.field(), l.reason())).toList();
        }
        ctx.status(WebKernel.isHtmx(ctx) ? 200 : status); // htmx swaps only a 2xx answer: the refusal is the report it shows
        web.renderTo(ctx, "desk/staff/import.jte", Map.of("v", new ImportPage(s, preview, summary, ignored, rows, error)));
    }
}
