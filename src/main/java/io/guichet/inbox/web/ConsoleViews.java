package io.guichet.inbox.web;

import io.guichet.platform.web.Messages.Localizer;
import io.guichet.platform.web.StaffShell;

import java.util.List;

/** What the console and admin templates receive: one typed record per page or fragment. */
public final class ConsoleViews {
    private ConsoleViews() {
    }

    /** The presence toggle and the load of the agent, in the top bar of the console and the admin screens. */
    public record Presence(Localizer t, String csrf, boolean available, int open, int max) {
    }

    /** One conversation in a list. */
    public record Item(long id, String contactName, String serviceName, String preview, String time, String timeIso,
                       String status, int lastSeq, boolean selected, String assigneeName) {
    }

    public record Tab(String key, String label, int count, boolean active) {
    }

    /** The left column: tabs and the conversations of the chosen one. */
    public record Lists(Localizer t, String view, List<Tab> tabs, List<Item> items, String emptyText, long selectedId) {
    }

    /** One message as staff see it; {@code kind} is visitor, agent, note or system. */
    public record Msg(long id, int seq, String kind, String authorName, String body, String time, String timeIso) {
    }

    public record Option(String value, String label) {
    }

    public record ContactConv(long id, String serviceName, String statusLabel, String date, boolean current) {
    }

    /** The right column. */
    public record ContactCard(Localizer t, long id, String name, String email, String lang, String firstContact,
                              List<ContactConv> conversations, boolean oob) {
    }

    /** The middle column; {@code liveSession} is the slug of the live Q&A night the question was asked in, or null. */
    public record Thread(Localizer t, String csrf, long id, String contactName, String serviceName, String status,
                         String statusLabel, String assigneeName, List<Msg> messages, int lastSeq, boolean canAct, boolean canTransfer,
                         List<Option> agents, List<Option> services, String error, ContactCard contact, String liveSession) {
    }

    public record ConsolePage(StaffShell shell, Presence presence, Lists lists, Thread thread) {
    }

    // ---------------------------------------------------------------- admin

    public record DayHours(int weekday, String label, boolean open, String opens, String closes) {
    }

    public record ServiceForm(long id, String slug, String nameFr, String nameEn, boolean fr, boolean en, boolean active,
                              List<DayHours> hours, String errorField, String error, boolean expanded) {
        public String err(String field) {
            return field.equals(errorField) ? error : null;
        }
    }

    public record ServicesPage(StaffShell shell, Presence presence, List<ServiceForm> services, ServiceForm create, String notice) {
    }

    public record StaffForm(long id, String email, String name, String role, boolean active, List<String> services,
                            int max, String presence, String openLoad, String errorField, String error, boolean expanded) {
        public String err(String field) {
            return field.equals(errorField) ? error : null;
        }

        public boolean has(String slug) {
            return services.contains(slug);
        }
    }

    public record StaffPage(StaffShell shell, Presence presence, List<StaffForm> staff, StaffForm create, List<Option> services, String notice) {
    }
}
