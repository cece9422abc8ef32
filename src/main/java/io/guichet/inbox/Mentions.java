package io.guichet.inbox;

import io.guichet.identity.Access;
import io.guichet.identity.IdentityService;
import io.guichet.identity.ServiceMemberships;
import io.guichet.identity.Staff;
import io.guichet.identity.Viewer;
import io.guichet.inbox.ConversationService.Sent;
import io.guichet.inbox.internal.MentionDao;
import io.guichet.platform.bus.Bus;
import io.guichet.platform.web.ApiError;
import io.guichet.platform.web.Fields;
import org.jdbi.v3.core.Jdbi;

import java.text.Collator;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * @mentions in internal notes. A note may name colleagues; each is told live ({@link MentionMade}) and finds it in
 * their mentions until they open the conversation. A mention grants nothing: only someone who may already read the
 * conversation can be mentioned ({@code Access.canBeMentioned}); naming anyone else refuses the note (422
 * {@code mentions}), and the suggestions never offer them.
 */
public final class Mentions {
    public static final int MAX_PER_NOTE = 10;
    private static final int SUGGESTED = 8;
    private static final int LISTED = 50;

    private final Jdbi jdbi;
    private final ConversationService conversations;
    private final IdentityService identity;
    private final ServiceMemberships memberships;
    private final Bus bus;

    public Mentions(Jdbi jdbi, ConversationService conversations, IdentityService identity, ServiceMemberships memberships, Bus bus) {
        this.jdbi = jdbi;
        this.conversations = conversations;
        this.identity = identity;
        this.memberships = memberships;
        this.bus = bus;
    }

    /** A colleague the writer may mention. */
    public record Colleague(long id, String name) {
    }

    /**
     * The colleagues to suggest while a note is written: those who may read the conversation (the writer aside), a word
     * of whose name begins with {@code typed}, case and accents ignored ("elo" finds Élodie), in French order.
     */
    public List<Colleague> accessMentionable(Viewer writer, long conversationId, String typed) {
        Conversation c = conversations.accessConversation(writer, conversationId);
        String q = fold(Fields.optional("q", typed, 60));
        Collator french = Collator.getInstance(Locale.CANADA_FRENCH);
        return identity.accessAllStaff(writer.staff()).stream()
                .filter(s -> s.active() && s.id() != writer.id() && s.id() != Staff.SYSTEM.id())
                .filter(s -> q.isEmpty() || startsAWord(fold(s.name()), q))
                .filter(s -> Access.canBeMentioned(memberships.viewer(s), c.serviceId(), c.assigneeId()))
                .sorted(Comparator.comparing(Staff::name, french))
                .limit(SUGGESTED)
                .map(s -> new Colleague(s.id(), s.name()))
                .toList();
    }

    /**
     * An internal note naming {@code mentioned} colleagues, stored with their mentions in one transaction; once committed,
     * each is told. Someone who cannot read the conversation refuses the whole note (the writer learns it at once).
     */
    public Sent doWriteNote(Viewer writer, long conversationId, String body, String clientId, List<Long> mentioned) {
        String text = ConversationService.validBody(body);
        Set<Long> ids = new LinkedHashSet<>(mentioned);
        ids.remove(writer.id());
        if (ids.size() > MAX_PER_NOTE) throw ApiError.invalid("mentions", "A note mentions at most " + MAX_PER_NOTE + " colleagues");
        List<Viewer> named = new ArrayList<>();
        for (long id : ids) {
            Staff s = identity.accessAllStaff(writer.staff()).stream().filter(x -> x.id() == id && x.active()).findFirst()
                    .orElseThrow(() -> ApiError.invalid("mentions", "mentions names someone who is not a staff member"));
            named.add(memberships.viewer(s));
        }
        Sent sent = conversations.agentMessage(writer, conversationId, text, clientId, true, (h, c, m) -> {
            MentionDao dao = new MentionDao(h);
            for (Viewer v : named) {
                // Checked on the locked conversation: a transfer cannot slip between the check and the note.
                if (!Access.canBeMentioned(v, c.serviceId(), c.assigneeId())) {
                    throw ApiError.invalid("mentions", v.staff().name() + " cannot read this conversation, so cannot be mentioned in it")
                            .because("mention_forbidden");
                }
                dao.insert(c.id(), m.id(), v.id(), writer.id());
            }
            return m;
        });
        if (!sent.duplicate()) named.forEach(v -> bus.publish(new MentionMade(conversationId, sent.message().id(), v.id())));
        return sent;
    }

    /** The reader's latest mentions (at most 50), newest first, in conversations they may still read. */
    public List<Mention> accessMentions(Viewer reader) {
        Access.requireStaff(reader.staff());
        return jdbi.withHandle(h -> new MentionDao(h).ofStaff(reader.id(), LISTED)).stream()
                .filter(m -> Access.canReadServiceWork(reader, m.serviceId(), m.assigneeId()))
                .toList();
    }

    /** The reader opened the conversation: its mentions of them are read. */
    public void doMarkRead(Viewer reader, long conversationId) {
        conversations.accessConversation(reader, conversationId);
        jdbi.useHandle(h -> new MentionDao(h).markRead(reader.id(), conversationId));
    }

    private static String fold(String s) {
        return s == null ? "" : Normalizer.normalize(s, Normalizer.Form.NFD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT);
    }

    private static boolean startsAWord(String name, String prefix) {
        for (String word : name.split("[\\s'’-]+")) if (word.startsWith(prefix)) return true;
        return name.startsWith(prefix);
    }
}
