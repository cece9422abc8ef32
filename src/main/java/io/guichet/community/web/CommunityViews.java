package io.guichet.community.web;

import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;

import java.util.List;
import java.util.Map;

/** The models of the network's templates: each page one record, built by its handler; templates never query. */
public final class CommunityViews {
    private CommunityViews() {
    }

    /** The public look: the reader's language and the page's address in the other language. */
    public record Public(Localizer t, String title, String alternate) {
    }

    public record Option(String value, String label, boolean checked) {
    }

    /** The sign-up form, with what was typed and each field's refusal. */
    public record JoinPage(Public p, String action, String csrf, Map<String, String> typed, List<Option> willing, List<Option> shownToMembers,
                           List<Option> shownToStaff, boolean consent, Map<String, String> errors, boolean sent) {
        public String value(String field) {
            return typed.getOrDefault(field, "");
        }

        public String error(String field) {
            return errors.get(field);
        }
    }

    public record GroupLink(long id, String name, String members, boolean joined) {
    }

    public record Welcome(Public p, String name, String csrf, List<GroupLink> groups) {
    }

    public record PostView(long id, String author, String html, String when, boolean held, boolean hidden, boolean helpful, int reports,
                           Long articleId) {
    }

    public record ThreadView(long id, String title, boolean locked, PostView question, List<PostView> replies) {
    }

    public record GroupPage(Public p, String csrf, long groupId, String name, String description, boolean joined, List<ThreadView> threads) {
    }

    public record StaffGroupPage(StaffShell shell, long groupId, String name, List<ThreadView> threads) {
    }

    public record BirdRow(long id, String name, int score, String reason) {
    }

    public record BirdsPage(StaffShell shell, String q, List<BirdRow> birds, List<GroupLink> groups) {
    }

    public record Bar(String label, int count, int percent) {
    }

    public record ListeningPage(StaffShell shell, String from, String to, Map<String, String> errors, List<Bar> terms, List<Bar> phrases,
                                List<Bar> fresh, List<QuestionRow> questions, String unanswered, List<Bar> active, List<Bar> growth) {
    }

    public record QuestionRow(long groupId, String group, String title, String replies, boolean answered) {
    }
}
