package io.guichet.platform.mail.web;

import io.guichet.platform.mail.Mail;
import io.guichet.platform.web.StaffShell;

import java.util.List;

/** What the mail viewer's two pages show, as plain values. */
public final class MailViews {
    public record Summary(boolean delivers, String how, String waiting, String lastError) {
    }

    public record Row(long id, String when, String whenIso, String to, String subject, String kind, String purpose,
                      String status, String statusLabel, int attempts) {
    }

    /** {@code status}: the filter shown ("" for all); {@code older}: the next page's address, or null. */
    public record ListPage(StaffShell s, Summary summary, String status, List<Row> rows, String older) {
        public static final List<String> STATUSES = List.of("queued", "sent", "failed", "kept");
    }

    public record MailPage(StaffShell s, Mail mail, String from, String to, String status, String purpose, String queued, String done) {
    }

    private MailViews() {
    }
}
