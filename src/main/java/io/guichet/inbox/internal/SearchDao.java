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

/** The search over conversations: one query for the words, the filters, the reader's rights and the page. */
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
        if (ConversationQuery.WIDGET.equals(q.channel())) and.add("c.origin_kind IS DISTINCT FROM '" + io.guichet.inbox.Origin.LIVE + "'");
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
        if (q.text() != null) {
            // Every word in the messages, or the whole text in the contact's name or email.
            and.add("""
                    (c.id IN (SELECT m.conversation_id FROM messages m WHERE m.author_kind <> 'system'
                              AND inbox_search_doc(m.body) @@ to_tsquery('simple', people_fold(:words)))
                     OR c.contact_id = ANY(:named))""");
            binds.put("words", f.tsQuery() == null ? "" : f.tsQuery());
            binds.put("named", f.namedContacts().toArray(Long[]::new));
        }
        if (f.after() != null) {
            and.add("(c.last_message_at, c.id) < (:afterAt, :afterId)");
            binds.put("afterAt", Timestamp.from(f.after().at()));
            binds.put("afterId", f.after().id());
        }
        String sql = "SELECT " + ConversationDao.CONVERSATION_COLUMNS + """
                , c.snoozed_at, c.snoozed_until,
                  ARRAY(SELECT l.label_id FROM conversation_labels l WHERE l.conversation_id = c.id ORDER BY l.label_id) AS labels
                """ + ConversationDao.FROM + (and.isEmpty() ? "" : "WHERE " + String.join(" AND ", and))
                + " ORDER BY c.last_message_at DESC, c.id DESC LIMIT :limit";
        var query = h.createQuery(sql).bind("limit", limit);
        binds.forEach(query::bind);
        return query.map((rs, ctx) -> new ConversationSearch.Found(ConversationDao.CONVERSATION.map(rs, ctx),
                rs.getTimestamp("snoozed_at") == null ? null : new Snooze(rs.getTimestamp("snoozed_until") == null ? null : rs.getTimestamp("snoozed_until").toInstant()),
                Arrays.asList((Long[]) rs.getArray("labels").getArray()))).list();
    }
}
