package io.guichet.kb.internal;

import io.guichet.kb.Article;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** The draft an answered question becomes: its first line as the title, the question quoted when cut, then the answer. */
public final class Drafts {
    private Drafts() {
    }

    /** {@code q} and {@code a} are stripped and not empty; the body is kept under {@code maxBodyBytes} and checked like a typed one. */
    public static ArticleDao.Fields of(String q, String a, String lang, String service, int maxBodyBytes) {
        String title = q.lines().findFirst().orElse(q);
        boolean cut = title.length() > 120 || q.lines().count() > 1;
        if (title.length() > 120) title = title.substring(0, 119).strip() + "…";
        String body = (cut ? q.lines().map(line -> "> " + line).reduce((x, y) -> x + "\n" + y).orElse("") + "\n\n" : "") + a;
        if (body.getBytes(StandardCharsets.UTF_8).length > maxBodyBytes) {
            body = body.substring(0, maxBodyBytes / 4); // a very long chat: its start fits in any encoding
        }
        return new ArticleDao.Fields(Texts.validLang(lang == null ? "fr" : lang), Texts.slug(title), title, ArticleFields.body(body),
                service, List.of(), Article.Status.DRAFT);
    }
}
