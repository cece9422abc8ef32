package io.guichet.inbox;

import org.jdbi.v3.core.Jdbi;

import java.sql.Timestamp;
import java.time.Clock;

/**
 * The demo's last four weeks of chats, so the reports ({@code /insights/report}, {@code /insights/satisfaction}) and
 * staffing's forecast have a history to read on a fresh {@code java -jar}: about twenty conversations a weekday per
 * service, between 8:00 and 19:00, most answered within a minute or two, some after the target, one in twelve never
 * answered, one in eight left out of hours, one in five rated. It reuses the services, contacts and agents of the demo's
 * own conversations (seeded just before), so it touches only the inbox's tables.
 */
public final class ReportHistoryDemo {
    private ReportHistoryDemo() {
    }

    public static void doSeed(Jdbi jdbi, Clock clock) {
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            WITH s AS (SELECT array_agg(DISTINCT service_id) AS ids FROM conversations),
                                 p AS (SELECT array_agg(DISTINCT contact_id) AS ids FROM conversations),
                                 a AS (SELECT array_agg(DISTINCT assignee_id) FILTER (WHERE assignee_id IS NOT NULL) AS ids FROM conversations),
                                 n AS (SELECT i, d, t FROM generate_series(1, 28 * 60) i
                                       CROSS JOIN LATERAL (SELECT 1 + i % 28 AS d) dd
                                       CROSS JOIN LATERAL (SELECT date_trunc('day', CAST(:now AS timestamptz) - d * interval '1 day')
                                                                  + interval '12 hours' + ((i * 7919) % 660) * interval '1 minute' AS t) tt
                                       WHERE extract(isodow FROM t) < 7)
                            INSERT INTO conversations (service_id, contact_id, client_id, status, assignee_id, offline, lang, created_at, queued_at,
                                                       assigned_at, resolved_at, last_message_at)
                            SELECT s.ids[1 + i % cardinality(s.ids)], p.ids[1 + i % cardinality(p.ids)], 'demo-history-' || i, 'resolved',
                                   CASE WHEN i % 12 = 0 OR a.ids IS NULL THEN NULL ELSE a.ids[1 + i % cardinality(a.ids)] END, i % 8 = 0, 'fr',
                                   t, t, t + w, t + w + ((240 + (i * 37) % 900) * interval '1 second'),
                                   t + w + ((240 + (i * 37) % 900) * interval '1 second')
                            FROM n CROSS JOIN s CROSS JOIN p CROSS JOIN a
                            CROSS JOIN LATERAL (SELECT CASE WHEN i % 7 = 0 THEN (90 + (i * 13) % 400) ELSE (8 + (i * 31) % 70) END
                                                       * interval '1 second' AS w) ww
                            WHERE cardinality(s.ids) > 0 AND cardinality(p.ids) > 0""")
                    .bind("now", Timestamp.from(clock.instant())).execute();
            h.createUpdate("""
                    INSERT INTO messages (conversation_id, seq, author_kind, body, created_at)
                    SELECT id, 1, 'visitor', 'Bonjour, j’ai une question sur mon dossier.', created_at
                    FROM conversations WHERE client_id LIKE 'demo-history-%'""").execute();
            h.createUpdate("""
                    INSERT INTO messages (conversation_id, seq, author_kind, author_staff_id, body, created_at)
                    SELECT id, 2, 'agent', assignee_id, 'Bonjour! Je regarde votre dossier tout de suite.', assigned_at
                    FROM conversations WHERE client_id LIKE 'demo-history-%' AND assignee_id IS NOT NULL""").execute();
            h.createUpdate("""
                    UPDATE conversations SET last_seq = CASE WHEN assignee_id IS NULL THEN 1 ELSE 2 END, assigned_at = CASE WHEN assignee_id IS NULL
                        THEN NULL ELSE assigned_at END, first_reply_at = CASE WHEN assignee_id IS NULL THEN NULL ELSE assigned_at END
                    WHERE client_id LIKE 'demo-history-%'""").execute();
            h.createUpdate("""
                    INSERT INTO conversation_ratings (conversation_id, score, comment, rated_at)
                    SELECT id, CASE WHEN id % 9 = 0 THEN 2 WHEN id % 4 = 0 THEN 3 WHEN id % 3 = 0 THEN 4 ELSE 5 END,
                           CASE id % 6 WHEN 0 THEN 'Réponse claire et rapide, merci!' WHEN 3 THEN 'Un peu d’attente, mais on m’a bien aidé.' END,
                           resolved_at + interval '2 minutes'
                    FROM conversations WHERE client_id LIKE 'demo-history-%' AND assignee_id IS NOT NULL AND id % 5 = 0""").execute();
        });
    }
}
