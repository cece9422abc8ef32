package io.guichet.channels.web;

import io.guichet.platform.web.Messages;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** The web chat widget: the embeddable script, its panel (in an iframe) and the demo host page. */
public final class WidgetRoutes {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    private final WebKernel web;
    private final byte[] script;

    public WidgetRoutes(WebKernel web) {
        this.web = web;
        this.script = resource("/static/widget.js");
    }

    public void register(JavalinConfig config) {
        config.routes.get("/widget.js", this::script);
        config.routes.get("/widget/panel", this::panel);
        config.routes.get("/demo", this::demo);
    }

    private void script(Context ctx) {
        ctx.header("Content-Type", "application/javascript; charset=utf-8");
        ctx.header("Cache-Control", "public, max-age=300");
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.result(script);
    }

    /** The panel shown in the widget's iframe; the UI itself is built by /static/widget/panel.js. */
    private void panel(Context ctx) {
        Messages.Localizer t = web.localizer(ctx);
        String service = ctx.queryParam("service");
        if (service != null && !SLUG.matcher(service).matches()) service = null;
        String lang = ctx.queryParam("lang");
        if (!Messages.isSupported(lang)) lang = null;
        Map<String, Object> params = new HashMap<>();
        params.put("t", t);
        params.put("service", service);
        params.put("lang", lang);
        web.renderTo(ctx, "channels/panel.jte", params);
    }

    /** A fictional host page with hostile CSS, to show that the widget is isolated from its host. */
    private void demo(Context ctx) {
        web.renderTo(ctx, "channels/demo.jte", Map.of("t", web.localizer(ctx)));
    }

    private static byte[] resource(String path) {
        try (InputStream in = WidgetRoutes.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalStateException("Missing resource " + path);
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
