package io.guichet.kb.web;

import io.guichet.kb.Article;
import io.guichet.kb.Deflection;
import io.guichet.kb.GapGroup;
import io.guichet.kb.Unhelpful;
import io.guichet.kb.KbService;
import io.guichet.kb.SavedReply;
import io.guichet.kb.SearchResult;
import io.guichet.platform.Brand;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;

import java.util.List;

/** What the help centre's templates receive: one typed record per page or fragment. */
public final class KbViews {
    private KbViews() {
    }

    // ---------------------------------------------------------------- public help centre

    /** What every public page shares: its language, title, description and the other language's address. */
    /** What every public page has: its words, its addresses in both languages, the form token, the institution's name and logo. */
    public record Public(Localizer t, String title, String description, String canonical, String alternate, String home,
                         String csrf, Brand brand) {
        public String otherLang() {
            return t.other();
        }
    }

    /** Search results, answered alone to the live search. */
    public record Results(Localizer t, String query, List<SearchResult> results) {
    }

    public record Home(Public p, String query, Results results, List<KbService.Category> categories) {
    }

    public record CategoryPage(Public p, KbService.Category category) {
    }

    /** A refusal on a public page, in the help centre's look (its search box in the header). */
    public record ErrorPage(Public p, int status, String heading, String message) {
    }

    public record ArticlePage(Public p, Article article, String html, String categoryName, String categoryUrl,
                              String updated, String translationUrl, String vote, Why why) {
    }

    /** A "why" the help centre refused, as the reader typed it, with the field at fault and why (a {@code because} key). */
    public record Why(String reason, String comment, String field, String code) {
    }

    // ---------------------------------------------------------------- staff screens

    public record Option(String value, String label) {
    }

    /** {@code displayable} false: a body saved before nesting was bounded, shown nowhere until it is fixed. */
    /** One language's version in a row of the list; {@code translateFrom} is the other version's id when this one is missing. */
    public record ArticleCell(Long id, String title, String status, String statusLabel, boolean displayable, Long translateFrom) {
    }

    public record ArticleRow(ArticleCell fr, ArticleCell en, String service, String updated, long views, int helpfulYes, int helpfulNo) {
    }

    /** The list with its filters as given, and the address of another page of it. */
    public record ArticlesPage(StaffShell s, List<ArticleRow> rows, int total, int page, int pages, String q, String lang,
                               String status, boolean untranslated, String notice) {
        public String pageUrl(int n) {
            StringBuilder url = new StringBuilder("/kb/articles?page=").append(n);
            if (!q.isEmpty()) url.append("&q=").append(java.net.URLEncoder.encode(q, java.nio.charset.StandardCharsets.UTF_8));
            if (!lang.isEmpty()) url.append("&lang=").append(lang);
            if (!status.isEmpty()) url.append("&status=").append(status);
            if (untranslated) url.append("&untranslated=1");
            return url.toString();
        }
    }

    /** The article form, as typed: re-shown with the error next to its field. */
    public record ArticleForm(long id, String title, String body, String lang, String service, String tags, String status,
                              Long translationOf, String errorField, String error) {
        public String err(String field) {
            return field.equals(errorField) ? error : null;
        }
    }

    public record RevisionRow(int number, String author, String time, String status, String title, String body) {
    }

    /** {@code canPublish}: a supervisor publishes and retires; others save drafts. */
    public record EditPage(StaffShell s, boolean canPublish, ArticleForm form, String previewHtml, List<Option> services, List<RevisionRow> revisions,
                           String sourceLabel, String sourceUrl, String translationUrl, String translateUrl, String publicUrl,
                           String stats, String notice) {
    }

    public record ReplyForm(String name, String body, String service, String errorField, String error) {
        public String err(String field) {
            return field.equals(errorField) ? error : null;
        }
    }

    /** {@code meId}: the viewer, who may delete their own personal replies. */
    public record RepliesPage(StaffShell s, long meId, List<SavedReply> replies, List<Option> services, boolean canShare, ReplyForm form,
                              String notice) {
    }

    public record GapsPage(StaffShell s, int days, List<GapGroup> gaps, List<Unhelpful> unhelpful, Deflection deflection) {
    }

    public record SynonymsPage(StaffShell s, String fr, String en, boolean canEdit, String errorLang, String error, String notice) {
    }

    // ---------------------------------------------------------------- the console's suggestions

    /** An article the agent may send: its link, or its text, into the reply. */
    public record Suggestion(String title, String url, String text, SearchResult result) {
    }

    public record Suggestions(Localizer t, List<Suggestion> items) {
    }
}
