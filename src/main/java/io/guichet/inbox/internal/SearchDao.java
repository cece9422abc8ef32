package io.guichet.inbox.internal;

import io.guichet.inbox.ConversationQuery;
import io.guichet.inbox.ConversationSearch;
import io.guichet.inbox.Snooze;
import org.jdbi.v3.core.Handle;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The search over conversations: the words, the filters, the reader's rights and the page in one query, or two when the words are rare. */
public final class SearchDao {
    private final Handle h;

    public SearchDao(Handle h) {
        this.h = h;
    }

    /**
     * {@code readableServices} null reads every service; otherwise those and what is assigned to {@code viewerId}.
     * {@code namedContacts} are the contacts whose name or email holds the text; {@code contactIds} null is any contact.
     */
    public record Filter(List<Long> readableServices, long viewerId, ConversationQuery query, String tsQuery,
                         List<Long> namedContacts, List<Long> contactIds, ConversationSearch.Cursor after) {
    }

    /** How many of the newest conversations (after the filters) a search with words reads before asking the index. */
    static final int NEWEST = 5_000;

    public List<ConversationSearch.Found> search(Filter f, int limit) {
        ConversationQuery q = f.query();
        List<String> and = new ArrayList<>();
        Map<String, Object> binds = new LinkedHashMap<>();
        if (f.readableServices() != null) {
            and.add("(c.service_id = ANY(:readable) OR c.assignee_id = :me)");
            binds.put("readable", f.readableServices().toArray(Long[]::new));
            binds.put("me", f.viewerId());
        }
        if (q.assigneeId() != null) {
            and.add("c.assignee_id = :assignee");
            binds.put("assignee", q.assigneeId());
        }
        if (q.serviceId() != null) {
            and.add("c.service_id = :service");
            binds.put("service", q.serviceId());
        }
        if ("snoozed".equals(q.status())) and.add("c.snoozed_at IS NOT NULL");
        else if (q.status() != null) {
            and.add("c.status = :status" + ("resolved".equals(q.status()) ? "" : " AND c.snoozed_at IS NULL"));
            binds.put("status", q.status());
        }
        // the widget's conversations: all but the live nights' questions (a journey's chat is the widget on the applicant's page)
        // (nor the channels' own: Messenger, page comments, email)
        if (ConversationQuery.WIDGET.equals(q.channel())) and.add("(c.origin_kind IS NULL OR c.origin_kind NOT IN ('" + io.guichet.inbox.Origin.LIVE
                + "', '" + String.join("', '", new java.util.TreeSet<>(io.guichet.inbox.Conversation.CHANNEL_ORIGINS)) + "'))");
        else if (q.channel() != null) {
            and.add("c.origin_kind = :channel");
            binds.put("channel", q.channel());
        }
        if (f.contactIds() != null) {
            and.add("c.contact_id = ANY(:contacts)");
            binds.put("contacts", f.contactIds().toArray(Long[]::new));
        }
        if (q.from() != null) {
            and.add("c.created_at >= :from");
            binds.put("from", Timestamp.from(q.from()));
        }
        if (q.until() != null) {
            and.add("c.created_at < :until");
            binds.put("until", Timestamp.from(q.until()));
        }
        if (q.labelId() != null) {
            and.add("EXISTS (SELECT 1 FROM conversation_labels l WHERE l.conversation_id = c.id AND l.label_id = :label)");
            binds.put("label", q.labelId());
        }
        if (f.after() != null) {
            and.add("(c.last_message_at, c.id) < (:afterAt, :afterId)");
            binds.put("afterAt", Timestamp.from(f.after().at()));
            binds.put("afterId", f.after().id());
        }
        String filters = and.isEmpty() ? "TRUE" : String.join(" AND ", and);
        if (q.text() == null) return page(ConversationDao.FROM + "WHERE " + filters, binds, limit);

        // Every word in the messages, or the whole text in the contact's name or email.
        binds.put("words", f.tsQuery() == null ? "" : f.tsQuery());
        binds.put("named", f.namedContacts().toArray(Long[]::new));
        String text = "(c.search_doc @@ to_tsquery('simple', people_fold(:words)) OR c.contact_id = ANY(:named))";
        // A word of many conversations fills the page among the newest ones; the planner cannot tell it from a rare
        // word (a prefix has no statistics), so the newest are tried first and the index answers only when they fall short.
        List<ConversationSearch.Found> newest = page(" FROM (SELECT c.* FROM conversations c WHERE " + filters
                + " ORDER BY c.last_message_at DESC, c.id DESC LIMIT " + NEWEST + ") c WHERE " + text, binds, limit);
        if (newest.size() >= limit) return newest;
        // The matches gathered through the indexes first (an array the planner cannot walk in order), then sorted.
        return page("""
                 FROM conversations c WHERE c.id = ANY(ARRAY(
                   SELECT id FROM conversations WHERE search_doc @@ to_tsquery('simple', people_fold(:words))
                   UNION SELECT id FROM conversations WHERE contact_id = ANY(:named)))""" + " AND " + filters, binds, limit);
    }

    /** Conversations of {@code fromWhere}, newest activity first, with their snooze and labels. */
    private List<ConversationSearch.Found> page(String fromWhere, Map<String, Object> binds, int limit) {
        String sql = "SELECT " + ConversationDao.CONVERSATION_COLUMNS + """
                , c.snoozed_at, c.snoozed_until,
                  ARRAY(SELECT l.label_id FROM conversation_labels l WHERE l.conversation_id = c.id ORDER BY l.label_id) AS labels
                """ + fromWhere + " ORDER BY c.last_message_at DESC, c.id DESC LIMIT :limit";
        var query = h.createQuery(sql).bind("limit", limit);
        binds.forEach(query::bind);
        return query.map((rs, ctx) -> new ConversationSearch.Found(ConversationDao.CONVERSATION.map(rs, ctx),
                rs.getTimestamp("snoozed_at") == null ? null : new Snooze(rs.getTimestamp("snoozed_until") == null ? null : rs.getTimestamp("snoozed_until").toInstant()),
                Arrays.asList((Long[]) rs.getArray("labels").getArray()))).list();
    }
}
