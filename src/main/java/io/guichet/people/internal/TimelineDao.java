package io.guichet.people.internal;

import io.guichet.people.TimelineEntry;
import org.jdbi.v3.core.Handle;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.sql.Timestamp;
import java.util.Map;

/** SQL of the contact timeline. */
public final class TimelineDao {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Handle h;

    public TimelineDao(Handle h) {
        this.h = h;
    }

    /** Writes the entry on the contact it names, or on the contact that one was merged into; touches the contact's activity. */
    public void insert(TimelineEntry e) {
        h.createUpdate("""
                        WITH target AS (SELECT coalesce(merged_into, id) AS id FROM contacts WHERE id = :contact),
                             entry AS (INSERT INTO contact_timeline (contact_id, at, module, what, params, ref_kind, ref_id, staff_id)
                                       SELECT id, :at, :module, :what, CAST(:params AS jsonb), :refKind, :refId, :staff FROM target RETURNING contact_id)
                        UPDATE contacts SET last_activity_at = greatest(last_activity_at, :at) WHERE id IN (SELECT contact_id FROM entry)""")
                .bind("contact", e.contactId()).bind("at", Timestamp.from(e.at())).bind("module", e.module()).bind("what", e.what())
                .bind("params", json(e.params()))
                .bind("refKind", e.refKind()).bind("refId", e.refId()).bind("staff", e.staffId()).execute();
    }

    static String json(Map<String, String> params) {
        try {
            return JSON.writeValueAsString(params);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
