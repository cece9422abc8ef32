package io.guichet.platform.mail;

import io.guichet.platform.mail.internal.OutboxDao;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The outbox as its readers see it (the mail viewer, {@code GET /api/v1/mail}). {@code V} is the person
 * reading, whom the platform does not know: the rule that admits them is identity's, handed in by {@code App}
 * and checked first in every read.
 */
public final class MailViewer<V> {
    public static final int PAGE = 50;
    private final Jdbi jdbi;
    private final Consumer<? super V> requireReader;

    public MailViewer(Jdbi jdbi, Consumer<? super V> requireReader) {
        this.jdbi = jdbi;
        this.requireReader = requireReader;
    }

    /** A page of mails, newest first, before {@code before} (0: the newest), of one status or all (null). */
    public List<Mail> accessMails(V viewer, Mail.Status status, long before, int limit) {
        requireReader.accept(viewer);
        return jdbi.withHandle(h -> new OutboxDao(h).list(status, before, Math.max(1, Math.min(limit, 200))));
    }

    /** One mail with its parts. */
    public Optional<Mail> accessMail(V viewer, long id) {
        requireReader.accept(viewer);
        return jdbi.withHandle(h -> new OutboxDao(h).one(id));
    }
}
