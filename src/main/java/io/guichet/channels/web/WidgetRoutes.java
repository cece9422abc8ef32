package io.guichet.channels.web;

import io.guichet.platform.web.Messages;
import io.guichet.platform.web.Times;
import io.guichet.platform.web.WebKernel;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The web chat widget: the embeddable script, its panel (in an iframe) and the demo host page. Their
 * words come from the messages in both languages (the visitor may switch): {@code widget.bubble.*} are
 * written into the script as it is served, {@code widget.chat.*} into the panel page.
 */
public final class WidgetRoutes {
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** The line of widget.js that the served script fills with the bubble's words. */
    private static final String STRINGS_LINE = "var STRINGS = {\"fr\": {}, \"en\": {}};";

    private final WebKernel web;
    private final Times times;
    private final byte[] script;
    private final String panelStrings;
    private final int maxFileBytes;

    /** {@code maxFileBytes}: the largest file the inbox accepts, which the panel checks before sending one. */
    public WidgetRoutes(WebKernel web, Times times, int maxFileBytes) {
        this.web = web;
        this.times = times;
        this.maxFileBytes = maxFileBytes;
        String source = new String(resource("/static/widget.js"), StandardCharsets.UTF_8);
        if (!source.contains(STRINGS_LINE)) throw new IllegalStateException("widget.js lacks the line " + STRINGS_LINE);
        this.script = source.replace(STRINGS_LINE, "var STRINGS = " + strings("widget.bubble.") + ";").getBytes(StandardCharsets.UTF_8);
        this.panelStrings = strings("widget.chat.");
    }

    /** Both languages' words under the prefix, as JSON that may stand inside a script element. */
    private String strings(String prefix) {
        Map<String, Object> both = new LinkedHashMap<>();
        for (String lang : List.of(Messages.FR, Messages.EN)) both.put(lang, web.messages().in(lang).patterns(prefix));
        return web.toJson(both).replace("<", "\\u003c");
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
        params.put("zone", times.zone().getId());
        params.put("strings", panelStrings);
        params.put("maxFileBytes", maxFileBytes);
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
