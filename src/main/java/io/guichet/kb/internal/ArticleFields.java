package io.guichet.kb.internal;

import io.guichet.platform.Markdown;
import io.guichet.kb.Article;
import io.guichet.kb.KbService;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.services.ServiceCatalogue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/** What staff send for an article, checked and normalized into the fields stored. */
public final class ArticleFields {
    private static final int MAX_TAGS = 20;

    private ArticleFields() {
    }

    /** A new article may be a draft or published; an update may also retire it. */
    public static ArticleDao.Fields validate(KbService.ArticleInput in, boolean update, ServiceCatalogue services) {
        String title = Fields.required("title", in.title(), KbService.MAX_TITLE);
        String body = body(in.body());
        String lang = Texts.validLang(Fields.required("lang", in.lang(), 2));
        Article.Status status = in.status() == null ? Article.Status.DRAFT : Article.Status.fromCode(in.status());
        if (status == null || (!update && status == Article.Status.RETIRED)) {
            throw ApiError.invalid("status", update ? "status must be draft, published or retired" : "status must be draft or published");
        }
        String service = Fields.optional("service", in.service(), 63);
        if (service != null) service = services.findBySlug(service).slug();
        List<String> tags = new ArrayList<>(new LinkedHashSet<>((in.tags() == null ? List.<String>of() : in.tags()).stream()
                .map(t -> Fields.optional("tags", t, 40)).filter(t -> t != null).map(t -> t.toLowerCase(Locale.ROOT)).toList()));
        if (tags.size() > MAX_TAGS) throw ApiError.invalid("tags", "At most " + MAX_TAGS + " tags");
        return new ArticleDao.Fields(lang, Texts.slug(title), title, body, service, tags, status);
    }

    /** Every body written (typed, or captured from a conversation or a live question) passes here first. */
    public static String body(String body) {
        if (body == null || body.isBlank()) throw ApiError.invalid("body", "body is required");
        if (body.getBytes(StandardCharsets.UTF_8).length > KbService.MAX_BODY_BYTES) {
            throw ApiError.tooLarge("The article is larger than 200 KB");
        }
        if (Markdown.nesting(body) > Markdown.MAX_NESTING) {
            throw ApiError.invalid("body", "The text nests quotes, lists, links or emphasis more than " + Markdown.MAX_NESTING
                    + " levels deep");
        }
        return body.strip();
    }
}
