-- A reply in a conversation is signed by the agent who wrote it (the From's display name, the address staying
-- GUICHET_MAIL_FROM) and asks to be answered at the reply mailbox (Reply-To with the conversation's signed token).
ALTER TABLE mail_outbox ADD COLUMN from_name TEXT, ADD COLUMN reply_to TEXT;
