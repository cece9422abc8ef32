package io.guichet.platform.mail.internal;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import io.guichet.platform.mail.MailFrame;

import java.util.Map;

/**
 * A mail's two parts from its kind's templates: {@code mail/<kind>.jte} compiled for HTML (every value
 * escaped) and {@code mail/<kind>.jte} under {@code src/main/jte-text}, compiled as plain text.
 */
public final class MailRenderer {
    private static final TemplateEngine HTML = TemplateEngine.createPrecompiled(ContentType.Html);
    private static final TemplateEngine TEXT = TemplateEngine.createPrecompiled(null, ContentType.Plain, null, "gg.jte.generated.text");

    public record Parts(String text, String html) {
    }

    public Parts render(String kind, MailFrame frame, Object model) {
        String template = "mail/" + kind.replace('.', '/') + ".jte";
        Map<String, Object> params = Map.of("frame", frame, "model", model);
        return new Parts(render(TEXT, template, params), render(HTML, template, params));
    }

    private static String render(TemplateEngine engine, String template, Map<String, Object> params) {
        StringOutput out = new StringOutput();
        engine.render(template, params, out);
        return out.toString();
    }
}
