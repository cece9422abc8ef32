package io.guichet.inbox;

import io.guichet.identity.Access;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.inbox.internal.LabelDao;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Jdbi;

import java.text.Collator;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Labels: administrators define them (name, colour); whoever may read a conversation puts them on it or takes them
 * off, as they may add a note; supervisors read how many conversations carry each.
 */
public final class LabelService {
    public static final int MAX_NAME = 40;
    private static final Pattern COLOUR = Pattern.compile("#[0-9a-f]{6}");

    private final Jdbi jdbi;
    private final ConversationService conversations;

    public LabelService(Jdbi jdbi, ConversationService conversations) {
        this.jdbi = jdbi;
        this.conversations = conversations;
    }

    /** A label and, over a period, how many conversations started then carry it and how many of those are resolved. */
    public record LabelCount(Label label, long conversations, long resolved) {
    }

    /** Every label in French alphabetical order (Élève among the E's); every staff member sees them to filter by. */
    public List<Label> accessLabels(Staff viewer) {
        Access.requireStaff(viewer);
        return sorted(jdbi.withHandle(h -> new LabelDao(h).all()), Label::name);
    }

    public Label doCreateLabel(Staff admin, String name, String colour) {
        Access.requireAdmin(admin);
        String n = Fields.required("name", name, MAX_NAME);
        String c = colour(colour);
        return jdbi.inTransaction(h -> {
            LabelDao dao = new LabelDao(h);
            if (dao.nameTaken(n, 0)) throw ApiError.conflict("name_taken", "A label is already called " + n);
            return dao.insert(n, c);
        });
    }

    public Label doUpdateLabel(Staff admin, long id, String name, String colour) {
        Access.requireAdmin(admin);
        String n = Fields.required("name", name, MAX_NAME);
        String c = colour(colour);
        return jdbi.inTransaction(h -> {
            LabelDao dao = new LabelDao(h);
            if (dao.nameTaken(n, id)) throw ApiError.conflict("name_taken", "A label is already called " + n);
            return dao.update(id, n, c).orElseThrow(() -> ApiError.notFound("Label"));
        });
    }

    /** Takes it off every conversation too. */
    public void doDeleteLabel(Staff admin, long id) {
        Access.requireAdmin(admin);
        if (!jdbi.withHandle(h -> new LabelDao(h).delete(id))) throw ApiError.notFound("Label");
    }

    public List<Label> accessConversationLabels(Viewer viewer, long conversationId) {
        conversations.accessConversation(viewer, conversationId);
        return jdbi.withHandle(h -> {
            LabelDao dao = new LabelDao(h);
            List<Long> ids = dao.ofConversation(conversationId);
            return sorted(dao.all().stream().filter(l -> ids.contains(l.id())).toList(), Label::name);
        });
    }

    /** Idempotent: adding a label it has, or removing one it has not, changes nothing. */
    public List<Label> doLabel(Viewer viewer, long conversationId, long labelId, boolean on) {
        conversations.accessConversation(viewer, conversationId); // reading it is the right: as for a note
        jdbi.useTransaction(h -> {
            LabelDao dao = new LabelDao(h);
            dao.find(labelId).orElseThrow(() -> ApiError.invalid("label", "There is no such label"));
            if (on) dao.add(conversationId, labelId, viewer.id());
            else dao.remove(conversationId, labelId);
        });
        return accessConversationLabels(viewer, conversationId);
    }

    /** Per label, most used first, then by name; conversations started in [from, until). */
    public List<LabelCount> accessLabelReport(Staff viewer, Instant from, Instant until) {
        Access.requireSupervisor(viewer, "Only a supervisor can read the reports");
        List<LabelCount> byName = sorted(jdbi.withHandle(h -> new LabelDao(h).counts(from, until)), c -> c.label().name());
        return byName.stream().sorted(Comparator.comparingLong(LabelCount::conversations).reversed()).toList();
    }

    private static <T> List<T> sorted(List<T> items, java.util.function.Function<T, String> name) {
        Collator french = Collator.getInstance(Locale.CANADA_FRENCH);
        return items.stream().sorted(Comparator.comparing(name, french)).toList();
    }

    private static String colour(String value) {
        String c = Fields.required("colour", value, 7).toLowerCase(Locale.ROOT);
        if (!COLOUR.matcher(c).matches()) throw ApiError.invalid("colour", "colour must be #rrggbb");
        return c;
    }
}
