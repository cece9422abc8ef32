package io.guichet.identity.web;

import io.guichet.identity.Access;
import io.guichet.identity.ApiToken;
import io.guichet.identity.ApiTokens;
import io.guichet.identity.Authenticated;
import io.guichet.identity.Scope;
import io.guichet.identity.Staff;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.FormErrors;
import io.guichet.platform.web.Ids;
import io.guichet.platform.web.JsonBody;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.NavEntry;
import io.guichet.platform.web.StaffShell;
import io.guichet.platform.web.StaffShells;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The integrations' API tokens: {@code /api/v1/tokens} and the administrators' screen {@code /admin/tokens}. */
public final class ApiTokenRoutes {
    public static final List<NavEntry<Staff>> NAV = List.of(NavEntry.of("tokens", "nav.tokens", "/admin/tokens", Access::canManageApiTokens));
    private static final Set<String> FIELDS = Set.of("name", "scopes", "expiresAt", "ipAllowList");
    private static final FormErrors ERRORS = new FormErrors("token", FIELDS, Map.of("unknown_scope", "scopes"));

    private final ApiTokens tokens;
    private final WebKernel web;
    private final StaffShells shells;
    private final Times times;

    public ApiTokenRoutes(ApiTokens tokens, WebKernel web, StaffShells shells, Times times) {
        this.tokens = tokens;
        this.web = web;
        this.shells = shells;
        this.times = times;
    }

    /** One row of the screen's list, in the reader's words. */
    public record Row(long id, String name, String scopes, String allowList, String expires, String lastUsed, String lastUsedIso,
                      String status, boolean usable) {
    }

    /** What the form sends back after a refusal, with the error next to its field. */
    public record Form(String name, Set<String> scopes, String expiresAt, String ipAllowList, FormErrors.Shown error) {
        static final Form EMPTY = new Form("", Set.of(), "", "", null);

        public String err(String field) {
            return error != null && error.field().equals(field) ? error.message() : null;
        }
    }

    public record Page(StaffShell shell, List<Row> rows, List<String> scopes, Form form, String secret, String createdName) {
    }

    public void register(JavalinConfig config) {
        var r = config.routes;
        r.post("/api/v1/tokens", ctx -> {
            JsonBody body = JsonBody.of(ctx, web.json()).only(FIELDS);
            ApiTokens.Created c = tokens.doCreate(Authenticated.staff(ctx),
                    new ApiTokens.NewToken(body.optText("name"), body.textList("scopes"), instant(body.optText("expiresAt")), body.textList("ipAllowList")));
            Map<String, Object> json = json(c.token());
            json.put("secret", c.secret());
            ctx.status(201).json(json);
        });
        r.get("/api/v1/tokens", ctx -> ctx.json(Map.of("tokens", tokens.accessAll(Authenticated.staff(ctx)).stream().map(this::json).toList())));
        r.delete("/api/v1/tokens/{id}", ctx -> {
            tokens.doRevoke(Authenticated.staff(ctx), Ids.path(ctx, "id", "Token"));
            ctx.status(204);
        });
        r.get("/admin/tokens", ctx -> page(ctx, Form.EMPTY, null, null));
        r.post("/admin/tokens", this::createForm);
        r.post("/admin/tokens/{id}/revoke", ctx -> {
            tokens.doRevoke(Authenticated.forPage(ctx), Ids.path(ctx, "id", "Token"));
            ctx.redirect("/admin/tokens");
        });
    }

    private void createForm(Context ctx) {
        Staff me = Authenticated.forPage(ctx);
        String name = ctx.formParam("name");
        List<String> scopes = ctx.formParams("scopes");
        String expires = ctx.formParam("expiresAt");
        String blocks = ctx.formParam("ipAllowList");
        try {
            Instant expiresAt = expires == null || expires.isBlank() ? null : times.parseLocalInput("expiresAt", expires);
            List<String> allow = blocks == null ? List.of() : Arrays.stream(blocks.split("[\\s,]+")).filter(b -> !b.isBlank()).toList();
            ApiTokens.Created c = tokens.doCreate(me, new ApiTokens.NewToken(name, scopes, expiresAt, allow));
            page(ctx, Form.EMPTY, c.secret(), c.token().name());
        } catch (ApiError e) {
            if (e.status() != 422) throw e;
            ctx.status(422);
            page(ctx, new Form(name == null ? "" : name, Set.copyOf(scopes), expires == null ? "" : expires, blocks == null ? "" : blocks,
                    ERRORS.of(e, web.localizer(ctx))), null, null);
        }
    }

    private void page(Context ctx, Form form, String secret, String createdName) {
        Staff me = Authenticated.forPage(ctx);
        Localizer t = web.localizer(ctx);
        List<Row> rows = tokens.accessAll(me).stream().map(tk -> row(tk, t)).toList();
        web.renderTo(ctx, "identity/tokens.jte", Map.of("v", new Page(shells.of(ctx, "tokens", StaffShell.Assets.NONE), rows, Scope.codes(),
                form, secret == null ? "" : secret, createdName == null ? "" : createdName)));
    }

    private Row row(ApiToken tk, Localizer t) {
        Instant now = Instant.now();
        String status = tk.revokedAt() != null ? t.t("tokens.status.revoked")
                : tk.usable(now) ? t.t("tokens.status.active") : t.t("tokens.status.expired");
        return new Row(tk.id(), tk.name(), String.join(", ", tk.scopes()),
                tk.ipAllowList().isEmpty() ? t.t("tokens.anywhere") : String.join(", ", tk.ipAllowList()),
                tk.expiresAt() == null ? t.t("tokens.never") : times.dateTime(tk.expiresAt(), t),
                tk.lastUsedAt() == null ? t.t("tokens.unused") : times.relative(tk.lastUsedAt(), t),
                tk.lastUsedAt() == null ? null : times.iso(tk.lastUsedAt()), status, tk.usable(now));
    }

    private Map<String, Object> json(ApiToken tk) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", Long.toString(tk.id()));
        json.put("name", tk.name());
        json.put("scopes", tk.scopes());
        json.put("ipAllowList", tk.ipAllowList());
        json.put("expiresAt", tk.expiresAt() == null ? null : times.offset(tk.expiresAt()));
        json.put("createdAt", times.offset(tk.createdAt()));
        json.put("lastUsedAt", tk.lastUsedAt() == null ? null : times.offset(tk.lastUsedAt()));
        json.put("revokedAt", tk.revokedAt() == null ? null : times.offset(tk.revokedAt()));
        return json;
    }

    private static Instant instant(String text) {
        if (text == null) return null;
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            throw ApiError.invalid("expiresAt", "expiresAt must be a date and time with its offset, such as 2027-06-30T23:59:00-04:00");
        }
    }
}
