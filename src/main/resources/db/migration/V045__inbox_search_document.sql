-- One search document per conversation instead of an index over its messages. With the words on the conversation's
-- own row, a common word is found by walking the newest conversations (the first page is among the first few
-- dozen), and a rare one through this index; with the index on messages, every search first gathered every matching
-- message of the whole history, which for a common word was a sixth of them (p95 near 300 ms at 500,000
-- conversations). The document holds each distinct folded word once, without positions (strip): conversations that
-- run long grow by their new words only. The words are those of every message but the system's, internal notes
-- included, as before; messages are never edited, so appending (ConversationDao.append) keeps it exact.
ALTER TABLE conversations ADD COLUMN search_doc tsvector NOT NULL DEFAULT '';

UPDATE conversations c SET search_doc = d.doc
FROM (SELECT conversation_id, strip(inbox_search_doc(string_agg(body, ' ' ORDER BY seq))) AS doc
      FROM messages WHERE author_kind <> 'system' GROUP BY conversation_id) d
WHERE d.conversation_id = c.id;

CREATE INDEX conversations_search ON conversations USING gin (search_doc);
DROP INDEX messages_search;
