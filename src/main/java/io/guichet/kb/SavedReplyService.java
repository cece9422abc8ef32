package io.guichet.kb;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.inbox.ConversationService;
import io.guichet.kb.internal.KbDao;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import io.guichet.services.ServiceCatalogue;
import io.guichet.services.ServiceQueue;
import org.jdbi.v3.core.Jdbi;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Saved replies agents insert with {@code /name}: a person's own, or a whole service's (written by supervisors). */
public final class SavedReplyService {
    private static final int MAX_REPLY = ConversationService.MAX_BODY;
    private static final Pattern REPLY_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,39}");

    private final Jdbi jdbi;
    private final ServiceCatalogue services;

    public SavedReplyService(Jdbi jdbi, ServiceCatalogue services) {
        this.jdbi = jdbi;
        this.services = services;
    }

    /** The viewer's own replies and those of their services (every service for supervisors). */
    public List<SavedReply> accessSavedReplies(Viewer viewer) {
        Access.requireStaff(viewer.staff());
        List<String> mine = Access.canSupervise(viewer.staff())
                ? services.findAll().stream().map(ServiceQueue::slug).toList()
                : viewer.serviceIds().stream().map(id -> services.findById(id).slug()).toList();
        return jdbi.withHandle(h -> new KbDao(h).replies(viewer.id(), mine));
    }

    /** A personal reply ({@code service} null), or a service's (supervisors). */
    public SavedReply doCreateSavedReply(Staff author, String name, String body, String service) {
        Access.requireStaff(author);
        String n = Fields.required("name", name, 40).toLowerCase(Locale.ROOT);
        if (n.startsWith("/")) n = n.substring(1);
        if (!REPLY_NAME.matcher(n).matches()) throw ApiError.invalid("name", "name may use a-z, 0-9, - and _ (up to 40)");
        String text = Fields.requiredText("body", body, MAX_REPLY);
        String slug = Fields.optional("service", service, 63);
        if (slug != null) {
            slug = services.findBySlug(slug).slug();
            Access.requireSupervisor(author, "Only a supervisor can save a reply for a whole service");
        }
        String s = slug;
        String finalName = n;
        Long owner = s == null ? author.id() : null;
        long id = jdbi.inTransaction(h -> {
            KbDao dao = new KbDao(h);
            if (dao.replyNameTaken(finalName, s, owner)) throw ApiError.conflict("name_taken", "A saved reply is already called /" + finalName);
            return dao.insertReply(finalName, text, s, owner, author.id());
        });
        return jdbi.withHandle(h -> new KbDao(h).reply(id)).orElseThrow();
    }

    public void doDeleteSavedReply(Staff actor, long id) {
        SavedReply r = jdbi.withHandle(h -> new KbDao(h).reply(id)).orElseThrow(() -> ApiError.notFound("Saved reply"));
        if (r.personal() ? r.ownerId() != actor.id() : !Access.canPublishArticles(actor)) {
            throw ApiError.forbidden("You cannot delete this saved reply");
        }
        jdbi.useHandle(h -> new KbDao(h).deleteReply(id));
    }
}
