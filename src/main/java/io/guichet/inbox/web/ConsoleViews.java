package io.guichet.inbox.web;

import io.guichet.inbox.Attachment;
import io.guichet.inbox.ContactPanels;
import io.guichet.inbox.Rating;
import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;

import java.util.List;
import java.util.Map;

/** What the console and admin templates receive: one typed record per page or fragment. */
public final class ConsoleViews {
    private ConsoleViews() {
    }

    /** The presence toggle and the load of the agent, in the top bar of the console and the admin screens. */
    public record Presence(Localizer t, String csrf, boolean available, int open, int max) {
    }

    /**
     * One conversation in a list; {@code flag} its first-response timer when it needs a hand ({@code soon}, {@code late},
     * else null) told in {@code flagText}, and {@code flagNextAt} when the timer reaches its next level (ISO, or null).
     */
    public record Item(long id, String contactName, String serviceName, String preview, String time, String timeIso,
                       String status, int lastSeq, boolean selected, String assigneeName, boolean byEmail, String channel,
                       String flag, String flagText, String flagNextAt) {
    }

    public record Tab(String key, String label, int count, boolean active) {
    }

    /** The left column: tabs and the conversations of the chosen one, or the reader's mentions. */
    public record Lists(Localizer t, String view, List<Tab> tabs, List<Item> items, String emptyText, long selectedId,
                        List<MentionItem> mentions) {
    }

    /** A note that mentions the reader, in their mentions list: unread until they open its conversation. */
    public record MentionItem(long conversationId, String contactName, String byText, String excerpt, String time, String timeIso,
                              boolean unread, boolean selected) {
    }

    /**
     * One message as staff see it; {@code kind} is visitor, agent, note or system; {@code attachment} its file, or null;
     * {@code clientId} the writer's own id for it, by which the console knows a reply it is still sending.
     */
    public record Msg(long id, int seq, String kind, String authorName, String body, String time, String timeIso, Attachment attachment,
                      String clientId) {
        public String attachmentUrl() {
            return "/api/v1/attachments/" + attachment.id();
        }
    }

    public record Option(String value, String label) {
    }

    public record ContactConv(long id, String serviceName, String statusLabel, String date, boolean current) {
    }

    /**
     * The right column; {@code panels} what other modules know of the contact (an applicant's checklist), whose
     * buttons post with {@code csrf} and come back to {@code back}, the conversation.
     */
    public record ContactCard(Localizer t, long id, String name, String email, String lang, String firstContact,
                              List<ContactConv> conversations, List<ContactPanels.Panel> panels,
                              List<io.guichet.inbox.ConversationActions.Action> actions, String csrf, String back, boolean oob) {
    }

    /**
     * The middle column; {@code liveSession} is the slug of the live Q&A night the question was asked in, or null;
     * {@code rating} the visitor's, or null.
     */
    public record Thread(Localizer t, String csrf, long id, String contactName, String serviceName, String status,
                         String statusLabel, String assigneeName, List<Msg> messages, int lastSeq, boolean canAct, boolean canTransfer,
                         List<Option> agents, List<Option> services, String error, ContactCard contact, String liveSession,
                         io.guichet.inbox.ConversationOrigins.Shown origin, boolean byEmail, int maxFileBytes, Rating rating, String channel) {
        /** The largest file, in the reader's words ("10 Mo"). */
        public String maxFileText() {
            return t.t("console.files.megabytes", maxFileBytes / (1024 * 1024));
        }
    }

    public record ConsolePage(StaffShell shell, Presence presence, Lists lists, Thread thread) {
    }

    // ---------------------------------------------------------------- admin

    public record DayHours(int weekday, String label, boolean open, String opens, String closes) {
    }

    /**
     * A service's card: the form's values (as typed, after a refusal), every error by field ({@code hours.3} for a row
     * of hours, {@code day} for a closure), and what the list tells at a glance: the hours, open now, the closures,
     * the snippet that embeds its chat bubble, and its stored name in the reader's language for the card's title.
     */
    public record ServiceForm(long id, String slug, String nameFr, String nameEn, boolean fr, boolean en, boolean active,
                              List<DayHours> hours, Map<String, String> errors, boolean expanded,
                              String hoursSummary, boolean openNow, List<ClosureRow> closures, String snippet, String title) {
        public String err(String field) {
            return errors.get(field);
        }
    }

    /** A closure: its date for the form ({@code 2026-12-25}), as read ("25 déc. 2026"), and its name. */
    public record ClosureRow(String day, String shown, String label) {
    }

    /** {@code today} bounds the closures' date fields (yyyy-mm-dd). */
    public record ServicesPage(StaffShell shell, Presence presence, List<ServiceForm> services, ServiceForm create, String notice,
                               List<String> unstaffed, String today) {
    }

    public record StaffForm(long id, String email, String name, String role, String lang, boolean active, List<String> services,
                            int max, String presence, String openLoad, Map<String, String> errors, boolean expanded,
                            boolean privacyOfficer, String faculty) {
        public String err(String field) {
            return errors.get(field);
        }

        public boolean has(String slug) {
            return services.contains(slug);
        }
    }

    /** {@code faculties}: what a faculty account may belong to (none when no module keeps faculties). */
    public record StaffPage(StaffShell shell, Presence presence, List<StaffForm> staff, StaffForm create, List<Option> services,
                            List<Option> faculties, String notice) {
    }
}
