-- The wait a report counts ends at the conversation's first public staff reply. Looking it up among the messages of each
-- of a month's 40,000 conversations made the report take seconds; the conversation now keeps it, written with the reply
-- (ConversationDao.append) and filled here for the conversations already there.
ALTER TABLE conversations ADD COLUMN first_reply_at TIMESTAMPTZ;
UPDATE conversations c SET first_reply_at = f.at
FROM (SELECT conversation_id, min(created_at) AS at FROM messages WHERE author_kind = 'agent' AND NOT internal GROUP BY conversation_id) f
WHERE f.conversation_id = c.id;
DROP INDEX IF EXISTS messages_first_reply;
